// @ts-check
// `npm run bench`: figures for the analysis engine, printed side by side; nothing is asserted.
//   1. Whole processes over corpus A: `async-coach check` vs Ruff's wasm build (ASYNC + RUF006),
//      wall time and peak RSS, median of several alternating runs.
//   2. In process: parse and analysis ms per 1k lines; Ruff's cold and warm lint of the same files.
//   3. Editor: a 10k-line file analysed in full, then re-analysed after one-character edits (p50/p95).
//   4. Scaling: shapes that once cost the square of their size (many findings in one file, long
//      call chains), each at two sizes: a per-unit cost that grows with the size is a quadratic step.
//   5. The editor in a real extension host.
//   6. The language server over stdio (`async-coach server`), its core on a worker thread side by side
//      with the same core on the protocol thread (the server before the worker): open a 10k-line file,
//      edit to published diagnostics, how long a request waits meanwhile, loop delay, memory.
// Corpus A: every .py containing `async def` under the local Python's lib directory (site-packages
// included); without python3, a generated corpus. `node scripts/bench.mjs [DIR] [--runs N] [--only scaling]`.
// The editor figures run in a fresh process of their own, so the corpus run's heap does not weigh on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { corpusFiles, generatedCorpus, tenThousandLines } from '../bench/corpus.mjs';
import { measureServer } from '../bench/server/driver.mjs';
import { printTable as table } from '../bench/table.mjs';
import { parseJson } from './lib/json.mjs';

/**
 * What bench/scaling.ts prints: figures for each size of the two shapes.
 * @typedef {object} ScalingFigures
 * @property {{ functions: number, kb: number, findings: number, analysisMs: number, analysisMsPer1kFindings: number, combineFixesMs: number, fixesCombined: number, applyEditsMs: number }[]} findings
 * @property {{ calls: number, kb: number, analysisMs: number, msPer1kCalls: number }[]} chains
 */
/**
 * What bench/analysis.ts prints; `editor` when it was given a big file.
 * @typedef {object} AnalysisFigures
 * @property {number} files
 * @property {number} lines
 * @property {number} findings
 * @property {number} parseMs
 * @property {number} analysisMs
 * @property {number} parseMsPer1kLines
 * @property {number} analysisMsPer1kLines
 * @property {EditorFigures} [editor]
 */
/**
 * @typedef {object} EditorFigures
 * @property {number} lines
 * @property {number} fullAnalysisMsMedian
 * @property {number} keystrokes
 * @property {number} reanalysisMsP50
 * @property {number} reanalysisMsP95
 * @property {number} reanalysisMsMax
 * @property {number} reparseMsP50
 * @property {number} reparseMsP95
 * @property {number} analysisOnlyMsP50
 * @property {number} analysisOnlyMsP95
 */
/** What bench/ruff-lint.cjs prints: Ruff's version, its load ms, each pass's lint ms, the first pass's diagnostics. @typedef {{ version: string, loadMs: number, lintMs: number[], diagnostics: number }} RuffFigures */
/** A whole-process run: wall ms, peak RSS in kB, stdout. @typedef {{ ms: number, rssKb: number, stdout: string }} ProcessRun */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Math.max(1, Number(argv[runsFlag + 1]));
const onlyFlag = argv.indexOf('--only');
const only = onlyFlag === -1 ? undefined : argv[onlyFlag + 1];
const dirArg = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs' && argv[i - 1] !== '--only');
const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-'));
const wasm = {
  runtime: path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
  grammar: path.join(root, 'node_modules', 'tree-sitter-python', 'tree-sitter-python.wasm'),
};

try {
  if (only === undefined) await corpusSections();
  if (only === undefined || only === 'scaling') await scalingSection();
  if (only === undefined || only === 'server') await serverSection();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Bundles a bench entry point (TypeScript over our sources) into the work folder.
 * @param {string} entry  a file under bench/
 * @returns {Promise<string>} the bundle
 */
async function bundle(entry) {
  const outfile = path.join(work, path.basename(entry).replace(/\.ts$/, '.cjs'));
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', absWorkingDir: root, logLevel: 'warning',
    // web-tree-sitter finds itself through import.meta.url, empty in CJS: the same shim as the product build.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return outfile;
}

/**
 * Runs a bundled bench script in a fresh process with `input` as JSON on stdin; returns its JSON.
 * @template T  what the script prints
 * @param {string} script
 * @param {object} input
 * @returns {T}
 */
function runBundled(script, input) {
  const r = spawnSync(process.execPath, [script], { cwd: root, input: JSON.stringify({ ...wasm, ...input }), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${path.basename(script)} exited ${r.status}: ${r.stderr}`);
  return parseJson(r.stdout);
}

async function serverSection() {
  const corpus = pickCorpus(dirArg);
  const big = tenThousandLines(corpus.files, work);
  const lines = readFileSync(big, 'utf8').split('\n').length;
  const script = await bundle('server/entry.ts');
  process.env.ASYNC_COACH_ROOT = root;
  /** @type {[string, string[]][]} */
  const modes = [
    ['core on the protocol thread (before)', ['--in-thread']],
    ['core on a worker thread (after)', []],
  ];
  /** @type {[string, import('../bench/server/driver.mjs').ServerFigures][]} */
  const results = [];
  for (const [label, extra] of modes) results.push([label, await measureServer({ command: process.execPath, args: [script, '--stdio', ...extra], file: big, edits: 60 })]);
  console.log(`\n6. Language server over stdio: one ${lines}-line file, 60 one-character edits, debounce 0, a ping every 20 ms`);
  table(
    ['', 'open to diagnostics ms', 'edit to diagnostics p50 / p95 ms', 'ping wait p50 / max ms', 'protocol loop delay p99 / max ms', 'RSS / peak MB'],
    results.map(([label, r]) => [label, r.openMs, `${r.editP50} / ${r.editP95}`, `${r.pingP50} / ${r.pingMax}`, `${r.lagP99} / ${r.lagMax}`, `${r.rssMb} / ${r.peakMb}`]),
  );
}

async function scalingSection() {
  /** @type {ScalingFigures} */
  const figures = runBundled(await bundle('scaling.ts'), {});
  console.log('\n4. Scaling: one file, two sizes (a per-unit cost that grows with the size means a quadratic step)');
  table(
    ['many findings in one file', 'KB', 'findings', 'analysis ms', 'ms per 1k findings', 'fix-all edits ms', 'apply ms'],
    figures.findings.map((f) => [`${f.functions} coroutines`, f.kb, f.findings, f.analysisMs, f.analysisMsPer1kFindings, f.combineFixesMs, f.applyEditsMs]),
  );
  console.log('');
  table(
    ['chained calls in one coroutine', 'KB', 'analysis ms', 'ms per 1k calls'],
    figures.chains.map((c) => [`${c.calls} calls`, c.kb, c.analysisMs, c.msPer1kCalls]),
  );
}

async function corpusSections() {
  const corpus = pickCorpus(dirArg);
  const listFile = path.join(work, 'files.txt');
  writeFileSync(listFile, corpus.files.join('\n'));
  const lines = corpus.files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
  const bytes = corpus.files.reduce((n, f) => n + readFileSync(f).length, 0);
  console.log(`Corpus: ${corpus.label}: ${corpus.files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB`);

  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' });
  const inprocess = await bundle('analysis.ts');

  // 1. Whole processes, alternating so machine noise hits both alike.
  /** @type {ProcessRun[]} */
  const ours = [];
  /** @type {ProcessRun[]} */
  const oursSingle = [];
  /** @type {ProcessRun[]} */
  const ruff = [];
  for (let i = 0; i < runs; i++) {
    ours.push(measureProcess([path.join(root, 'dist', 'cli.js'), 'check', '--format', 'json', ...corpus.files]));
    oursSingle.push(measureProcess([path.join(root, 'dist', 'cli.js'), 'check', '--jobs', '1', '--format', 'json', ...corpus.files]));
    ruff.push(measureProcess([path.join(root, 'bench', 'ruff-lint.cjs'), listFile, '1']));
  }
  /** @type {RuffFigures & { lintMs: [cold: number, second: number, warm: number] }} three passes */
  const ruffWarm = parseJson(measureProcess([path.join(root, 'bench', 'ruff-lint.cjs'), listFile, '3']).stdout);
  const oursFindings = findingCount(first(ours));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const threads = Math.min(cores, 4, Math.floor(corpus.files.length / 16)) >= 2 ? Math.min(cores, 4, Math.floor(corpus.files.length / 16)) : 1;
  console.log(`\n1. Whole process over the corpus (median of ${runs} runs; peak RSS is the largest seen)`);
  table(
    ['', 'wall ms', 'peak RSS MB', 'findings'],
    [
      [`async-coach check (default: ${threads} threads)`, median(ours.map((r) => r.ms)), mb(Math.max(...ours.map((r) => r.rssKb))), oursFindings],
      ['async-coach check --jobs 1', median(oursSingle.map((r) => r.ms)), mb(Math.max(...oursSingle.map((r) => r.rssKb))), findingCount(first(oursSingle))],
      [`Ruff ${ruffWarm.version} wasm (ASYNC, RUF006)`, median(ruff.map((r) => r.ms)), mb(Math.max(...ruff.map((r) => r.rssKb))), /** @type {RuffFigures} */ (parseJson(first(ruff).stdout)).diagnostics],
    ],
  );

  // 2 and 3. In process.
  const big = tenThousandLines(corpus.files, work);
  /** @param {{ files: string[], bigFile?: string }} input @returns {AnalysisFigures} */
  const inProcessRun = (input) => runBundled(inprocess, { edits: 200, ...input });
  const analysis = inProcessRun({ files: corpus.files });
  const editor = inProcessRun({ files: [], bigFile: big }).editor;
  if (!editor) throw new Error('bench/analysis.ts printed no editor figures for the big file');
  console.log('\n2. In process, per 1k lines (after a warm-up)');
  table(
    ['', 'ms total', 'ms per 1k lines'],
    [
      ['tree-sitter parse', analysis.parseMs, analysis.parseMsPer1kLines],
      ['async-coach analysis (model + rules)', analysis.analysisMs, analysis.analysisMsPer1kLines],
      ['async-coach parse + analysis', analysis.parseMs + analysis.analysisMs, round2(analysis.parseMsPer1kLines + analysis.analysisMsPer1kLines)],
      ['Ruff wasm lint, cold (first pass, after load)', ruffWarm.lintMs[0], round2((ruffWarm.lintMs[0] / lines) * 1000)],
      ['Ruff wasm lint, warm (third pass)', ruffWarm.lintMs[2], round2((ruffWarm.lintMs[2] / lines) * 1000)],
    ],
  );
  const e = editor;
  console.log(`\n3. Editor: one ${e.lines}-line file (corpus files joined)`);
  table(
    ['', 'ms'],
    [
      ['full parse + analysis (median of 5)', e.fullAnalysisMsMedian],
      [`keystroke (re-parse + re-analysis), p50 (${e.keystrokes} edits)`, e.reanalysisMsP50],
      ['keystroke (re-parse + re-analysis), p95', e.reanalysisMsP95],
      ['keystroke (re-parse + re-analysis), max', e.reanalysisMsMax],
      ['  of which incremental re-parse, p50 / p95', `${e.reparseMsP50} / ${e.reparseMsP95}`],
      ['  of which re-analysis, p50 / p95', `${e.analysisOnlyMsP50} / ${e.analysisOnlyMsP95}`],
    ],
  );
}

/**
 * Corpus A from `dir` or the local Python, else a generated one.
 * @param {string | undefined} dir
 * @returns {{ label: string, files: string[] }}
 */
function pickCorpus(dir) {
  const files = corpusFiles(dir);
  if (files) return files;
  const generated = generatedCorpus(work);
  return { label: 'generated corpus (python3 not found)', files: generated };
}

/**
 * Runs `node -r peak-rss.cjs ...args` and returns wall ms, peak RSS (kB) and stdout.
 * @param {string[]} args
 * @returns {ProcessRun}
 */
function measureProcess(args) {
  const rssFile = path.join(work, `rss-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'bench', 'peak-rss.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args[0]} exited ${r.status}: ${r.stderr}`);
  return { ms: Math.round(ms), rssKb: Number(readFileSync(rssFile, 'utf8')), stdout: r.stdout };
}

/**
 * The first of the runs: there is one at least, as runs >= 1.
 * @template T
 * @param {T[]} list
 * @returns {T}
 */
function first(list) {
  const [item] = list;
  if (item === undefined) throw new Error('no runs were measured');
  return item;
}

/** How many findings a `check --format json` run printed. @param {ProcessRun} run */
function findingCount(run) {
  return /** @type {import('../src/cli/format/json.js').JsonFinding[]} */ (parseJson(run.stdout)).length;
}

/** @param {number[]} xs  one at least (runs >= 1) @returns {number} */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** @param {number} kb */
function mb(kb) {
  return Math.round(kb / 1024);
}

/** @param {number} n */
function round2(n) {
  return Math.round(n * 100) / 100;
}

// 5. The editor, measured inside a real VS Code extension host (needs the local test host).
if (only === undefined) {
  console.log('\n5. Editor in a real extension host');
  const { existsSync, statSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  // The host the test scripts use: ASYNC_COACH_HOST_DIR when set, else the checkout's own.
  const { SERVER_MAIN: host } = await import('./lib/host.mjs');
  if (!existsSync(host)) {
    console.log('  skipped: the VS Code test host is not installed (npm run host:setup), then npm run bench:editor');
  } else {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'bench-editor.mjs')], { stdio: 'inherit' });
    } catch {
      console.log('  the editor benchmark failed (its message is above)');
    }
  }
  /** @type {{ name: string, version: string }} */
  const { version, name } = parseJson(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${name}-${version}.vsix`);
  if (existsSync(vsix)) console.log(`\n.vsix: ${(statSync(vsix).size / 1024).toFixed(1)} KB (goal under 1 MB)`);
}
