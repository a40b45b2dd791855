// `npm test`: type-check and lint, then the three test layers (unit, integration in a real
// extension host, UI checks with Playwright), then one plain closing line summing every layer:
// "N passed, N failed". Exits non-zero if any check or test failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2); // e.g. `npm test -- unit`
const tmp = mkdtempSync(path.join(os.tmpdir(), 'async-coach-test-'));

function run(label, command, args, env = {}) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label} ===`);
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => {
      console.log(`=== ${label}: ${code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
      resolve(code ?? 1);
    });
  });
}

const node = process.execPath;
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const layers = [
  { name: 'unit', pre: [node, [path.join(root, 'scripts', 'build-tests.mjs')]], cmd: [node, [bin('mocha', 'bin/mocha.js'), '--config', '.mocharc.unit.json']] },
  // The built CLI run as a process (dist/cli.js, worker threads, --watch, the pre-commit hook).
  { name: 'cli', pre: [node, [path.join(root, 'scripts', 'build-tests.mjs'), '--with-product']], cmd: [node, [bin('mocha', 'bin/mocha.js'), '--config', '.mocharc.cli.json']] },
  { name: 'integration', cmd: [node, [path.join(root, 'scripts', 'run-integration.mjs')]] },
  { name: 'ui', cmd: [node, [path.join(root, 'scripts', 'run-ui.mjs')]] },
].filter((l) => only.length === 0 || only.includes(l.name));

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
try {
  if (only.length === 0) {
    for (const [label, args] of [['typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.']], ['lint', [bin('eslint', 'bin/eslint.js'), '.']]]) {
      const code = await run(label, node, args);
      lines.push(`${label}: ${code === 0 ? 'ok' : 'FAILED'}`);
      if (code !== 0) totals.failed++;
    }
  }
  for (const layer of layers) {
    const countsFile = path.join(tmp, `${layer.name}.json`);
    let code = layer.pre ? await run(`${layer.name} (build)`, ...layer.pre) : 0;
    if (code === 0) code = await run(layer.name, ...layer.cmd, { ASYNC_COACH_COUNTS: countsFile });
    const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash outside any test still fails the run
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    lines.push(`${layer.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
