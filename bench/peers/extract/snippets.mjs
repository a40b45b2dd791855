// Fixit and wemake-python-styleguide keep their test code in Python strings: a rule's VALID and
// INVALID cases (Fixit), or module-level `code` strings fed to tests that assert which violations
// they raise (wemake). pyCases.py reads them with Python's own parser. Each snippet becomes one
// file; a bug case expects the mapped finding anywhere in it (line null) unless Fixit names a line.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const HERE = path.dirname(new URL(import.meta.url).pathname);

function pyCases(mode, source) {
  return JSON.parse(execFileSync('python3', [path.join(HERE, 'pyCases.py'), mode], { input: source, encoding: 'utf8' }));
}

/** Fixit: cases of the rule classes in `rules` (class names), from src/fixit/rules/*.py. */
export function fixitCases(mirror, rules) {
  const cases = [];
  for (const file of mirror.list()) {
    if (!/^src\/fixit\/rules\/(extra\/)?[a-z_]+\.py$/.test(file)) continue;
    const source = mirror.show(file);
    if (![...rules].some((r) => source.includes(`class ${r}(`))) continue;
    for (const [rule, { valid, invalid }] of Object.entries(pyCases('fixit', source))) {
      if (!rules.has(rule)) continue;
      valid.forEach((code, i) => cases.push({ name: `${rule}/valid_${i}.py`, source: `${file}#VALID[${i}]`, content: code, judged: [rule], expected: [] }));
      invalid.forEach(({ code, line }, i) => cases.push({ name: `${rule}/invalid_${i}.py`, source: `${file}#INVALID[${i}]`, content: code, judged: [rule], expected: [{ line, rule, kind: 'bug' }] }));
    }
  }
  return cases;
}

/** wemake: code strings of tests that assert the violation classes in `rules`. */
export function wemakeCases(mirror, rules) {
  const cases = [];
  for (const file of mirror.list()) {
    if (!file.startsWith('tests/') || !file.endsWith('.py')) continue;
    const source = mirror.show(file);
    if (![...rules].some((r) => source.includes(r))) continue;
    for (const { name, code, violations } of pyCases('wemake', source)) {
      const judged = [...rules].filter((r) => source.includes(r));
      const expected = violations.filter((v) => rules.has(v)).map((rule) => ({ line: null, rule, kind: 'bug' }));
      cases.push({ name: `${path.basename(file, '.py').replace(/^test_/, '')}/case_${name}.py`, source: `${file}#${name}`, content: code, judged, expected });
    }
  }
  return cases;
}
