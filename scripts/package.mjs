// @ts-check
// Packages async-coach-<version>.vsix with vsce (which runs `vscode:prepublish`: the production
// build) and prints its size. Dependencies are bundled by esbuild, so vsce skips node_modules.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { packageInfo, ROOT } from './lib/host.mjs';

const root = ROOT;
const out = process.argv[2] ?? packageInfo().vsix;

try {
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: root,
  });
} catch {
  console.error('[package] vsce failed (its message is above)');
  process.exit(1);
}
const kb = statSync(out).size / 1024;
console.log(`[package] ${path.relative(process.cwd(), out) || out}: ${kb.toFixed(1)} KB${kb > 1024 ? ' (over the 1 MB goal)' : ''}`);
