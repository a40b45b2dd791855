// @ts-check
// `npm run bench:flashcards`: the flashcard player's host side against hostile input (issue 17),
// each scenario in a fresh process for its peak RSS. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { parseJson } from './lib/json.mjs';

/** What bench/flashcards.ts prints for a scenario (wall and CPU ms, then its own figures), or why it failed. @typedef {Record<string, string | number>} Figures */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-cards-'));
/** @type {[name: string, label: string][]} */
const SCENARIOS = [
  ['hostile-deck', 'a deck file: one card with 600,000 invalid tags (1.8 MB)'],
  ['many-tags', 'a valid deck: 5,000 cards, 100,000 distinct tags'],
  ['dev-zero', 'deckPaths ["/dev/zero"] through the deck reader'],
  ['unbounded-read', 'for comparison: /dev/zero read to its end, as a plain readFile does'],
  ['progress', 'loading stored progress of 5,000 studied cards'],
];

try {
  const bundle = path.join(work, 'flashcards.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'bench', 'flashcards.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', absWorkingDir: root, logLevel: 'warning' });
  /** @type {(string | number)[][]} */
  const rows = [];
  for (const [name, label] of SCENARIOS) {
    if ((name === 'dev-zero' || name === 'unbounded-read') && !existsSync('/dev/zero')) continue;
    const rssFile = path.join(work, `${name}.rss`);
    const run = spawnSync(process.execPath, ['-r', path.join(root, 'bench', 'peak-rss.cjs'), bundle, name], { env: { ...process.env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', timeout: 120_000 });
    /** @type {Figures} */
    const figures = run.stdout ? parseJson(run.stdout) : { error: run.stderr.split('\n')[0] ?? '' };
    const peak = existsSync(rssFile) ? Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) : '';
    const { ms = '', cpuMs = '', ...rest } = figures;
    rows.push([label, ms, cpuMs, peak, Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(', ')]);
  }
  table(['Flashcards, hostile input', 'wall ms', 'CPU ms', 'peak RSS MB', 'figures'], rows);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Like bench/table.mjs, but the last column (free text) is left-aligned too.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const [i, r] of all.entries()) {
    console.log(r.map((c, j) => (j === 0 || j === r.length - 1 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
