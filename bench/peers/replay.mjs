// @ts-check
// `npm run bench:peers`: replays the test fixtures of six peer linters (pyright, Fixit, Ruff,
// flake8-async, sonar-python, wemake-python-styleguide) through our built CLI and scores them:
// of the lines a peer marks as a bug whose rule maps to one of ours (mapping.json), how many we
// flag; and every finding of ours on a line the peer checks and leaves alone. verdicts.tsv holds
// our judgement of single lines (a peer bug we disagree with, the reason for a miss, a finding on a
// peer's OK line). The fixtures are read from the peers' git mirrors at run time and laid out in a
// temporary directory outside the repository; nothing of theirs is kept.
//
//   node bench/peers/replay.mjs [--cli dist/cli.js] [--mirrors /work/.mirror] [--write results.tsv] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flake8AsyncCases } from './extract/flake8Async.mjs';
import { pyrightCases } from './extract/pyright.mjs';
import { ruffCases } from './extract/ruff.mjs';
import { fixitCases, wemakeCases } from './extract/snippets.mjs';
import { sonarCases } from './extract/sonar.mjs';
import { flagValue } from '../../scripts/lib/args.mjs';
import { parseJson, readJson } from '../../scripts/lib/json.mjs';
import { Mirror } from './git.mjs';
import { printReport, scoreCase } from './score.mjs';

/** @typedef {import('./score.mjs').Case} Case */
/** @typedef {import('./score.mjs').Finding} Finding */
/** @typedef {import('./score.mjs').Verdict} Verdict */
/**
 * A peer in mapping.json: its repository, what each of its rules maps to, and for pyright the
 * samples that test a mapped rule and the rule judged in every other sample.
 * @typedef {object} Peer
 * @property {string} repo
 * @property {Record<string, import('./score.mjs').RuleMapping>} rules
 * @property {Record<string, import('./extract/pyright.mjs').Sample>} [samples]
 * @property {string} [defaultRule]
 */
/** @typedef {{ about: string, peers: Record<string, Peer> }} Mapping */

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..', '..');
const args = parseArgs(process.argv.slice(2));
/** @type {Mapping} */
const mapping = readJson(path.join(here, 'mapping.json'));
const verdicts = readVerdicts(path.join(here, 'verdicts.tsv'));

/** @type {Record<string, (m: Mirror, rules: Set<string>, peer: Peer) => Case[]>} */
const EXTRACTORS = {
  ruff: (m, rules) => ruffCases(m, rules),
  'flake8-async': (m, rules) => flake8AsyncCases(m, rules),
  'sonar-python': (m, rules) => sonarCases(m, rules),
  fixit: (m, rules) => fixitCases(m, rules),
  wemake: (m, rules) => wemakeCases(m, rules),
  pyright: (m, _rules, peer) => pyrightCases(m, peer.samples ?? {}, peer.defaultRule ?? ''),
};

const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-peers-'));
try {
  const peers = [];
  for (const [name, peer] of Object.entries(mapping.peers)) {
    const mirror = new Mirror(args.mirrors, peer.repo);
    const extract = EXTRACTORS[name];
    if (!extract) throw new Error(`mapping.json names peer ${name}, which has no extractor`);
    const cases = extract(mirror, new Set(Object.keys(peer.rules)), peer);
    layOut(work, name, cases);
    peers.push({ name, peer, commit: mirror.head(), cases });
  }
  writeFileSync(path.join(work, 'pyproject.toml'), `[tool.async-coach]\nselect = ${JSON.stringify(ruleCodes())}\n`);
  const findings = runCli(args.cli, work);
  const rows = [];
  for (const { name, peer, cases } of peers) {
    for (const c of cases) rows.push(...scoreCase(name, peer.rules, c, findings.get(`${name}/${c.name}`) ?? [], verdicts));
  }
  printReport(peers, rows, args.cli);
  if (args.write) {
    const header = 'peer\tsource\tline\tpeer_rule\tours\tresult\tnote';
    const body = rows.map((r) => [r.peer, r.source, r.line ?? '*', r.rule, r.ours ?? '-', r.result, r.note ?? ''].join('\t'));
    writeFileSync(args.write, [header, ...body].join('\n') + '\n');
    console.log(`\nPer-line results written to ${args.write}`);
  }
} finally {
  if (args.keep) console.log(`\nFixtures kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/**
 * @param {string[]} argv
 * @returns {{ cli: string, mirrors: string, write: string | undefined, keep: boolean }}
 */
function parseArgs(argv) {
  /** @type {ReturnType<typeof parseArgs>} */
  const out = { cli: path.join(root, 'dist', 'cli.js'), mirrors: '/work/.mirror', write: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cli') out.cli = path.resolve(flagValue(argv, ++i));
    else if (a === '--mirrors') out.mirrors = path.resolve(flagValue(argv, ++i));
    else if (a === '--write') out.write = path.resolve(flagValue(argv, ++i));
    else if (a === '--keep') out.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

/** Every rule code the project declares (src/analysis/types.ts), so off-by-default rules run too. */
function ruleCodes() {
  const types = readFileSync(path.join(root, 'src', 'analysis', 'types.ts'), 'utf8');
  const union = /export type RuleCode =([^;]+);/.exec(types)?.[1] ?? '';
  return [...union.matchAll(/'(ACO\d+)'/g)].map((m) => m[1]);
}

/**
 * One file per case under `<work>/<peer>/`; names never look like test files (ACO101/102 skip those).
 * @param {string} dir
 * @param {string} peer
 * @param {Case[]} cases  their names are made unique in place
 */
function layOut(dir, peer, cases) {
  /** @type {Set<string>} */
  const seen = new Set();
  for (const c of cases) {
    let name = c.name;
    for (let n = 2; seen.has(name); n++) name = c.name.replace(/\.py$/, `_${n}.py`);
    seen.add(name);
    c.name = name;
    const file = path.join(dir, peer, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, c.content);
  }
}

/**
 * Findings by file (relative to `dir`), each with its code and 1-based line span.
 * @param {string} cli
 * @param {string} dir
 * @returns {Map<string, Finding[]>}
 */
function runCli(cli, dir) {
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI failed (exit ${run.status}): ${run.stderr}`);
  /** @type {Map<string, Finding[]>} */
  const byFile = new Map();
  /** @type {import('../../src/cli/format/json.js').JsonFinding[]} */
  const findings = parseJson(run.stdout);
  for (const f of findings) {
    // ACO001/ACO002 report problems with a file itself (syntax errors in samples that test them), not rules.
    if (/^ACO0/.test(f.code)) continue;
    const key = f.path.split(path.sep).join('/');
    byFile.set(key, [...(byFile.get(key) ?? []), { code: f.code, line: f.line, endLine: f.endLine }]);
  }
  return byFile;
}

/**
 * verdicts.tsv: peer, source, line (or *), rule, verdict, reason; `#` lines are comments.
 * @param {string} file
 * @returns {Map<string, Verdict>}  by peer, source, line and rule, tab-joined
 */
function readVerdicts(file) {
  /** @type {Map<string, Verdict>} */
  const out = new Map();
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    if (!raw.trim() || raw.startsWith('#') || raw.startsWith('peer\t')) continue;
    // A short row keeps empty fields (join writes a missing one as '' too, so the key is unchanged).
    const [peer = '', source = '', line = '', rule = '', verdict = '', reason = ''] = raw.split('\t');
    out.set([peer, source, line, rule].join('\t'), { verdict, reason });
  }
  return out;
}

