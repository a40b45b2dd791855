// @ts-check
// Ruff's wasm build (@astral-sh/ruff-wasm-nodejs) linting a list of files with its asyncio rules
// (ASYNC) and RUF006 (dangling create_task), as one process: the anchor for `npm run bench`.
// Usage: node bench/ruff-lint.cjs LISTFILE [PASSES]  (one path per line; default 1 pass).
// Prints JSON timings on stdout: one pass is a cold process; a second pass shows the warm cost.
'use strict';
const started = performance.now();
const fs = require('node:fs');
const ruff = require('@astral-sh/ruff-wasm-nodejs');

const listFile = process.argv[2];
if (!listFile) throw new Error('usage: node bench/ruff-lint.cjs LISTFILE [PASSES]');
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const loaded = performance.now();
const workspace = new ruff.Workspace({ lint: { select: ['ASYNC', 'RUF006'] } }, ruff.PositionEncoding.Utf16);

/** @param {unknown} found Ruff's diagnostics for one file */
function countOf(found) {
  return Array.isArray(found) ? found.length : 0;
}

function pass() {
  let diagnostics = 0;
  const t0 = performance.now();
  for (const file of files) diagnostics += countOf(workspace.check(fs.readFileSync(file, 'utf8')));
  return { ms: performance.now() - t0, diagnostics };
}

const passes = Math.max(1, Number(process.argv[3] ?? 1));
const runs = [];
for (let i = 0; i < passes; i++) runs.push(pass());
process.stdout.write(JSON.stringify({
  version: ruff.Workspace.version(),
  loadMs: Math.round(loaded - started),
  lintMs: runs.map((r) => Math.round(r.ms)),
  diagnostics: runs[0]?.diagnostics ?? 0,
}) + '\n');
