// `npm run eval:real -- DIR [--json OUT] [--codebases a,b] [CLI FLAGS...]`: the built CLI over real code.
//
// DIR holds one folder per code base (for example a layout of public repositories). Each folder is
// checked as one run of `dist/cli.js check --format json` (so imports between its files resolve),
// one code base at a time, and the findings are counted per rule and per code base, with totals.
// `--json OUT` writes every finding as {codebase, path (relative to the code base), line, endLine,
// code, message}; keep OUT outside the repository (third-party paths and code do not belong in it).
// Flags the script does not know (`--concurrency-in-tests`, `--select ACO101`...) go to the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printTable as table } from '../table.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

function parse(argv) {
  const out = { dir: undefined, json: undefined, only: undefined, cliFlags: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = argv[++i];
    else if (a === '--codebases') out.only = new Set(argv[++i].split(','));
    else if (a.startsWith('-')) {
      out.cliFlags.push(a);
      // CLI flags that take a value.
      if (['--select', '--ignore', '--target-version', '--jobs'].includes(a)) out.cliFlags.push(argv[++i]);
    } else if (out.dir === undefined) out.dir = a;
    else throw new Error(`unexpected argument '${a}'`);
  }
  if (!out.dir) throw new Error('usage: npm run eval:real -- DIR [--json OUT] [--codebases a,b] [CLI FLAGS]');
  return out;
}

function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (!existsSync(cli)) {
    console.error(`${cli} is missing: run npm run build first`);
    return 2;
  }
  const dir = path.resolve(args.dir);
  const codebases = readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(path.join(dir, name)).isDirectory())
    .filter((name) => !args.only || args.only.has(name))
    .sort();
  if (codebases.length === 0) {
    console.error(`no code base folders under ${dir}`);
    return 2;
  }
  if (args.json && path.resolve(args.json).startsWith(root + path.sep)) {
    console.error(`warning: ${args.json} is inside the repository; findings on third-party code should live outside it`);
  }
  const all = [];
  const counts = new Map();
  const codes = new Set();
  for (const name of codebases) {
    const base = path.join(dir, name);
    const started = performance.now();
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args.cliFlags, base], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (run.status !== 0 && run.status !== 1) {
      console.error(`${name}: the CLI exited with ${run.status}: ${(run.stderr || '').split('\n').slice(-3).join(' ')}`);
      continue;
    }
    const internal = (run.stderr || '').split('\n').filter((l) => l.includes('internal error')).length;
    const findings = JSON.parse(run.stdout || '[]');
    const perCode = new Map();
    for (const f of findings) {
      codes.add(f.code);
      perCode.set(f.code, (perCode.get(f.code) ?? 0) + 1);
      all.push({ codebase: name, path: path.relative(base, path.resolve(f.path)), line: f.line, endLine: f.endLine, code: f.code, message: f.message });
    }
    counts.set(name, perCode);
    console.error(`${name}: ${findings.length} findings in ${seconds} s${internal ? `, ${internal} internal errors` : ''}`);
  }
  const columns = [...codes].sort();
  const rows = [...counts].map(([name, perCode]) => [name, ...columns.map((c) => perCode.get(c) ?? 0)]);
  rows.push(['total', ...columns.map((c, i) => rows.reduce((n, r) => n + r[i + 1], 0))]);
  table(['code base', ...columns], rows);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(all, null, 1));
    console.log(`\n${all.length} findings written to ${args.json}`);
  }
  return 0;
}

process.exitCode = main();
