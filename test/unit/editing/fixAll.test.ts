import assert from 'node:assert/strict';
import { combineFixes, primaryFix } from '../../../src/editing/fixAll';
import type { Finding, Fix } from '../../../src/analysis/types';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function finding(fixes: Fix[], line = 0): Finding {
  return { code: 'ACO302', name: 'nested-asyncio-run', severity: 'error', message: 'm', range: at(line, 0, 1), fixes, related: [] };
}

describe('fix all: combining fixes of many findings', () => {
  it('picks the preferred fix, else the first', () => {
    const a: Fix = { title: 'a', edits: [] };
    const b: Fix = { title: 'b', edits: [], isPreferred: true };
    assert.equal(primaryFix(finding([a, b]))?.title, 'b');
    assert.equal(primaryFix(finding([a]))?.title, 'a');
    assert.equal(primaryFix(finding([])), undefined);
  });

  it('applies non-overlapping fixes together and defers an overlapping one', () => {
    const one = finding([{ title: '1', edits: [{ range: at(1, 0, 10), newText: 'x' }] }]);
    const two = finding([{ title: '2', edits: [{ range: at(3, 0, 10), newText: 'y' }] }]);
    const clash = finding([{ title: '3', edits: [{ range: at(1, 5, 15), newText: 'z' }] }]);
    const result = combineFixes([one, two, clash]);
    assert.equal(result.applied, 2);
    assert.equal(result.skipped, 1);
    assert.deepEqual(result.edits.map((e) => e.newText), ['x', 'y']);
  });

  it('applies a shared edit (the same import added by two fixes) once', () => {
    const importEdit = { range: at(0, 0, 0), newText: 'import asyncio\n' };
    const one = finding([{ title: '1', edits: [importEdit, { range: at(2, 0, 3), newText: 'a' }] }]);
    const two = finding([{ title: '2', edits: [importEdit, { range: at(5, 0, 3), newText: 'b' }] }]);
    const result = combineFixes([one, two]);
    assert.equal(result.applied, 2);
    assert.deepEqual(result.edits.map((e) => e.newText), ['import asyncio\n', 'a', 'b']);
  });

  it('treats ranges that only touch as compatible', () => {
    const one = finding([{ title: '1', edits: [{ range: at(1, 0, 5), newText: 'x' }] }]);
    const two = finding([{ title: '2', edits: [{ range: at(1, 5, 9), newText: 'y' }] }]);
    assert.equal(combineFixes([one, two]).applied, 2);
  });
});
