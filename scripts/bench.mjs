// @ts-check
// `npm run bench`: figures for the analysis engine, printed side by side; nothing is asserted.
//   1. Whole processes over corpus A: `async-coach check` vs Ruff's wasm build (ASYNC + RUF006),
//      wall time and peak RSS, median of several alternating runs.
//   2. In process: parse and analysis ms per 1k lines; Ruff's cold and warm lint of the same files.
//   3. Editor: a 10k-line file analysed in full, then re-analysed after one-character edits (p50/p95).
// Corpus A: every .py containing `async def` under the local Python's lib directory (site-packages
// included); without python3, a generated corpus. `node scripts/bench.mjs [DIR] [--runs N]`.
// The editor figures run in a fresh process of their own, so the corpus run's heap does not weigh on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { corpusFiles, generatedCorpus, tenThousandLines } from '../bench/corpus.mjs';
import { parseJson } from './lib/json.mjs';

/**
 * What the measured programs print (bench/ruff-lint.cjs, bench/analysis.ts, the CLI's JSON).
 * @typedef {{ version: string, loadMs: number, lintMs: number[], diagnostics: number }} RuffReport
 * @typedef {{ lines: number, fullAnalysisMsMedian: number, keystrokes: number, reanalysisMsP50: number, reanalysisMsP95: number,
 *   reanalysisMsMax: number, reparseMsP50: number, reparseMsP95: number, analysisOnlyMsP50: number, analysisOnlyMsP95: number }} EditorReport
 * @typedef {{ parseMs: number, parseMsPer1kLines: number, analysisMs: number, analysisMsPer1kLines: number, editor: EditorReport }} AnalysisReport
 */

/** @param {string} stdout @returns {RuffReport} */
const ruffReport = (stdout) => parseJson(stdout);

/** @param {string} stdout the CLI's `--format json` output: how many findings */
const findingCount = (stdout) => /** @type {unknown[]} */ (parseJson(stdout)).length;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Math.max(1, Number(argv[runsFlag + 1]));
const dirArg = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-'));

try {
  const corpus = pickCorpus(dirArg);
  const listFile = path.join(work, 'files.txt');
  writeFileSync(listFile, corpus.files.join('\n'));
  const lines = corpus.files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
  const bytes = corpus.files.reduce((n, f) => n + readFileSync(f).length, 0);
  console.log(`Corpus: ${corpus.label}: ${corpus.files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB`);

  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' });
  const inprocess = path.join(work, 'analysis.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'analysis.ts')], outfile: inprocess, bundle: true, platform: 'node', format: 'cjs', target: 'node20', absWorkingDir: root, logLevel: 'warning',
    // web-tree-sitter finds itself through import.meta.url, empty in CJS: the same shim as the product build.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });

  // 1. Whole processes, alternating so machine noise hits both alike.
  const ours = [];
  const oursSingle = [];
  const ruff = [];
  for (let i = 0; i < runs; i++) {
    ours.push(measureProcess([path.join(root, 'dist', 'cli.js'), 'check', '--format', 'json', ...corpus.files]));
    oursSingle.push(measureProcess([path.join(root, 'dist', 'cli.js'), 'check', '--jobs', '1', '--format', 'json', ...corpus.files]));
    ruff.push(measureProcess([path.join(root, 'bench', 'ruff-lint.cjs'), listFile, '1']));
  }
  /** @type {RuffReport} */
  const ruffWarm = parseJson(measureProcess([path.join(root, 'bench', 'ruff-lint.cjs'), listFile, '3']).stdout);
  const [firstOurs, firstSingle, firstRuff] = [ours[0], oursSingle[0], ruff[0]];
  if (!firstOurs || !firstSingle || !firstRuff) throw new Error('no benchmark run happened');
  const oursFindings = findingCount(firstOurs.stdout);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const threads = Math.min(cores, 4, Math.floor(corpus.files.length / 16)) >= 2 ? Math.min(cores, 4, Math.floor(corpus.files.length / 16)) : 1;
  console.log(`\n1. Whole process over the corpus (median of ${runs} runs; peak RSS is the largest seen)`);
  table(
    ['', 'wall ms', 'peak RSS MB', 'findings'],
    [
      [`async-coach check (default: ${threads} threads)`, median(ours.map((r) => r.ms)), mb(Math.max(...ours.map((r) => r.rssKb))), oursFindings],
      ['async-coach check --jobs 1', median(oursSingle.map((r) => r.ms)), mb(Math.max(...oursSingle.map((r) => r.rssKb))), findingCount(firstSingle.stdout)],
      [`Ruff ${ruffWarm.version} wasm (ASYNC, RUF006)`, median(ruff.map((r) => r.ms)), mb(Math.max(...ruff.map((r) => r.rssKb))), ruffReport(firstRuff.stdout).diagnostics],
    ],
  );

  // 2 and 3. In process.
  const big = tenThousandLines(corpus.files, work);
  /** @param {Record<string, unknown>} input @returns {AnalysisReport} */
  const inProcessRun = (input) =>
    parseJson(
      spawnSync(process.execPath, [inprocess], {
        cwd: root,
        input: JSON.stringify({
          runtime: path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
          grammar: path.join(root, 'node_modules', 'tree-sitter-python', 'tree-sitter-python.wasm'),
          edits: 200,
          ...input,
        }),
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }).stdout,
    );
  const analysis = inProcessRun({ files: corpus.files });
  const editor = inProcessRun({ files: [], bigFile: big }).editor;
  console.log('\n2. In process, per 1k lines (after a warm-up)');
  table(
    ['', 'ms total', 'ms per 1k lines'],
    [
      ['tree-sitter parse', analysis.parseMs, analysis.parseMsPer1kLines],
      ['async-coach analysis (model + rules)', analysis.analysisMs, analysis.analysisMsPer1kLines],
      ['async-coach parse + analysis', analysis.parseMs + analysis.analysisMs, round2(analysis.parseMsPer1kLines + analysis.analysisMsPer1kLines)],
      ['Ruff wasm lint, cold (first pass, after load)', ruffWarm.lintMs[0] ?? NaN, round2(((ruffWarm.lintMs[0] ?? NaN) / lines) * 1000)],
      ['Ruff wasm lint, warm (third pass)', ruffWarm.lintMs[2] ?? NaN, round2(((ruffWarm.lintMs[2] ?? NaN) / lines) * 1000)],
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
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** @param {string | undefined} dir */
function pickCorpus(dir) {
  const files = corpusFiles(dir);
  if (files) return files;
  const generated = generatedCorpus(work);
  return { label: 'generated corpus (python3 not found)', files: generated };
}

/**
 * Runs `node -r peak-rss.cjs ...args` and returns wall ms, peak RSS (kB) and stdout.
 * @param {string[]} args
 * @returns {{ ms: number, rssKb: number, stdout: string }}
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

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** @param {number} kb */
function mb(kb) {
  return Math.round(kb / 1024);
}

/** @param {number} n */
function round2(n) {
  return Math.round(n * 100) / 100;
}

/** @param {string[]} header @param {unknown[][]} rows */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const [i, r] of all.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

// 4. The editor, measured inside a real VS Code extension host (needs the local test host).
console.log('\n4. Editor in a real extension host');
{
  const { existsSync, statSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  // The host the tests use, ASYNC_COACH_HOST_DIR included.
  const { SERVER_MAIN, packageInfo } = await import('./lib/host.mjs');
  if (!existsSync(SERVER_MAIN)) {
    console.log('  skipped: the VS Code test host is not installed (npm run host:setup), then npm run bench:editor');
  } else {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'bench-editor.mjs')], { stdio: 'inherit' });
    } catch {
      console.log('  the editor benchmark failed (its message is above)');
    }
  }
  const { vsix } = packageInfo();
  if (existsSync(vsix)) console.log(`\n.vsix: ${(statSync(vsix).size / 1024).toFixed(1)} KB (goal under 1 MB)`);
}
