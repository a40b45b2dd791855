// @ts-check
// `npm test`: type-check and lint, then the three test layers (unit, integration in a real
// extension host, UI checks with Playwright), then one plain closing line summing every layer:
// "N passed, N failed". Exits non-zero if any check or test failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCounts } from './lib/counts.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2); // e.g. `npm test -- unit`
const tmp = mkdtempSync(path.join(os.tmpdir(), 'async-coach-test-'));

/**
 * Runs one step with its output shown, and says how it ended and how long it took.
 * @param {string} label
 * @param {string} command
 * @param {readonly string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<number>}
 */
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
/** @param {string} pkg @param {string} file */
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
/** @typedef {{ name: string, pre?: string[], args: string[] }} Layer  Node scripts: `pre` builds, `args` runs the layer. */
/** @type {Layer[]} */
const layers = [
  { name: 'unit', pre: [path.join(root, 'scripts', 'build-tests.mjs')], args: [bin('mocha', 'bin/mocha.js'), '--config', '.mocharc.unit.json'] },
  // The built CLI run as a process (dist/cli.js, worker threads, --watch, the pre-commit hook).
  { name: 'cli', pre: [path.join(root, 'scripts', 'build-tests.mjs'), '--with-product'], args: [bin('mocha', 'bin/mocha.js'), '--config', '.mocharc.cli.json'] },
  { name: 'integration', args: [path.join(root, 'scripts', 'run-integration.mjs')] },
  { name: 'ui', args: [path.join(root, 'scripts', 'run-ui.mjs')] },
].filter((l) => only.length === 0 || only.includes(l.name));

/** @type {[string, string[]][]} The checks before the tests: the product, the scripts (JSDoc types), the lint. */
const checks = [
  ['typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.']],
  ['typecheck (scripts)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.scripts.json']],
  ['lint', [bin('eslint', 'bin/eslint.js'), '.']],
];

const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const lines = [];
try {
  if (only.length === 0) {
    for (const [label, args] of checks) {
      const code = await run(label, node, args);
      lines.push(`${label}: ${code === 0 ? 'ok' : 'FAILED'}`);
      if (code !== 0) totals.failed++;
    }
  }
  for (const layer of layers) {
    const countsFile = path.join(tmp, `${layer.name}.json`);
    let code = layer.pre ? await run(`${layer.name} (build)`, node, layer.pre) : 0;
    if (code === 0) code = await run(layer.name, node, layer.args, { ASYNC_COACH_COUNTS: countsFile });
    const counts = readCounts(countsFile, code);
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
