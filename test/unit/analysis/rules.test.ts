import assert from 'node:assert/strict';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { ALL_RULES } from '../../../src/analysis/rules';
import type { RuleCode } from '../../../src/analysis/types';
import { applyEdits } from '../fixtureExpectations';
import { repoRoot, testParser } from '../helpers';
import { existsSync } from 'node:fs';
import path from 'node:path';

async function only(code: RuleCode, source: string, options: AnalyzeOptions = {}) {
  return analyzeSource(await testParser(), source, { ...options, select: new Set([code]) }).findings;
}

// Two reads on two API clients: independent by the clients' query methods.
const RUN = 'import asyncio\nasync def f(a_client, b_client):\n    x = await a_client.fetch()\n    y = await b_client.fetch()\n    return x, y\n';

describe('headline rules: metadata, messages and fixes', () => {
  it('declares metadata with a docs page that exists and the card of the deck', () => {
    for (const code of ['ACO101', 'ACO102', 'ACO201', 'ACO202'] as const) {
      const rule = ALL_RULES.find((r) => r.meta.code === code)!;
      assert.ok(rule, code);
      assert.ok(existsSync(path.join(repoRoot(), 'media', 'docs', `${rule.meta.docsSlug}.md`)), `${code} docs page`);
      assert.match(rule.meta.cardId ?? '', /^rule-aco/);
    }
  });

  it('ACO101 names the calls in one short sentence, spans the run, and offers TaskGroup only from 3.11', async () => {
    const [finding] = await only('ACO101', RUN);
    assert.ok(finding);
    assert.equal(finding.message, "`fetch()` and `fetch()` are awaited one after another, but neither needs the other's result");
    assert.match(finding.detail!, /sum of their times.*slowest/);
    assert.match(finding.detail!, /TaskGroup/);
    assert.deepEqual(finding.range, { start: { line: 2, character: 4 }, end: { line: 3, character: 30 } });
    // Both rewrites change behaviour (side effects interleave, failures propagate differently).
    assert.deepEqual(finding.fixes.map((f) => f.applicability), ['unsafe', 'unsafe']);
    assert.deepEqual(finding.fixes.map((f) => f.isPreferred ?? false), [false, false]);
    assert.match(finding.fixes[1]!.title, /TaskGroup/);
    const [old] = await only('ACO101', RUN, { targetVersion: 'py310' });
    assert.equal(old!.fixes.length, 1);
    assert.doesNotMatch(old!.detail!, /TaskGroup/);
    const [preferred] = await only('ACO101', RUN, { preferTaskGroup: true });
    assert.match(preferred!.fixes[0]!.title, /TaskGroup/);
    assert.equal(preferred!.fixes[0]!.applicability, 'unsafe');
  });

  it('ACO101 points at each awaited call of the run as related information, in order', async () => {
    const [finding] = await only('ACO101', RUN);
    assert.deepEqual(
      finding!.related.map((r) => [r.range.start.line, r.range.start.character, r.message]),
      [
        [2, 14, 'await 1 of 2'],
        [3, 14, 'await 2 of 2: starts only when await 1 has finished'],
      ],
    );
  });

  it('ACO101 gather fix keeps names and order and runs', async () => {
    const [finding] = await only('ACO101', RUN);
    assert.equal(applyEdits(RUN, finding!.fixes[0]!.edits), 'import asyncio\nasync def f(a_client, b_client):\n    x, y = await asyncio.gather(a_client.fetch(), b_client.fetch())\n    return x, y\n');
  });

  it('ACO101 uses the module alias of asyncio when there is one', async () => {
    const src = RUN.replace('import asyncio', 'import asyncio as aio');
    const [finding] = await only('ACO101', src);
    assert.match(applyEdits(src, finding!.fixes[0]!.edits), /await aio\.gather\(/);
  });

  it('ACO101 groups reads on one HTTP client, but not calls on one session, connection or unknown object', async () => {
    const http = 'async def f(client):\n    x = await client.get("/a")\n    y = await client.get("/b")\n    return x, y\n';
    assert.equal((await only('ACO101', http)).length, 1);
    assert.deepEqual(await only('ACO101', http.replace(/client/g, 'session')), [], 'a session runs one operation at a time');
    assert.deepEqual(await only('ACO101', http.replace(/client/g, 'conn')), []);
    assert.deepEqual(await only('ACO101', http.replace(/client/g, 'thing')), [], 'what `thing.get` does is unknown');
    const typed = 'import aiohttp\nasync def f(session: aiohttp.ClientSession):\n    x = await session.get("/a")\n    y = await session.get("/b")\n    return x, y\n';
    assert.equal((await only('ACO101', typed)).length, 1, 'an aiohttp session is an HTTP client, not a database session');
    assert.deepEqual(await only('ACO101', http.replace('client.get("/b")', 'client.post("/b")')), [], 'a POST may change what the GET reads');
  });

  it('ACO102 names the call in one short sentence (the Semaphore advice is in the docs page)', async () => {
    const src = 'import asyncio\nasync def get(u):\n    await asyncio.sleep(1)\n    return u\nasync def f(urls):\n    out = []\n    for u in urls:\n        out.append(await get(u))\n    return out\n';
    const [finding] = await only('ACO102', src);
    assert.match(finding!.message, /awaits `get\(\)` before the next pass starts/);
    assert.match(finding!.detail!, /asyncio\.gather\(\*\(get\(u\) for u in urls\)\)/);
    assert.match(finding!.detail!, /Semaphore/);
    assert.equal(finding!.related[0]!.range.start.line, 6);
    assert.equal(applyEdits(src, finding!.fixes[0]!.edits), src.replace('    out = []\n    for u in urls:\n        out.append(await get(u))\n', '    out = await asyncio.gather(*(get(u) for u in urls))\n'));
  });

  it('ACO102 offers no fix when the loop variable is used after the loop', async () => {
    const src = 'import asyncio\nasync def get(u):\n    await asyncio.sleep(1)\nasync def f(urls, out):\n    for u in urls:\n        out.append(await get(u))\n    return u\n';
    const [finding] = await only('ACO102', src);
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });

  it('keeps CRLF line endings: a trailing comment does not pull a fix into the line break', async () => {
    const src = 'import asyncio\r\nasync def get(u):\r\n    await asyncio.sleep(1)\r\nasync def f(urls):\r\n    out = []\r\n    for u in urls:\r\n        out.append(await get(u))  # slow\r\n    return out\r\n';
    const [finding] = await only('ACO102', src);
    const edit = finding!.fixes[0]!.edits[0]!;
    assert.deepEqual(edit.range.end, { line: 6, character: 40 });
    const fixed = applyEdits(src, finding!.fixes[0]!.edits);
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'only CRLF line breaks remain');
  });

  it('ACO201 inserts await in a coroutine, offers asyncio.run at module level, and no fix in sync code', async () => {
    const src = 'async def job():\n    pass\nasync def a():\n    job()\ndef b():\n    job()\njob()\n';
    const findings = await only('ACO201', src);
    assert.deepEqual(findings.map((f) => f.range.start.line), [3, 5, 6]);
    assert.equal(applyEdits(src, findings[0]!.fixes[0]!.edits).split('\n')[3], '    await job()');
    assert.deepEqual(findings[1]!.fixes, []);
    assert.match(findings[1]!.detail!, /plain `def` cannot await: make this function `async def`/);
    assert.doesNotMatch(findings[1]!.detail!, /asyncio\.run\(\)/, 'asyncio.run() is no advice inside a function the loop may be running');
    assert.equal(applyEdits(src, findings[2]!.fixes[0]!.edits), 'import asyncio\n' + src.replace(/^job\(\)$/m, 'asyncio.run(job())'));
  });

  it('ACO201 names the unused local', async () => {
    const [finding] = await only('ACO201', 'async def job():\n    pass\nasync def a():\n    pending = job()\n');
    assert.equal(finding!.message, '`job(...)` returns a coroutine that `pending` holds but never awaits, so its code never runs');
  });

  it('ACO202 prefers the enclosing TaskGroup, and reuses a module-level set of tasks', async () => {
    const src = 'import asyncio\n\nrunning_tasks = set()\n\nasync def f():\n    async with asyncio.TaskGroup() as group:\n        asyncio.create_task(g())\n';
    const [finding] = await only('ACO202', src);
    assert.equal(finding!.fixes[0]!.title, 'Create the task in the TaskGroup `group`');
    assert.match(applyEdits(src, finding!.fixes[0]!.edits), /group\.create_task\(g\(\)\)/);
    const kept = applyEdits(src, finding!.fixes[1]!.edits);
    assert.match(kept, /running_tasks\.add\(task\)\n\s+task\.add_done_callback\(running_tasks\.discard\)/);
    assert.doesNotMatch(kept, /_background_tasks/);
  });

  it('ACO202 explains the weak reference and the lost exception', async () => {
    const [finding] = await only('ACO202', 'import asyncio\nasync def f():\n    asyncio.ensure_future(g())\n');
    assert.match(finding!.message, /drops it, so it can vanish mid-run and its errors go unseen/);
    assert.match(finding!.detail!, /weak reference/);
    assert.match(finding!.detail!, /exception/);
  });
});
