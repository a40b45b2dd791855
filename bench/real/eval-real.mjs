// @ts-check
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
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson } from '../../scripts/lib/json.mjs';
import { printTable as table } from '../table.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

/**
 * @param {string[]} argv
 * @returns {{ dir: string, json: string | undefined, only: Set<string> | undefined, cliFlags: string[] }}
 */
function parse(argv) {
  /** @type {{ dir: string | undefined, json: string | undefined, only: Set<string> | undefined, cliFlags: string[] }} */
  const out = { dir: undefined, json: undefined, only: undefined, cliFlags: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''; // i < argv.length
    if (a === '--json') out.json = argv[++i];
    else if (a === '--codebases') out.only = new Set(flagValue(argv, ++i).split(','));
    else if (a.startsWith('-')) {
      out.cliFlags.push(a);
      // CLI flags that take a value.
      if (['--select', '--ignore', '--target-version', '--jobs'].includes(a)) out.cliFlags.push(flagValue(argv, ++i));
    } else if (out.dir === undefined) out.dir = a;
    else throw new Error(`unexpected argument '${a}'`);
  }
  if (!out.dir) throw new Error('usage: npm run eval:real -- DIR [--json OUT] [--codebases a,b] [CLI FLAGS]');
  return { ...out, dir: out.dir };
}

function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
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
  /** @type {{ codebase: string, path: string, line: number, endLine: number, code: string, message: string }[]} */
  const all = [];
  /** @type {Map<string, Map<string, number>>} findings per code, by code base */
  const counts = new Map();
  /** @type {Set<string>} */
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
    /** @type {import('../../src/cli/format/json.js').JsonFinding[]} */
    const findings = parseJson(run.stdout || '[]');
    /** @type {Map<string, number>} */
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
  /** @type {(string | number)[][]} */
  const rows = [...counts].map(([name, perCode]) => [name, ...columns.map((c) => perCode.get(c) ?? 0)]);
  rows.push(['total', ...columns.map((c) => [...counts.values()].reduce((n, perCode) => n + (perCode.get(c) ?? 0), 0))]);
  table(['code base', ...columns], rows);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(all, null, 1));
    console.log(`\n${all.length} findings written to ${args.json}`);
  }
  return 0;
}

process.exitCode = main();
