// @ts-check
// Scoring of one replayed peer fixture, and the printed report. See replay.mjs.

/**
 * One peer fixture, laid out by the replay as one file: the peer rules it is checked for and the
 * lines where the peer expects them.
 * @typedef {object} Case
 * @property {string} name  file name under the peer's folder (made unique when laid out)
 * @property {string} source  where it comes from in the peer's repository
 * @property {string} content
 * @property {string[]} judged  the peer rules the fixture is checked for
 * @property {Expected[]} expected
 * @property {number[]} [otherMarks]  lines the peer marks for something else (pyright)
 */
/**
 * A line the peer marks: `bug`, or `fn` for a bug its rule knowingly misses; line null means
 * anywhere in the file.
 * @typedef {{ line: number | null, rule: string, kind: 'bug' | 'fn' }} Expected
 */
/** A finding of ours, as the CLI's JSON gives it: code and 1-based line span. @typedef {{ code: string, line: number, endLine: number }} Finding */
/** A row of verdicts.tsv, our judgement of a line. @typedef {{ verdict: string, reason: string }} Verdict */
/** mapping.json: the rule of ours a peer rule corresponds to (null: none), and why. @typedef {{ ours: string | null, reason: string, check?: string }} RuleMapping */
/** @typedef {'flagged' | 'missed' | 'disagree' | 'unmapped' | 'ok-flag' | 'extra'} Result */
/**
 * One scored line. `rule` is the peer rule, '-' for a finding of ours no peer line explains.
 * @typedef {object} Row
 * @property {string} peer
 * @property {string} source
 * @property {number | null} line
 * @property {string} rule
 * @property {string | null | undefined} ours
 * @property {Expected['kind']} [kind]
 * @property {Result} result
 * @property {string} [category]  the verdict, when there is one
 * @property {string} [note]
 */

/**
 * Rows for one case: one per line the peer marks as a bug (deduplicated per rule), and one per
 * finding of ours that no such line explains. Results:
 * - flagged / missed: a true bug of a mapped rule, found or not by the mapped rule of ours (or by
 *   the rule a `rule:ACOxxx` verdict names);
 * - disagree: a line the peer marks that we judge is not a bug (verdicts.tsv says why);
 * - unmapped: the peer rule has no counterpart among ours (mapping.json says why);
 * - ok-flag: a finding of ours on a line the peer checks for that concern and leaves alone;
 * - extra: a finding of a rule the peer does not check in that file (not judged either way).
 * @param {string} peer
 * @param {Record<string, RuleMapping>} rules  the peer's rules in mapping.json
 * @param {Case} c
 * @param {Finding[]} findings  ours in the case's file
 * @param {Map<string, Verdict>} verdicts  by peer, source, line (or *) and rule, tab-joined
 * @returns {Row[]}
 */
export function scoreCase(peer, rules, c, findings, verdicts) {
  /** @type {Row[]} */
  const rows = [];
  /** @type {(line: number | null, rule: string) => Verdict | undefined} */
  const verdictOf = (line, rule) => verdicts.get([peer, c.source, line ?? '*', rule].join('\t')) ?? verdicts.get([peer, c.source, '*', rule].join('\t'));
  // A verdict `rule:ACOxxx` says the line is a bug of another rule of ours than the mapping's.
  /** @type {(e: Expected) => string | null | undefined} */
  const oursFor = (e) => {
    const v = verdictOf(e.line, e.rule);
    return v?.verdict.startsWith('rule:') ? v.verdict.slice(5) : rules[e.rule]?.ours;
  };
  const seen = new Set();
  for (const e of c.expected) {
    const key = `${e.line}:${e.rule}`;
    if (seen.has(key) || !rules[e.rule]) continue;
    seen.add(key);
    const ours = oursFor(e);
    const v = verdictOf(e.line, e.rule);
    const base = { peer, source: c.source, line: e.line, rule: e.rule, ours, kind: e.kind };
    if (!ours) {
      rows.push({ ...base, result: 'unmapped' });
      continue;
    }
    const flagged = findings.some((f) => f.code === ours && covers(f, e.line));
    const result = flagged ? 'flagged' : v?.verdict === 'disagree' ? 'disagree' : 'missed';
    const note = v ? `${v.verdict}: ${v.reason}` : e.kind === 'fn' ? 'the peer marks it as its own false negative' : undefined;
    rows.push({ ...base, result, category: flagged ? undefined : v?.verdict, note });
  }
  const judgedCodes = new Set(c.judged.map((r) => rules[r]?.ours).filter(Boolean));
  for (const f of findings) {
    const explained = c.expected.some((e) => oursFor(e) === f.code && covers(f, e.line));
    if (explained) continue;
    const unjudged = !judgedCodes.has(f.code) || (c.otherMarks ?? []).some((line) => covers(f, line));
    const v = verdictOf(f.line, f.code);
    rows.push({ peer, source: c.source, line: f.line, rule: '-', ours: f.code, result: unjudged ? 'extra' : 'ok-flag', category: v?.verdict, note: v ? `${v.verdict}: ${v.reason}` : undefined });
  }
  return rows;
}

/** @param {Finding} finding @param {number | null} line */
function covers(finding, line) {
  return line === null || (finding.line <= line && line <= finding.endLine);
}

/**
 * Prints the tables: by peer, by rule of ours, by peer rule; then every miss and every flag on an OK line.
 * @param {{ name: string, peer: { repo: string }, commit: string, cases: Case[] }[]} peers
 * @param {Row[]} rows
 * @param {string} cli
 */
export function printReport(peers, rows, cli) {
  console.log(`Peer fixtures replayed through ${cli}`);
  for (const p of peers) console.log(`  ${p.name.padEnd(13)} ${p.peer.repo}@${p.commit.slice(0, 12)}: ${p.cases.length} files/cases`);
  const bugs = rows.filter((r) => r.result === 'flagged' || r.result === 'missed');
  console.log('\nTrue bugs flagged (lines a peer marks whose rule maps to ours, minus our disagreements):');
  table('peer', bugs, rows, (r) => r.peer);
  table('rule', bugs, rows, (r) => r.ours);
  /** @param {Row} r */
  const nextRound = (r) => r.category === 'issue-11' || r.category === 'engine';
  const own = bugs.filter((r) => !nextRound(r));
  const ownFlagged = own.filter((r) => r.result === 'flagged').length;
  console.log(`\nWithout the misses left to issue 11 and the engine track: ${ownFlagged} of ${own.length} (${pct(ownFlagged, own.length)})`);
  /** @type {Map<string, Row[]>} */
  const byPeerRule = new Map();
  for (const r of rows.filter((x) => x.rule !== '-')) byPeerRule.set(`${r.peer} ${r.rule}`, [...(byPeerRule.get(`${r.peer} ${r.rule}`) ?? []), r]);
  console.log('\nBy peer rule: flagged/true bugs, disagreements, unmapped lines');
  for (const [key, list] of [...byPeerRule].sort()) {
    /** @param {Result} res */
    const n = (res) => list.filter((r) => r.result === res).length;
    // Every list holds at least the row that created it.
    const ours = list[0]?.ours ?? '-';
    console.log(`  ${key.padEnd(48)} ${ours.padEnd(7)} ${String(n('flagged')).padStart(3)}/${String(n('flagged') + n('missed')).padEnd(4)} disagree ${n('disagree')}  unmapped ${n('unmapped')}`);
  }
  /** @param {string} title @param {Row[]} selected */
  const list = (title, selected) => {
    console.log(`\n${title}: ${selected.length}`);
    for (const r of selected) console.log(`  ${r.peer} ${r.source}:${r.line ?? '*'} ${r.rule === '-' ? '' : r.rule + ' '}${r.ours}${r.note ? `  (${r.note})` : ''}`);
  };
  list('Missed true bugs', rows.filter((r) => r.result === 'missed'));
  list('Peer bug lines we disagree with', rows.filter((r) => r.result === 'disagree'));
  const okFlags = rows.filter((r) => r.result === 'ok-flag');
  list('Findings on lines the peer checks and leaves alone', okFlags);
  const unreviewed = okFlags.filter((r) => !r.category).length;
  const defects = okFlags.filter((r) => r.category === 'defect').length;
  console.log(`  of which defects: ${defects}, reasoned disagreements: ${okFlags.length - defects - unreviewed}, not reviewed yet: ${unreviewed}`);
  console.log(`\nFindings of rules the peer does not check in that file (not judged): ${rows.filter((r) => r.result === 'extra').length}`);
}

/**
 * @param {string} label
 * @param {Row[]} bugs  the flagged and missed rows
 * @param {Row[]} rows
 * @param {(r: Row) => string | null | undefined} keyOf
 */
function table(label, bugs, rows, keyOf) {
  const keys = [...new Set(rows.filter((r) => r.result !== 'extra' && r.result !== 'ok-flag' && (r.ours || r.result === 'unmapped')).map(keyOf).filter(isKey))].sort();
  console.log(`\n  ${label.padEnd(13)} flagged / true bugs   share   disagree  flags on OK lines`);
  let flaggedAll = 0;
  let totalAll = 0;
  for (const key of keys) {
    const mine = bugs.filter((r) => keyOf(r) === key);
    const flagged = mine.filter((r) => r.result === 'flagged').length;
    flaggedAll += flagged;
    totalAll += mine.length;
    const disagree = rows.filter((r) => r.result === 'disagree' && keyOf(r) === key).length;
    const ok = rows.filter((r) => r.result === 'ok-flag' && keyOf(r) === key).length;
    console.log(`  ${key.padEnd(13)} ${String(flagged).padStart(7)} / ${String(mine.length).padEnd(10)} ${pct(flagged, mine.length).padStart(5)}   ${String(disagree).padStart(8)}  ${String(ok).padStart(17)}`);
  }
  console.log(`  ${'all'.padEnd(13)} ${String(flaggedAll).padStart(7)} / ${String(totalAll).padEnd(10)} ${pct(flaggedAll, totalAll).padStart(5)}`);
}

/** @param {string | null | undefined} key @returns {key is string} */
function isKey(key) {
  return Boolean(key);
}

/** @param {number} a @param {number} b */
function pct(a, b) {
  return b === 0 ? '-' : `${Math.round((100 * a) / b)}%`;
}
