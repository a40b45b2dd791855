// @ts-check
// For contributors with internet access: runs the same integration suite in desktop VS Code,
// downloaded by @vscode/test-electron. The machines this project's CI runs on cannot reach
// Microsoft's download host, so CI uses scripts/run-integration.mjs (code-server) instead.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-tests.mjs')], { stdio: 'inherit' });
const workspace = mkdtempSync(path.join(os.tmpdir(), 'async-coach-desktop-'));
cpSync(path.join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`[desktop-tests] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
