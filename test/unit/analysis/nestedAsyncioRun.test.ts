import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { applyEdits } from '../fixtureExpectations';
import { testParser } from '../helpers';

async function fixOnce(source: string): Promise<string> {
  const { findings } = analyzeSource(await testParser(), source);
  assert.equal(findings.length, 1, `expected one finding in:\n${source}`);
  const fix = findings[0]!.fixes[0];
  assert.ok(fix, 'expected a fix');
  return applyEdits(source, fix.edits);
}

describe('ACO302 nested-asyncio-run', () => {
  it('names the coroutine and the awaited call in its message, with severity error', async () => {
    const { findings } = analyzeSource(await testParser(), 'import asyncio\nasync def load():\n    asyncio.run(get())\n');
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.code, 'ACO302');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /`load`/);
    assert.match(f.detail!, /await get\(\)/);
    assert.deepEqual(f.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 22 } });
    assert.equal(f.related[0]?.message, 'load already runs on the event loop');
  });

  it('fix replaces asyncio.run(x) with await x', async () => {
    assert.equal(await fixOnce('import asyncio\nasync def f():\n    v = asyncio.run(g(1))\n'), 'import asyncio\nasync def f():\n    v = await g(1)\n');
  });

  it('fix keeps a single await when the call was already awaited', async () => {
    assert.equal(await fixOnce('import asyncio\nasync def f():\n    return await asyncio.run(g())\n'), 'import asyncio\nasync def f():\n    return await g()\n');
  });

  it('fix parenthesises when the result is indexed or an attribute is read', async () => {
    assert.equal(await fixOnce('import asyncio\nasync def f():\n    return asyncio.run(g()).value\n'), 'import asyncio\nasync def f():\n    return (await g()).value\n');
  });

  it('offers no fix when asyncio.run has extra arguments it cannot keep', async () => {
    const { findings } = analyzeSource(await testParser(), 'import asyncio\nasync def f():\n    asyncio.run(g(), debug=True)\n');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.fixes, []);
  });

  it('positions are UTF-16 columns after non-ASCII text on the line', async () => {
    const { findings } = analyzeSource(await testParser(), 'import asyncio\nasync def f():\n    s = "é😀"; asyncio.run(g())\n');
    assert.equal(findings[0]?.range.start.character, 15);
  });

  it('can be switched off by severity override and by ignore', async () => {
    const src = 'import asyncio\nasync def f():\n    asyncio.run(g())\n';
    assert.equal(analyzeSource(await testParser(), src, { severity: { ACO302: 'off' } }).findings.length, 0);
    assert.equal(analyzeSource(await testParser(), src, { ignore: new Set(['ACO302']) }).findings.length, 0);
    assert.equal(analyzeSource(await testParser(), src, { severity: { ACO302: 'warning' } }).findings[0]?.severity, 'warning');
  });

  it('survives malformed code: reports syntax errors and still analyses what parsed', async () => {
    const src = 'import asyncio\nasync def f(:\n    pass\nasync def g():\n    asyncio.run(h())\n';
    const result = analyzeSource(await testParser(), src);
    assert.ok(result.syntaxErrors.length > 0);
    assert.deepEqual(result.findings.map((f) => f.range.start.line), [4]);
  });
});
