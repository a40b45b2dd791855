// @ts-check
// `node bench/real/gather-recall.mjs DIR [--out TMP] [--codebases a,b] [CLI FLAGS...]`: ACO101's recall on code
// written to run concurrently.
//
// For each code base folder in DIR, rewrite_gathers.py copies it to TMP/<name> (default: a fresh temp dir) with
// every `asyncio.gather` of two or more calls in non-test code turned into consecutive awaits; the built CLI
// then checks the copy for ACO101, and each rewritten site counts as found when an ACO101 finding covers its
// first two awaits. Bare `await gather(...)` statements become bare awaits, which ACO101 reads only with
// `--include-bare-awaits`: they are counted apart. Prints one line per site and the totals; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson } from '../../scripts/lib/json.mjs';

/**
 * One rewritten gather in sites.json: its file (relative to the copy), its line in the original,
 * the first and last line of the awaits that replace it, its form and how many calls it held.
 * @typedef {{ file: string, originalLine: number, line: number, endLine: number, form: string, calls: number }} Site
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const rewrite = path.join(root, 'bench', 'real', 'rewrite_gathers.py');

const argv = process.argv.slice(2);
/** @type {string | undefined} */
let dir;
/** @type {string | undefined} */
let out;
/** @type {Set<string> | undefined} */
let only;
/** @type {string[]} */
const cliFlags = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i] ?? ''; // i < argv.length
  if (a === '--out') out = argv[++i];
  else if (a === '--codebases') only = new Set(flagValue(argv, ++i).split(','));
  else if (a.startsWith('-')) cliFlags.push(a);
  else dir = a;
}
if (!dir || !existsSync(cli)) {
  console.error(!dir ? 'usage: node bench/real/gather-recall.mjs DIR [--out TMP] [--codebases a,b] [CLI FLAGS]' : `${cli} is missing: run npm run build first`);
  process.exit(2);
}
out = path.resolve(out ?? mkdtempSync(path.join(os.tmpdir(), 'async-coach-gathers-')));
if (out.startsWith(root + path.sep)) {
  console.error('--out must lie outside the repository (the copies hold third-party code)');
  process.exit(2);
}

const totals = { sites: 0, found: 0, bare: 0, bareFound: 0 };
const names = readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory() && (!only || only.has(n))).sort();
for (const name of names) {
  const target = path.join(out, name);
  const made = spawnSync('python3', [rewrite, path.join(dir, name), target], { encoding: 'utf8' });
  if (made.status !== 0) {
    console.error(`${name}: rewrite failed: ${made.stderr.trim()}`);
    continue;
  }
  /** @type {Site[]} */
  const sites = parseJson(readFileSync(path.join(target, 'sites.json'), 'utf8'));
  if (sites.length === 0) continue;
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--select', 'ACO101', ...cliFlags, target], { encoding: 'utf8', maxBuffer: 1 << 30 });
  /** @type {import('../../src/cli/format/json.js').JsonFinding[]} */
  const reported = parseJson(run.stdout || '[]');
  const findings = reported.map((f) => ({ ...f, rel: path.relative(target, path.resolve(f.path)) }));
  for (const site of sites) {
    // Found when one finding spans the first two rewritten awaits.
    const hit = findings.some((f) => f.rel === site.file && f.line <= site.line && f.endLine >= site.line + 1);
    const bare = site.form === 'bare';
    totals[bare ? 'bare' : 'sites']++;
    if (hit) totals[bare ? 'bareFound' : 'found']++;
    console.log(`${hit ? 'found ' : 'missed'}  ${name}/${site.file}:${site.originalLine}  (${site.form}, ${site.calls} calls; rewritten at line ${site.line})`);
  }
}
/** @param {number} a @param {number} b */
const pct = (a, b) => (b === 0 ? 'n/a' : `${Math.round((a / b) * 100)}%`);
console.log(`\nassigned/returned gathers: ${totals.found} of ${totals.sites} flagged (${pct(totals.found, totals.sites)})`);
console.log(`bare gathers (need --include-bare-awaits): ${totals.bareFound} of ${totals.bare} flagged (${pct(totals.bareFound, totals.bare)})`);
console.log(`copies under ${out}`);
