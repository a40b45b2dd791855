import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { semaphorePerCall } from '../../../src/analysis/rules/semaphorePerCall';
import type { Finding } from '../../../src/analysis/types';
import { builtinCardById } from '../../../src/flashcards/ruleCards';
import { repoRoot, testParser } from '../helpers';

async function findings(source: string): Promise<Finding[]> {
  return analyzeSource(await testParser(), source, { select: new Set(['ACO303']) }).findings;
}

const PER_CALL = 'import asyncio\n\nasync def fetch(session, url):\n    sem = asyncio.Semaphore(3)\n    async with sem:\n        return await session.get(url)\n';

describe('ACO303 semaphore-per-call', () => {
  it('declares its metadata: a docs page that exists and a card of the built-in deck', () => {
    const { meta } = semaphorePerCall;
    assert.equal(meta.code, 'ACO303');
    assert.equal(meta.name, 'semaphore-per-call');
    assert.equal(meta.defaultSeverity, 'warning');
    assert.ok(existsSync(path.join(repoRoot(), 'media', 'docs', `${meta.docsSlug}.md`)));
    assert.deepEqual(builtinCardById(meta.cardId!)?.rules.includes('ACO303'), true);
  });

  it('the docs page sample: the "Before" code is flagged, the "After" code is not', async () => {
    const page = readFileSync(path.join(repoRoot(), 'media', 'docs', `${semaphorePerCall.meta.docsSlug}.md`), 'utf8');
    const sample = /```python\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const [before, after] = sample.split(/^# After.*$/m);
    assert.ok(before && after, 'the sample has a Before and an After part');
    assert.ok((await findings('import asyncio\n\n' + before)).length > 0);
    assert.deepEqual(await findings('import asyncio\n\n' + after), []);
  });

  it('explains that each call gets its own semaphore and where to create it instead', async () => {
    const [f] = await findings(PER_CALL);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 30 } });
    assert.equal(f.message, '`sem = asyncio.Semaphore(3)` runs on every call of `fetch`, so each call gets its own and nothing is limited');
    assert.match(f.detail!, /Each call gets its own, brand-new semaphore/);
    assert.match(f.detail!, /in `main`, at module level, or in `__init__`/);
    assert.deepEqual(f.related.map((r) => [r.range.start.line, r.message]), [[2, 'every call of fetch creates its own semaphore']]);
  });

  it('offers no automatic fix: moving the primitive changes which calls share it', async () => {
    const [f] = await findings(PER_CALL);
    assert.deepEqual(f!.fixes, []);
  });

  it('says a per-call lock protects nothing, also when it is anonymous', async () => {
    const [named] = await findings('import asyncio\n\nasync def put(d, k):\n    lock = asyncio.Lock()\n    async with lock:\n        d[k] = 1\n');
    assert.match(named!.message, /each call gets its own and it protects nothing/);
    assert.match(named!.detail!, /no two calls ever wait for each other/);
    const [anonymous] = await findings('import asyncio\n\nasync def put(d, k):\n    async with asyncio.Lock():\n        d[k] = 1\n');
    assert.match(anonymous!.message, /^`async with asyncio\.Lock\(\)` runs on every call of `put`/);
  });

  for (const [what, line] of [
    ['gathers under it', '    await asyncio.gather(session.get(url), session.get(url))'],
    ['starts a task', '    asyncio.create_task(session.get(url))'],
    ['waits on several', '    await asyncio.wait([t])'],
    ['runs as_completed', '    for f in asyncio.as_completed([t]): pass'],
    ['returns it', '    return sem'],
    ['stores it on self', '    session.sem = sem'],
    ['passes it on', '    await helper(sem)'],
    ['hands a bound method to a callback', '    asyncio.get_running_loop().call_soon(sem.release)'],
  ]) {
    it(`is silent when the function also ${what}`, async () => {
      assert.deepEqual(await findings(PER_CALL + line + '\n'), []);
    });
  }

  it('is silent in sync functions and for other libraries\' primitives', async () => {
    assert.deepEqual(await findings('import asyncio\n\ndef make():\n    sem = asyncio.Semaphore(3)\n    return sem\n'), []);
    assert.deepEqual(await findings('import trio\n\nasync def f():\n    sem = trio.Semaphore(3)\n    async with sem:\n        await trio.sleep(0)\n'), []);
  });

  it('honours # noqa: ACO303', async () => {
    assert.deepEqual(await findings(PER_CALL.replace('Semaphore(3)', 'Semaphore(3)  # noqa: ACO303')), []);
  });
});
