// @ts-check
// Ruff: fixtures under crates/ruff_linter/resources/test/fixtures/<group>/, expected diagnostics in
// insta snapshots named `..._tests__<CODE>_<fixture>.snap`: each diagnostic is a line starting with
// its code, followed by ` --> <fixture>:<line>:<column>`. A fixture line not in the snapshot is OK
// for that code (the test enables that one rule for that fixture).
import path from 'node:path';

const FIXTURES = 'crates/ruff_linter/resources/test/fixtures/';
const SNAPSHOT = /^crates\/ruff_linter\/src\/rules\/([a-z0-9_]+)\/snapshots\/ruff_linter__rules__\1__tests__([A-Z]+[0-9]+)_(.+\.py)\.snap$/;

/**
 * Cases for the peer rules in `rules` (codes such as ASYNC210, RUF006).
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Set<string>} rules
 * @returns {import('../score.mjs').Case[]}
 */
export function ruffCases(mirror, rules) {
  /** @type {Map<string, import('../score.mjs').Case>} */
  const files = new Map();
  for (const snap of mirror.list()) {
    const m = SNAPSHOT.exec(snap);
    if (!m) continue;
    const [, group = '', code = '', fixtureName = ''] = m;
    if (!rules.has(code)) continue;
    const fixture = `${FIXTURES}${group === 'ruff' ? 'ruff' : group}/${fixtureName}`;
    if (!mirror.list().includes(fixture)) continue;
    let entry = files.get(fixture);
    if (!entry) {
      entry = { name: path.basename(fixture), source: fixture, content: mirror.show(fixture), judged: [], expected: [] };
      files.set(fixture, entry);
    }
    entry.judged.push(code);
    /** @type {string | undefined} the code of the diagnostic being read */
    let current;
    for (const line of mirror.show(snap).split('\n')) {
      const head = /^([A-Z]+[0-9]+)\b/.exec(line);
      if (head) current = head[1];
      const at = /^\s*-->\s*(\S+?):(\d+):\d+/.exec(line);
      if (at && current === code && path.basename(at[1] ?? '') === fixtureName) entry.expected.push({ line: Number(at[2]), rule: code, kind: 'bug' });
    }
  }
  return [...files.values()];
}
