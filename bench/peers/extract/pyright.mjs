// @ts-check
// pyright: samples under packages/pyright-internal/src/tests/samples/, checked by TS tests that
// assert how many diagnostics each sample yields. The samples mark each expected diagnostic with a
// comment "# This should generate an error ..." (or "... a diagnostic ...") on the lines above the
// statement. Those comments do not name the rule, so the mapping picks the samples that test a rule
// (and, where a sample tests several things, the marked lines that belong to it).
// reportUnusedCoroutine is on by default in these tests, so every sample with `async def` is also
// checked for it: a coroutine statement it does not mark is OK.
import path from 'node:path';

const SAMPLES = 'packages/pyright-internal/src/tests/samples/';

/** mapping.json: the rule a sample tests, and the marked lines that belong to it. @typedef {{ rule: string, lineFilter?: string }} Sample */

/**
 * `samples`: { "<sample>.py": { rule, lineFilter? } }, the samples that test a mapped rule.
 * `defaultRule`: the rule judged in every other sample containing `async def`.
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Record<string, Sample>} samples
 * @param {string} defaultRule
 * @returns {import('../score.mjs').Case[]}
 */
export function pyrightCases(mirror, samples, defaultRule) {
  /** @type {import('../score.mjs').Case[]} */
  const cases = [];
  const withAsync = new Set(defaultRule ? mirror.grep('async def', SAMPLES) : []);
  for (const file of mirror.list()) {
    if (!file.startsWith(SAMPLES) || !file.endsWith('.py')) continue;
    const name = path.basename(file);
    const spec = samples[name];
    if (!spec && !withAsync.has(file)) continue;
    const content = mirror.show(file);
    const rule = spec?.rule ?? defaultRule;
    const filter = spec?.lineFilter ? new RegExp(spec.lineFilter) : undefined;
    const marked = markedLines(content.split('\n'));
    /** @type {import('../score.mjs').Expected[]} */
    const expected = spec ? marked.filter((m) => !filter || filter.test(m.text)).map((m) => ({ line: m.line, rule, kind: 'bug' })) : [];
    const otherMarks = marked.map((m) => m.line).filter((line) => !expected.some((e) => e.line === line));
    cases.push({ name, source: file, content, judged: [rule], expected, otherMarks });
  }
  return cases;
}

/**
 * The statements a "This should generate ..." comment points at: the next line that is not a comment.
 * @param {string[]} lines
 * @returns {{ line: number, text: string }[]}
 */
function markedLines(lines) {
  /** @type {{ line: number, text: string }[]} */
  const marked = [];
  lines.forEach((text, index) => {
    if (!/#\s*This should generate/i.test(text)) return;
    let target = index + 1;
    let statement = lines[target];
    while (statement !== undefined && (/^\s*#/.test(statement) || statement.trim() === '')) statement = lines[++target];
    if (statement !== undefined) marked.push({ line: target + 1, text: statement });
  });
  return marked;
}
