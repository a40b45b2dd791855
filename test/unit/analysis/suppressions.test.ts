import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { findSuppressions, isSuppressed } from '../../../src/analysis/suppressions';
import { testParser } from '../helpers';

const BODY = 'import asyncio\nasync def f():\n    asyncio.sleep(1){A}\n    asyncio.create_task(f()){B}\n';

async function codes(source: string): Promise<string[]> {
  return analyzeSource(await testParser(), source).findings.map((f) => `${f.range.start.line}:${f.code}`);
}

describe('suppressions', () => {
  it('# noqa silences every finding of the line, # noqa: CODES only those codes', async () => {
    assert.deepEqual(await codes(BODY.replace('{A}', '').replace('{B}', '')), ['2:ACO201', '3:ACO202']);
    assert.deepEqual(await codes(BODY.replace('{A}', '  # noqa').replace('{B}', '')), ['3:ACO202']);
    assert.deepEqual(await codes(BODY.replace('{A}', '  # noqa: ACO202').replace('{B}', '  #NOQA:ACO202')), ['2:ACO201']);
    assert.deepEqual(await codes(BODY.replace('{A}', '  # noqa: E501').replace('{B}', '  # noqa: E501, ACO202 because')), ['2:ACO201']);
  });

  it('a file-level # async-coach: noqa in the first comment block silences the file or some codes', async () => {
    const src = BODY.replace('{A}', '').replace('{B}', '');
    assert.deepEqual(await codes('#!/usr/bin/env python\n# async-coach: noqa\n' + src), []);
    assert.deepEqual(await codes('# async-coach: noqa: ACO201\n' + src), ['4:ACO202']);
    assert.deepEqual(await codes('"""doc"""\n# async-coach: noqa\n' + src), ['4:ACO201', '5:ACO202'], 'only the first comment block counts');
  });

  it('a # noqa inside a string is not a comment', async () => {
    const src = 'import asyncio\nasync def f():\n    asyncio.sleep(len("# noqa"))\n';
    assert.deepEqual(await codes(src), ['2:ACO201']);
    assert.deepEqual(analyzeSource(await testParser(), src, { noqa: false }).findings.length, 1);
  });

  it('parses codes separated by commas or spaces', () => {
    const s = findSuppressions('x = 1  # noqa: ACO101 ACO102,ACO201\n', () => true);
    assert.equal(isSuppressed(s, 'ACO102', 0), true);
    assert.equal(isSuppressed(s, 'ACO201', 0), true);
    assert.equal(isSuppressed(s, 'ACO202', 0), false);
    assert.equal(isSuppressed(s, 'ACO101', 1), false);
  });
});
