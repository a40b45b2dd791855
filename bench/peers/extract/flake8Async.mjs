// @ts-check
// flake8-async: tests/eval_files/<name>.py, written for one base library (trio unless a
// `# BASE_LIBRARY x` marker says otherwise). A line expecting a diagnostic carries a comment
// `# error: ...` (the file's own code) or `# ASYNCxxx[_suffix]: ...`; the codes checked are the
// file's code or those of a `# ARG --enable=...` line. The test asserts exactly these diagnostics,
// so every other line is OK for the enabled codes. A file marked `# <BASE>_NO_ERROR` expects none
// for its base library; one marked `# NO<BASE>` is not checked for it at all (skipped here).
import path from 'node:path';

const EVAL_DIR = 'tests/eval_files/';

/**
 * Cases for eval files whose checked codes include one of `rules`.
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Set<string>} rules
 * @returns {import('../score.mjs').Case[]}
 */
export function flake8AsyncCases(mirror, rules) {
  /** @type {import('../score.mjs').Case[]} */
  const cases = [];
  for (const file of mirror.list()) {
    if (!file.startsWith(EVAL_DIR) || !file.endsWith('.py')) continue;
    const content = mirror.show(file);
    const stem = path.basename(file, '.py').toUpperCase();
    const [fileCode = stem] = stem.split('_'); // split yields at least one part
    const base = /# BASE_LIBRARY (\w+)/.exec(content)?.[1] ?? 'trio';
    if (new RegExp(`# NO${base.toUpperCase()}\\b`).test(content)) continue;
    const enable = /#\s*ARG --enable=([A-Z0-9,]+)/.exec(content)?.[1];
    const judged = enable ? enable.split(',') : [fileCode];
    if (!judged.some((c) => rules.has(c))) continue;
    const noError = new RegExp(`# ${base.toUpperCase()}_NO_ERROR\\b`).test(content);
    /** @type {import('../score.mjs').Expected[]} */
    const expected = [];
    content.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (noError || !line || line.startsWith('#') || !line.includes('#')) return;
      for (const [, code = ''] of line.matchAll(/(error|ASYNC\d\d\d)(_\w*)?:([^#]*)(?=#|$)/g)) {
        const rule = code === 'error' ? fileCode : code;
        expected.push({ line: index + 1, rule, kind: 'bug' });
      }
    });
    cases.push({ name: path.basename(file), source: file, content, judged, expected });
  }
  return cases;
}
