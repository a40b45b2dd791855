import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { IncrementalDocument } from '../../../src/analysis/document';
import { ALL_RULES } from '../../../src/analysis/rules';
import { LineIndex } from '../../../src/analysis/syntax/lineIndex';
import type { Finding } from '../../../src/analysis/types';
import { readFixture, testParser } from '../helpers';

/** Findings in a comparable form: everything a finding carries (position, code, texts, fixes, related locations). */
function shape(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f));
}

/** The positives of every rule (taken from ALL_RULES, so a new rule is covered by itself), ACO101's first. */
const SOURCE = ALL_RULES.map((r) => readFixture(r.meta.code, 'positives.py')).join('\n');

/** Every rule on, the off-by-default ones (ACO304) included. */
const ALL_ON = { select: new Set(ALL_RULES.map((r) => r.meta.code)) };

describe('IncrementalDocument', () => {
  it('gives the same findings as a fresh analysis after edits that move units up and down', async () => {
    const parser = await testParser();
    const doc = new IncrementalDocument(parser, SOURCE);
    try {
      const first = doc.analyze(ALL_ON).findings;
      // Every rule and related locations are in play, or the comparison proves less than it says.
      assert.deepEqual(new Set(first.map((f) => f.code)), new Set(ALL_RULES.map((r) => r.meta.code)));
      assert.ok(first.some((f) => f.related.length > 0), 'some findings carry related locations');
      assert.deepEqual(shape(first), shape(analyzeSource(parser, SOURCE, ALL_ON).findings));
      // Insert two lines at the top of a function body, then remove one: later units shift.
      doc.applyChanges([{ range: { start: { line: 21, character: 0 }, end: { line: 21, character: 0 } }, text: '    pass\n    pass\n' }]);
      assert.deepEqual(shape(doc.analyze(ALL_ON).findings), shape(analyzeSource(parser, doc.text, ALL_ON).findings));
      doc.applyChanges([{ range: { start: { line: 21, character: 0 }, end: { line: 22, character: 0 } }, text: '' }]);
      assert.deepEqual(shape(doc.analyze(ALL_ON).findings), shape(analyzeSource(parser, doc.text, ALL_ON).findings));
    } finally {
      doc.dispose();
    }
  });

  it('keeps the tree equal to a fresh parse and the findings equal to a fresh analysis, for random edits', async () => {
    const parser = await testParser();
    const base = SOURCE;
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), text: fc.constantFrom('', ' ', 'x', '\n', 'await ', '(', ')', ':', '    ', 'a = await f()\n', '"', '#') }), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const doc = new IncrementalDocument(parser, base);
          try {
            doc.analyze();
            for (const e of edits) {
              const lines = new LineIndex(doc.text);
              const start = e.at % (doc.text.length + 1);
              const end = Math.min(doc.text.length, start + e.length);
              doc.applyChanges([{ range: lines.rangeOf(start, end), text: e.text }]);
              const incremental = doc.analyze();
              const fresh = analyzeSource(parser, doc.text);
              assert.equal(doc.tree.rootNode.toString(), parser.parse(doc.text).rootNode.toString());
              assert.deepEqual(shape(incremental.findings), shape(fresh.findings));
            }
          } finally {
            doc.dispose();
          }
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it('re-checks a cached run when a function it calls starts or stops writing what the other call reads', async () => {
    const parser = await testParser();
    const source = [
      'import asyncio',
      'STATE = {}',
      '',
      'async def load_a():',
      '    await asyncio.sleep(1)',
      '    return 1',
      '',
      'async def load_b():',
      '    await asyncio.sleep(1)',
      '    return STATE.get("b")',
      '',
      'async def both():',
      '    a = await load_a()',
      '    b = await load_b()',
      '    return a, b',
      '',
    ].join('\n');
    const doc = new IncrementalDocument(parser, source);
    const aco101 = (): number[] => doc.analyze({ select: new Set(['ACO101']) }).findings.map((f) => f.range.start.line);
    try {
      assert.deepEqual(aco101(), [12]);
      // `load_a` now writes the global `load_b` reads: another unit than the run's, yet the run is re-checked.
      doc.applyChanges([{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 12 } }, text: 'STATE["b"] = 1' }]);
      assert.deepEqual(aco101(), []);
      assert.deepEqual(aco101(), [], 'and stays so from the cache');
      doc.applyChanges([{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 18 } }, text: 'return 1' }]);
      assert.deepEqual(aco101(), [12]);
    } finally {
      doc.dispose();
    }
  });

  it('moves cached fixes that insert at the top of the file when lines are added above the imports', async () => {
    const parser = await testParser();
    const doc = new IncrementalDocument(parser, '"""Doc."""\nfrom x import f, g\n\n\nasync def h():\n    a = await f()\n    b = await g()\n    return a, b\n');
    try {
      doc.analyze();
      doc.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n\n' }]);
      assert.deepEqual(shape(doc.analyze().findings), shape(analyzeSource(parser, doc.text).findings));
    } finally {
      doc.dispose();
    }
  });

  it('applies several changes of one event in order, and a change without a range replaces the text', async () => {
    const doc = new IncrementalDocument(await testParser(), 'ab\ncd\n');
    try {
      doc.applyChanges([
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'X' },
        { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: '!' },
      ]);
      assert.equal(doc.text, 'ab!\nXd\n');
      doc.applyChanges([{ text: 'new\n' }]);
      assert.equal(doc.text, 'new\n');
      assert.equal(doc.tree.rootNode.text, 'new\n');
    } finally {
      doc.dispose();
    }
  });
});

describe('LineIndex.withEdit', () => {
  it('gives the same lines as indexing the edited text from scratch', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', ' ') , maxLength: 60 }), fc.nat(), fc.nat({ max: 10 }), fc.string({ unit: fc.constantFrom('x', '\n', '\r'), maxLength: 6 }), (text, at, length, inserted) => {
        const start = at % (text.length + 1);
        const end = Math.min(text.length, start + length);
        const edited = new LineIndex(text).withEdit(start, end, inserted);
        const fresh = new LineIndex(text.slice(0, start) + inserted + text.slice(end));
        assert.equal(edited.text, fresh.text);
        assert.equal(edited.lineCount, fresh.lineCount);
        for (let offset = 0; offset <= fresh.text.length; offset++) assert.deepEqual(edited.positionAt(offset), fresh.positionAt(offset));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
