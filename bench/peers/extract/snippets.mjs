// @ts-check
// Fixit and wemake-python-styleguide keep their test code in Python strings: a rule's VALID and
// INVALID cases (Fixit), or module-level `code` strings fed to tests that assert which violations
// they raise (wemake). pyCases.py reads them with Python's own parser. Each snippet becomes one
// file; a bug case expects the mapped finding anywhere in it (line null) unless Fixit names a line.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseJson } from '../../../scripts/lib/json.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);

/**
 * pyCases.py fixit: by rule class, its VALID snippets and its INVALID ones with the line Fixit names.
 * @typedef {Record<string, { valid: string[], invalid: { code: string, line: number | null }[] }>} FixitSnippets
 */
/**
 * pyCases.py wemake: module-level code strings and the violation classes their tests assert.
 * @typedef {{ name: string, code: string, violations: string[] }[]} WemakeSnippets
 */

/**
 * @template {FixitSnippets | WemakeSnippets} T
 * @param {'fixit' | 'wemake'} mode
 * @param {string} source  a Python test module
 * @returns {T}
 */
function pyCases(mode, source) {
  return parseJson(execFileSync('python3', [path.join(HERE, 'pyCases.py'), mode], { input: source, encoding: 'utf8' }));
}

/**
 * Fixit: cases of the rule classes in `rules` (class names), from src/fixit/rules/*.py.
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Set<string>} rules
 * @returns {import('../score.mjs').Case[]}
 */
export function fixitCases(mirror, rules) {
  /** @type {import('../score.mjs').Case[]} */
  const cases = [];
  for (const file of mirror.list()) {
    if (!/^src\/fixit\/rules\/(extra\/)?[a-z_]+\.py$/.test(file)) continue;
    const source = mirror.show(file);
    if (![...rules].some((r) => source.includes(`class ${r}(`))) continue;
    /** @type {FixitSnippets} */
    const snippets = pyCases('fixit', source);
    for (const [rule, { valid, invalid }] of Object.entries(snippets)) {
      if (!rules.has(rule)) continue;
      valid.forEach((code, i) => cases.push({ name: `${rule}/valid_${i}.py`, source: `${file}#VALID[${i}]`, content: code, judged: [rule], expected: [] }));
      invalid.forEach(({ code, line }, i) => cases.push({ name: `${rule}/invalid_${i}.py`, source: `${file}#INVALID[${i}]`, content: code, judged: [rule], expected: [{ line, rule, kind: 'bug' }] }));
    }
  }
  return cases;
}

/**
 * wemake: code strings of tests that assert the violation classes in `rules`.
 * @param {import('../git.mjs').Mirror} mirror
 * @param {Set<string>} rules
 * @returns {import('../score.mjs').Case[]}
 */
export function wemakeCases(mirror, rules) {
  /** @type {import('../score.mjs').Case[]} */
  const cases = [];
  for (const file of mirror.list()) {
    if (!file.startsWith('tests/') || !file.endsWith('.py')) continue;
    const source = mirror.show(file);
    if (![...rules].some((r) => source.includes(r))) continue;
    /** @type {WemakeSnippets} */
    const snippets = pyCases('wemake', source);
    for (const { name, code, violations } of snippets) {
      const judged = [...rules].filter((r) => source.includes(r));
      /** @type {import('../score.mjs').Expected[]} */
      const expected = violations.filter((v) => rules.has(v)).map((rule) => ({ line: null, rule, kind: 'bug' }));
      cases.push({ name: `${path.basename(file, '.py').replace(/^test_/, '')}/case_${name}.py`, source: `${file}#${name}`, content: code, judged, expected });
    }
  }
  return cases;
}
