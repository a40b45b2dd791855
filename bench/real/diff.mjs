// @ts-check
// Compares two corpus runs (directories of <name>.json written by run.mjs): prints the findings
// of the codes asked for that are in the second run and not the first, as TSV rows
// (codebase, path relative to the code base, line, code, message), ready to be audited.
//
//   node bench/real/diff.mjs BEFORE_DIR AFTER_DIR [--codes ACO301,ACO305] [--gone]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson } from '../../scripts/lib/json.mjs';

/** @typedef {import('../../src/cli/format/json.js').JsonFinding} JsonFinding */

const [before, after, ...rest] = process.argv.slice(2);
if (before === undefined || after === undefined) {
  console.error('usage: node bench/real/diff.mjs BEFORE_DIR AFTER_DIR [--codes ACO301,ACO305] [--gone]');
  process.exit(2);
}
const codesAt = rest.indexOf('--codes');
const codes = codesAt === -1 ? undefined : new Set(flagValue(rest, codesAt + 1).split(','));
const gone = rest.includes('--gone');
const [from, to] = gone ? [after, before] : [before, after];
/** @param {JsonFinding} f */
const key = (f) => `${f.path}\t${f.line}\t${f.code}`;
for (const file of readdirSync(to).filter((f) => f.endsWith('.json')).sort()) {
  const name = path.basename(file, '.json');
  /** @param {string} dir @returns {JsonFinding[]} the run's findings, none when it wrote no JSON */
  const read = (dir) => {
    try {
      return parseJson(readFileSync(path.join(dir, file), 'utf8'));
    } catch {
      return [];
    }
  };
  const old = new Set(read(from).map(key));
  for (const f of read(to)) {
    if (codes && !codes.has(f.code)) continue;
    if (old.has(key(f))) continue;
    const rel = f.path.split(`/${name}/`).slice(1).join(`/${name}/`) || f.path;
    console.log([name, rel, f.line, f.code, f.message.replace(/\s+/g, ' ')].join('\t'));
  }
}
