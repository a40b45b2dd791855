// @ts-check
// ACO201 recall on planted unawaited coroutines (see mutate_awaits.py), by kind of callee, beside
// pyright's on the same mutants. Runs the built CLI over each mutated code base (one at a time),
// and pyright (when --pyright is given) on the mutated files of each base; pyright's answers are
// cached in <mutants>/pyright.json, since they do not change between CLI builds.
//
//   node bench/real/mutation-recall.mjs --mutants DIR --cli dist/cli.js [--pyright PATH/TO/pyright] [--label before] [--python PY]
//
// A mutant counts as caught by ACO201 when a finding is on the mutated line (statement form) or at
// the assignment (assigned form). pyright catches a statement mutant with reportUnusedCoroutine on
// that line, an assigned one with an error naming a coroutine type at the assignment or a later use.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson, readJson } from '../../scripts/lib/json.mjs';

/**
 * One planted bug in mutants.json (written by mutate_awaits.py): its code base, file (relative to
 * the base), line, form, kind of callee, the callee's text and, for the assigned form, the lines
 * that read the bound name later.
 * @typedef {{ base: string, file: string, line: number, form: string, kind: string, callee: string, uses: number[] }} Mutant
 */
/** @typedef {{ base: string, file: string, line: number, rule: string, message: string }} PyrightDiagnostic */
/** @typedef {{ file: string, range: { start: { line: number } }, rule?: string, message: string }} PyrightReportEntry */
/** @typedef {{ n: number, ours: number, pyright: number, both: number }} Row */

const args = process.argv.slice(2);
/**
 * @param {string} flag
 * @param {string | undefined} fallback
 * @returns {string | undefined}
 */
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i === -1) return fallback;
  const value = flagValue(args, i + 1);
  args.splice(i, 2);
  return value;
};
const dir = path.resolve(option('--mutants', '') ?? '');
const cli = path.resolve(option('--cli', 'dist/cli.js') ?? 'dist/cli.js');
const pyright = option('--pyright', undefined);
const label = option('--label', 'ours') ?? 'ours';
const python = option('--python', undefined);
/** @type {Mutant[]} */
const mutants = readJson(path.join(dir, 'mutants.json'));
const bases = [...new Set(mutants.map((m) => m.base))];

/**
 * @param {string} base
 * @param {string} file
 * @param {number} line
 */
const key = (base, file, line) => `${base}\u0000${file}\u0000${line}`;

/** The mutated lines where the CLI reports ACO201. */
function ours() {
  const found = new Set();
  for (const base of bases) {
    const root = path.join(dir, base);
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--select', 'ACO201', ...(python ? ['--python', python] : []), root], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`${base}: exit ${run.status}\n${run.stderr}`);
    /** @type {{ path: string, line: number }[]} */
    const findings = parseJson(run.stdout);
    for (const f of findings) found.add(key(base, path.relative(root, f.path), f.line));
  }
  return found;
}

/**
 * pyright's diagnostics on the mutated files, cached.
 * @param {string} pyright the pyright executable
 * @returns {PyrightDiagnostic[]}
 */
function pyrightDiagnostics(pyright) {
  const cache = path.join(dir, 'pyright.json');
  if (existsSync(cache)) return readJson(cache);
  /** @type {PyrightDiagnostic[]} */
  const all = [];
  for (const base of bases) {
    const root = path.join(dir, base);
    const files = [...new Set(mutants.filter((m) => m.base === base).map((m) => m.file))];
    const run = spawnSync(pyright, ['--outputjson', ...files], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    /** @type {{ generalDiagnostics?: PyrightReportEntry[] }} */
    const report = parseJson(run.stdout);
    for (const d of report.generalDiagnostics ?? []) {
      all.push({ base, file: path.relative(root, d.file), line: d.range.start.line + 1, rule: d.rule ?? '', message: d.message });
    }
  }
  writeFileSync(cache, JSON.stringify(all));
  return all;
}

/**
 * @param {Mutant} m
 * @param {PyrightDiagnostic[]} diagnostics
 */
function pyrightCaught(m, diagnostics) {
  const mine = diagnostics.filter((d) => d.base === m.base && d.file === m.file);
  if (m.form === 'statement') return mine.some((d) => d.line === m.line && d.rule === 'reportUnusedCoroutine');
  const lines = new Set([m.line, ...m.uses]);
  return mine.some((d) => lines.has(d.line) && /Coroutine/.test(d.message));
}

const found = ours();
const diagnostics = pyright ? pyrightDiagnostics(pyright) : undefined;
/** @type {Map<string, Row>} */
const rows = new Map();
/** @param {string} name */
const row = (name) => {
  let r = rows.get(name);
  if (!r) rows.set(name, (r = { n: 0, ours: 0, pyright: 0, both: 0 }));
  return r;
};
/** @type {string[]} */
const missed = [];
for (const m of mutants) {
  const caught = found.has(key(m.base, m.file, m.line));
  const theirs = diagnostics ? pyrightCaught(m, diagnostics) : false;
  for (const r of [row(`${m.form} / ${m.kind}`), row(`${m.form} / all`)]) {
    r.n++;
    if (caught) r.ours++;
    if (theirs) r.pyright++;
    if (caught && theirs) r.both++;
  }
  if (!caught) missed.push(`${m.form}\t${m.kind}\t${m.base}/${m.file}:${m.line}\t${m.callee}\tpyright=${theirs}`);
}
console.log(`kind\tmutants\t${label}\tpyright\tboth`);
for (const [name, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) console.log(`${name}\t${r.n}\t${r.ours}\t${diagnostics ? r.pyright : '-'}\t${diagnostics ? r.both : '-'}`);
writeFileSync(path.join(dir, `missed-${label}.tsv`), missed.join('\n') + '\n');
