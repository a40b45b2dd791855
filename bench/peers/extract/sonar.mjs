// @ts-check
// sonar-python: a check's Java test verifies Python files under
// python-checks/src/test/resources/checks/ (`PythonCheckVerifier.verify("...", new XCheck())`).
// In those files `# Noncompliant` marks a line with an issue (`@+N`/`@-N` moves it to another line);
// every other line must have none. A trailing comment saying `FN` marks a bug the check knowingly
// misses: still a bug. The rule key comes from the check class's `@Rule(key = "S...")`.
import path from 'node:path';

const TESTS = 'python-checks/src/test/java/org/sonar/python/checks/';
const CHECKS = 'python-checks/src/main/java/org/sonar/python/checks/';

/**
 * Cases for the Python files verified by checks whose rule key is in `rules` (e.g. S7488).
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Set<string>} rules
 * @returns {import('../score.mjs').Case[]}
 */
export function sonarCases(mirror, rules) {
  /** @type {import('../score.mjs').Case[]} */
  const cases = [];
  for (const test of mirror.list()) {
    if (!test.startsWith(TESTS) || !test.endsWith('CheckTest.java')) continue;
    const javaTest = mirror.show(test);
    const check = /new (\w+Check)\(\)/.exec(javaTest)?.[1];
    if (!check || !mirror.list().includes(`${CHECKS}${check}.java`)) continue;
    const key = /@Rule\(key\s*=\s*"(S\d+)"\)/.exec(mirror.show(`${CHECKS}${check}.java`))?.[1];
    if (!key || !rules.has(key)) continue;
    for (const m of javaTest.matchAll(/verify(NoIssue)?\(\s*"(src\/test\/resources\/checks\/[^"]+\.py)"/g)) {
      const file = `python-checks/${m[2]}`;
      const content = mirror.show(file);
      cases.push({ name: path.basename(file), source: file, content, judged: [key], expected: m[1] ? [] : noncompliantLines(content, key) });
    }
  }
  return cases;
}

/**
 * @param {string} content
 * @param {string} rule
 * @returns {import('../score.mjs').Expected[]}
 */
function noncompliantLines(content, rule) {
  /** @type {import('../score.mjs').Expected[]} */
  const expected = [];
  content.split('\n').forEach((text, index) => {
    const comment = text.slice(text.indexOf('#') + 1);
    if (!text.includes('#')) return;
    const trailing = text.trim()[0] !== '#';
    const nc = /^\s*Noncompliant(?:@([+-]\d+))?/.exec(comment) ?? /#\s*Noncompliant(?:@([+-]\d+))?/.exec(text);
    if (nc) expected.push({ line: index + 1 + Number(nc[1] ?? 0), rule, kind: 'bug' });
    else if (trailing && /\bFN\b/.test(comment)) expected.push({ line: index + 1, rule, kind: 'fn' });
  });
  return expected;
}
