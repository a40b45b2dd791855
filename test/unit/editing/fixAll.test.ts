import assert from 'node:assert/strict';
import { combineFixes, primaryFix } from '../../../src/editing/fixAll';
import type { Finding, Fix } from '../../../src/analysis/types';

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
    assert.deepEqual(combineFixes([finding([risky])]), { edits: [], applied: 0, skipped: 0 });
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
