import assert from 'node:assert/strict';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import type { RuleCode } from '../../../src/analysis/types';
import { testParser } from '../helpers';

async function lines(code: RuleCode, source: string, options: AnalyzeOptions = {}): Promise<number[]> {
  const { findings } = analyzeSource(await testParser(), source, { ...options, select: new Set([code]) });
  return findings.map((f) => f.range.start.line + 1);
}

describe('ACO201: what a call returns', () => {
  it('a `yield` in a nested function does not make the outer `async def` an async generator', async () => {
    const src = [
      'async def outer():',
      '    def numbers():',
      '        yield 1',
      '    return list(numbers())',
      'async def agen():',
      '    yield 1',
      'async def main():',
      '    outer()',
      '    agen()',
      '',
    ].join('\n');
    assert.deepEqual(await lines('ACO201', src), [8]);
  });

  it('the word yield in a string or comment does not hide a coroutine', async () => {
    const src = 'async def note():\n    # may yield control\n    return "yield"\nasync def main():\n    note()\n';
    assert.deepEqual(await lines('ACO201', src), [5]);
  });
});
