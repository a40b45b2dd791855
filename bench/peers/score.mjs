// Scoring of one replayed peer fixture, and the printed report. See replay.mjs.

/**
 * Rows for one case: one per line the peer marks as a bug (deduplicated per rule), and one per
 * finding of ours that no such line explains. Results:
 * - flagged / missed: a true bug of a mapped rule, found or not by the mapped rule of ours (or by
 *   the rule a `rule:ACOxxx` verdict names);
 * - disagree: a line the peer marks that we judge is not a bug (verdicts.tsv says why);
 * - unmapped: the peer rule has no counterpart among ours (mapping.json says why);
 * - ok-flag: a finding of ours on a line the peer checks for that concern and leaves alone;
 * - extra: a finding of a rule the peer does not check in that file (not judged either way).
 */
export function scoreCase(peer, rules, c, findings, verdicts) {
  const rows = [];
  const verdictOf = (line, rule) => verdicts.get([peer, c.source, line ?? '*', rule].join('\t')) ?? verdicts.get([peer, c.source, '*', rule].join('\t'));
  // A verdict `rule:ACOxxx` says the line is a bug of another rule of ours than the mapping's.
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

function covers(finding, line) {
  return line === null || (finding.line <= line && line <= finding.endLine);
}

/** Prints the tables: by peer, by rule of ours, by peer rule; then every miss and every flag on an OK line. */
export function printReport(peers, rows, cli) {
  console.log(`Peer fixtures replayed through ${cli}`);
  for (const p of peers) console.log(`  ${p.name.padEnd(13)} ${p.peer.repo}@${p.commit.slice(0, 12)}: ${p.cases.length} files/cases`);
  const bugs = rows.filter((r) => r.result === 'flagged' || r.result === 'missed');
  console.log('\nTrue bugs flagged (lines a peer marks whose rule maps to ours, minus our disagreements):');
  table('peer', bugs, rows, (r) => r.peer);
  table('rule', bugs, rows, (r) => r.ours);
  const nextRound = (r) => r.category === 'issue-11' || r.category === 'engine';
  const own = bugs.filter((r) => !nextRound(r));
  const ownFlagged = own.filter((r) => r.result === 'flagged').length;
  console.log(`\nWithout the misses left to issue 11 and the engine track: ${ownFlagged} of ${own.length} (${pct(ownFlagged, own.length)})`);
  const byPeerRule = new Map();
  for (const r of rows.filter((x) => x.rule !== '-')) byPeerRule.set(`${r.peer} ${r.rule}`, [...(byPeerRule.get(`${r.peer} ${r.rule}`) ?? []), r]);
  console.log('\nBy peer rule: flagged/true bugs, disagreements, unmapped lines');
  for (const [key, list] of [...byPeerRule].sort()) {
    const n = (res) => list.filter((r) => r.result === res).length;
    const ours = list[0].ours ?? '-';
    console.log(`  ${key.padEnd(48)} ${ours.padEnd(7)} ${String(n('flagged')).padStart(3)}/${String(n('flagged') + n('missed')).padEnd(4)} disagree ${n('disagree')}  unmapped ${n('unmapped')}`);
  }
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

function table(label, bugs, rows, keyOf) {
  const keys = [...new Set(rows.filter((r) => r.result !== 'extra' && r.result !== 'ok-flag' && (r.ours || r.result === 'unmapped')).map(keyOf).filter(Boolean))].sort();
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

function pct(a, b) {
  return b === 0 ? '-' : `${Math.round((100 * a) / b)}%`;
}
