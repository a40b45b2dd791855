// @ts-check
// Runs a built CLI over each code base of a corpus laid out as <corpus>/<name>/ (see MANIFEST.tsv)
// and writes <out>/<name>.json (the CLI's JSON findings) and <out>/<name>.err. Outputs belong
// outside the repository (for example under /work/corpus-results/).
//
//   node bench/real/run.mjs --cli dist/cli.js --corpus /work/corpus --out DIR [--extend-select ACO304] [NAME...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson } from '../../scripts/lib/json.mjs';

const args = process.argv.slice(2);
/**
 * The value of `flag`, taken out of `args` (what is left names the code bases).
 * @template {string | undefined} F
 * @param {string} flag
 * @param {F} fallback
 * @returns {string | F}
 */
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i === -1) return fallback;
  const value = flagValue(args, i + 1);
  args.splice(i, 2);
  return value;
};
const cli = path.resolve(option('--cli', 'dist/cli.js'));
const corpus = path.resolve(option('--corpus', '/work/corpus'));
const out = option('--out', undefined);
const extend = option('--extend-select', undefined);
if (!out) throw new Error('--out DIR is required');
mkdirSync(out, { recursive: true });
const names = args.length > 0 ? args : readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
for (const name of names) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...(extend ? ['--extend-select', extend] : []), path.join(corpus, name)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  writeFileSync(path.join(out, `${name}.json`), run.stdout);
  writeFileSync(path.join(out, `${name}.err`), run.stderr);
  const count = run.status === 0 || run.status === 1 ? /** @type {import('../../src/cli/format/json.js').JsonFinding[]} */ (parseJson(run.stdout)).length : `exit ${run.status}`;
  console.log(`${name}: ${count} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
