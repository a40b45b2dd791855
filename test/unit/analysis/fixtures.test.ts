import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { ALL_RULES } from '../../../src/analysis/rules';
import type { RuleCode } from '../../../src/analysis/types';
import { actualFindings, applyEdits, expectedFindings } from '../fixtureExpectations';
import { fixturePath, readFixture, testParser } from '../helpers';

// One describe per rule that has a fixture folder test/fixtures/<CODE>/.
for (const rule of ALL_RULES) {
  const code = rule.meta.code;
  let files: string[] = [];
  try {
    files = readdirSync(fixturePath(code)).filter((f) => f.endsWith('.py'));
  } catch {
    continue;
  }
  describe(`fixtures ${code} ${rule.meta.name}`, () => {
    for (const file of files) {
      it(`${file}: findings on exactly the "# expect: ${code}" lines`, async () => {
        const parser = await testParser();
        const source = readFixture(code, file);
        const { findings } = analyzeSource(parser, source, { select: new Set<RuleCode>([code]) });
        const expected = expectedFindings(source);
        for (const [line, codes] of expected) expected.set(line, codes.filter((c) => c === code));
        for (const [line, codes] of [...expected]) if (codes.length === 0) expected.delete(line);
        assert.deepEqual(actualFindings(findings), expected);
      });

      it(`${file}: every fix re-parses with no new syntax error and removes its finding`, async () => {
        const parser = await testParser();
        const source = readFixture(code, file);
        const before = analyzeSource(parser, source, { select: new Set<RuleCode>([code]) });
        const baselineErrors = before.syntaxErrors.length;
        for (const finding of before.findings) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(source, fix.edits);
            const after = analyzeSource(parser, fixed, { select: new Set<RuleCode>([code]) });
            assert.ok(after.syntaxErrors.length <= baselineErrors, `"${fix.title}" at line ${finding.range.start.line + 1} broke the syntax:\n${fixed}`);
            assert.equal(after.findings.length, before.findings.length - 1, `"${fix.title}" at line ${finding.range.start.line + 1} left its finding in place`);
          }
        }
      });
    }
  });
}
