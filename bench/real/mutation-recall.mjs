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
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const dir = path.resolve(option('--mutants', ''));
const cli = path.resolve(option('--cli', 'dist/cli.js'));
const pyright = option('--pyright', undefined);
const label = option('--label', 'ours');
const python = option('--python', undefined);
const mutants = JSON.parse(readFileSync(path.join(dir, 'mutants.json'), 'utf8'));
const bases = [...new Set(mutants.map((m) => m.base))];

const key = (base, file, line) => `${base}\u0000${file}\u0000${line}`;

function ours() {
  const found = new Set();
  for (const base of bases) {
    const root = path.join(dir, base);
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--select', 'ACO201', ...(python ? ['--python', python] : []), root], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`${base}: exit ${run.status}\n${run.stderr}`);
    for (const f of JSON.parse(run.stdout)) found.add(key(base, path.relative(root, f.path), f.line));
  }
  return found;
}

function pyrightDiagnostics() {
  const cache = path.join(dir, 'pyright.json');
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const all = [];
  for (const base of bases) {
    const root = path.join(dir, base);
    const files = [...new Set(mutants.filter((m) => m.base === base).map((m) => m.file))];
    const run = spawnSync(pyright, ['--outputjson', ...files], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const report = JSON.parse(run.stdout);
    for (const d of report.generalDiagnostics ?? []) {
      all.push({ base, file: path.relative(root, d.file), line: d.range.start.line + 1, rule: d.rule ?? '', message: d.message });
    }
  }
  writeFileSync(cache, JSON.stringify(all));
  return all;
}

function pyrightCaught(m, diagnostics) {
  const mine = diagnostics.filter((d) => d.base === m.base && d.file === m.file);
  if (m.form === 'statement') return mine.some((d) => d.line === m.line && d.rule === 'reportUnusedCoroutine');
  const lines = new Set([m.line, ...m.uses]);
  return mine.some((d) => lines.has(d.line) && /Coroutine/.test(d.message));
}

const found = ours();
const diagnostics = pyright ? pyrightDiagnostics() : undefined;
const rows = new Map();
const row = (name) => rows.get(name) ?? rows.set(name, { n: 0, ours: 0, pyright: 0, both: 0 }).get(name);
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
