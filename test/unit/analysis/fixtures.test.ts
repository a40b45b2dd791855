import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { ALL_RULES } from '../../../src/analysis/rules';
import type { RuleCode } from '../../../src/analysis/types';
import { actualFindings, applyEdits, expectedFindings } from '../fixtureExpectations';
import { fixturePath, readFixture, testParser } from '../helpers';

/**
 * Options a fixture states in a comment among its first lines, e.g.
 * `# fixture: target-version=py310 include-bare-awaits prefer-taskgroup module=pkg.service`.
 */
function fixtureOptions(source: string): AnalyzeOptions {
  const line = source.split('\n').slice(0, 5).find((l) => /^#\s*fixture:/.test(l));
  const options: AnalyzeOptions = {};
  for (const word of line?.replace(/^#\s*fixture:/, '').trim().split(/\s+/) ?? []) {
    const [key, value] = word.split('=');
    if (key === 'target-version' && value) options.targetVersion = value;
    else if (key === 'include-bare-awaits') options.includeBareAwaits = true;
    else if (key === 'prefer-taskgroup') options.preferTaskGroup = true;
    else if (key === 'module' && value) options.modulePath = value;
    else if (key) throw new Error(`unknown fixture option '${word}'`);
  }
  return options;
}

// One describe per rule, from test/fixtures/<CODE>/. A rule without fixtures fails here rather
// than getting no fixture tests at all.
for (const rule of ALL_RULES) {
  const code = rule.meta.code;
  let files: string[] = [];
  try {
    files = readdirSync(fixturePath(code)).filter((f) => f.endsWith('.py'));
  } catch {
    // reported by the test below
  }
  describe(`fixtures ${code} ${rule.meta.name}`, () => {
    it(`has a fixture folder test/fixtures/${code}/ with positives.py and at least one other .py`, () => {
      assert.ok(files.includes('positives.py'), `test/fixtures/${code}/positives.py is missing: every rule needs fixtures (lines marked "# expect: ${code}")`);
      assert.ok(files.length >= 2, `test/fixtures/${code}/ needs a negatives file too (code the rule must leave alone)`);
    });

    for (const file of files) {
      it(`${file}: findings on exactly the "# expect: ${code}" lines`, async () => {
        const parser = await testParser();
        const source = readFixture(code, file);
        const { findings } = analyzeSource(parser, source, { ...fixtureOptions(source), select: new Set<RuleCode>([code]) });
        const expected = expectedFindings(source);
        for (const [line, codes] of expected) expected.set(line, codes.filter((c) => c === code));
        for (const [line, codes] of [...expected]) if (codes.length === 0) expected.delete(line);
        assert.deepEqual(actualFindings(findings), expected);
      });

      it(`${file}: every fix re-parses with no new syntax error and removes its finding`, async () => {
        const parser = await testParser();
        const source = readFixture(code, file);
        const options = { ...fixtureOptions(source), select: new Set<RuleCode>([code]) };
        const before = analyzeSource(parser, source, options);
        const baselineErrors = before.syntaxErrors.length;
        for (const finding of before.findings) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(source, fix.edits);
            const after = analyzeSource(parser, fixed, options);
            assert.ok(after.syntaxErrors.length <= baselineErrors, `"${fix.title}" at line ${finding.range.start.line + 1} broke the syntax:\n${fixed}`);
            assert.equal(after.findings.length, before.findings.length - 1, `"${fix.title}" at line ${finding.range.start.line + 1} left its finding in place`);
          }
        }
      });
    }
  });
}
