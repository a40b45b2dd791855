// @ts-check
// Bundles every test file (unit, integration, ui) into out/test with esbuild: npm packages and
// `vscode` stay external, our own sources and JSON are inlined. Fast (well under a second) and
// keeps tests on the same TypeScript the product is built from.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// `--with-product`: build dist/ first, for tests that run the built CLI as a process.
if (process.argv.includes('--with-product')) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

/**
 * Every .ts file under `dir` (fixtures excepted).
 * @param {string} dir
 * @returns {string[]}
 */
function listTs(dir) {
  /** @type {string[]} */
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures') out.push(...listTs(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

// The in-host editor benchmark is a suite too: it runs in the extension host like the tests.
const entryPoints = [...listTs(path.join(root, 'test')), ...listTs(path.join(root, 'bench', 'host'))];
rmSync(path.join(root, 'out'), { recursive: true, force: true });
const started = Date.now();
await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'out',
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
console.log(`[build-tests] ${entryPoints.length} test files in ${Date.now() - started} ms`);
