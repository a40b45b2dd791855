import assert from 'node:assert/strict';
import fc from 'fast-check';
import { combineFixes, primaryFix } from '../../../src/editing/fixAll';
import type { Finding, Fix, TextEdit } from '../../../src/analysis/types';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function finding(fixes: Fix[], line = 0): Finding {
  return { code: 'ACO302', name: 'nested-asyncio-run', severity: 'error', message: 'm', range: at(line, 0, 1), fixes, related: [] };
}

describe('fix all: combining fixes of many findings', () => {
  it('picks the preferred safe fix, else the first safe one', () => {
    const a: Fix = { title: 'a', edits: [], applicability: 'safe' };
    const b: Fix = { title: 'b', edits: [], applicability: 'safe', isPreferred: true };
    assert.equal(primaryFix(finding([a, b]))?.title, 'b');
    assert.equal(primaryFix(finding([a]))?.title, 'a');
    assert.equal(primaryFix(finding([])), undefined);
  });

  it('never picks an unsafe fix unless asked to', () => {
    const risky: Fix = { title: 'gather', edits: [{ range: at(1, 0, 10), newText: 'g' }], applicability: 'unsafe' };
    const safe: Fix = { title: 'keep', edits: [{ range: at(2, 0, 1), newText: 'k' }], applicability: 'safe' };
    assert.equal(primaryFix(finding([risky])), undefined);
    assert.equal(primaryFix(finding([risky, safe]))?.title, 'keep');
    assert.equal(primaryFix(finding([risky]), true)?.title, 'gather');
    const none = combineFixes([finding([risky])]);
    assert.deepEqual([none.edits, none.applied, none.skipped, none.fixed], [[], 0, 0, []]);
    assert.equal(combineFixes([finding([risky])], true).applied, 1);
  });

  it('applies non-overlapping fixes together and defers an overlapping one', () => {
    const one = finding([{ title: '1', edits: [{ range: at(1, 0, 10), newText: 'x' }], applicability: 'safe' }]);
    const two = finding([{ title: '2', edits: [{ range: at(3, 0, 10), newText: 'y' }], applicability: 'safe' }]);
    const clash = finding([{ title: '3', edits: [{ range: at(1, 5, 15), newText: 'z' }], applicability: 'safe' }]);
    const result = combineFixes([one, two, clash]);
    assert.equal(result.applied, 2);
    assert.equal(result.skipped, 1);
    assert.deepEqual(result.edits.map((e) => e.newText), ['x', 'y']);
  });

  it('applies a shared edit (the same import added by two fixes) once', () => {
    const importEdit = { range: at(0, 0, 0), newText: 'import asyncio\n' };
    const one = finding([{ title: '1', edits: [importEdit, { range: at(2, 0, 3), newText: 'a' }], applicability: 'safe' }]);
    const two = finding([{ title: '2', edits: [importEdit, { range: at(5, 0, 3), newText: 'b' }], applicability: 'safe' }]);
    const result = combineFixes([one, two]);
    assert.equal(result.applied, 2);
    assert.deepEqual(result.edits.map((e) => e.newText), ['import asyncio\n', 'a', 'b']);
  });

  it('treats ranges that only touch as compatible', () => {
    const one = finding([{ title: '1', edits: [{ range: at(1, 0, 5), newText: 'x' }], applicability: 'safe' }]);
    const two = finding([{ title: '2', edits: [{ range: at(1, 5, 9), newText: 'y' }], applicability: 'safe' }]);
    assert.equal(combineFixes([one, two]).applied, 2);
  });
});

describe('fix all: the combination matches a plain pairwise check', () => {
  /** The rule, written the slow obvious way: compare each edit with every chosen one. */
  function reference(findings: readonly Finding[]): { applied: number; skipped: number; texts: string[] } {
    const chosen: TextEdit[] = [];
    const pos = (p: { line: number; character: number }) => p.line * 1000 + p.character;
    const same = (a: TextEdit, b: TextEdit) => a.newText === b.newText && pos(a.range.start) === pos(b.range.start) && pos(a.range.end) === pos(b.range.end);
    const overlap = (a: TextEdit, b: TextEdit) => {
      const [as, ae, bs, be] = [pos(a.range.start), pos(a.range.end), pos(b.range.start), pos(b.range.end)];
      if (as === ae && bs === be) return as === bs;
      return as < be && bs < ae;
    };
    let applied = 0;
    let skipped = 0;
    for (const f of findings) {
      const fix = f.fixes[0]!;
      const fresh = fix.edits.filter((e) => !chosen.some((c) => same(c, e)));
      if (fresh.some((e) => chosen.some((c) => overlap(c, e)))) {
        skipped++;
        continue;
      }
      chosen.push(...fresh);
      applied++;
    }
    return { applied, skipped, texts: chosen.map((e) => e.newText).sort() };
  }

  it('on random edits: the same fixes chosen, the same ones deferred', () => {
    const edit = fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 6 }), fc.nat({ max: 3 }), fc.nat({ max: 5 })).map(([line, start, lines, length]) => ({
      range: { start: { line, character: start }, end: { line: line + lines, character: lines === 0 ? start + length : length } },
      newText: `t${line}${start}${lines}${length}`,
    }));
    fc.assert(
      fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (generated) => {
        // A fix whose own edits overlap is malformed and never applied (tested below).
        const fixes = generated.filter((edits) => reference(edits.map((e) => finding([{ title: '', edits: [e], applicability: 'safe' }]))).skipped === 0);
        const findings = fixes.map((edits, i) => finding([{ title: String(i), edits, applicability: 'safe' }]));
        const got = combineFixes(findings);
        const want = reference(findings);
        assert.deepEqual({ applied: got.applied, skipped: got.skipped, texts: got.edits.map((e) => e.newText).sort() }, want);
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('defers a second insertion at the same point and an insertion inside a replaced range', () => {
    const insert = (line: number, ch: number, text: string) => finding([{ title: text, edits: [{ range: at(line, ch, ch), newText: text }], applicability: 'safe' }]);
    const replace = finding([{ title: 'r', edits: [{ range: at(2, 2, 8), newText: 'r' }], applicability: 'safe' }]);
    const result = combineFixes([replace, insert(1, 0, 'a'), insert(1, 0, 'b'), insert(2, 5, 'c'), insert(2, 8, 'd')]);
    assert.deepEqual(result.edits.map((e) => e.newText), ['a', 'r', 'd']);
    assert.equal(result.skipped, 2);
  });

  it('never applies a malformed fix whose own edits overlap', () => {
    const broken = finding([{ title: 'b', edits: [{ range: at(1, 0, 5), newText: 'x' }, { range: at(1, 2, 3), newText: 'y' }], applicability: 'safe' }]);
    assert.deepEqual([combineFixes([broken]).applied, combineFixes([broken]).edits], [0, []]);
  });

  it('returns the edits in text order whatever order the findings come in', () => {
    const fixes = [5, 1, 3].map((line) => finding([{ title: String(line), edits: [{ range: at(line, 0, 2), newText: String(line) }], applicability: 'safe' }]));
    assert.deepEqual(combineFixes(fixes).edits.map((e) => e.newText), ['1', '3', '5']);
  });
});
