import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { callIntent, returnsFreshObject } from '../../../src/analysis/model/callNames';
import { isResourceName, isResourceType, opensSeparateResource } from '../../../src/analysis/model/resources';
import type { RuleCode } from '../../../src/analysis/types';
import { keysOverlap } from '../../../src/analysis/workspace/effects';
import { isTestFile } from '../../../src/analysis/workspace/testFiles';
import { WorkspaceIndex } from '../../../src/analysis/workspace/workspaceIndex';
import { timeEffect } from '../../../src/editing/hoverText';
import { applyEdits } from '../fixtureExpectations';
import { repoRoot, testParser } from '../helpers';

const CONCURRENCY = new Set<RuleCode>(['ACO101', 'ACO102']);

async function findings(source: string, options: AnalyzeOptions = {}) {
  return analyzeSource(await testParser(), source, { select: CONCURRENCY, ...options }).findings;
}

describe('concurrency evidence: names, resources and test files', () => {
  it('reads what a name says: the first verb decides, a change joined by and/or wins', () => {
    assert.equal(callIntent('read_flow_runs'), 'query');
    assert.equal(callIntent('_api_get'), 'query');
    assert.equal(callIntent('getUserProfile'), 'query');
    assert.equal(callIntent('get_mark_price'), 'query', 'mark is a noun here');
    assert.equal(callIntent('create_flow'), 'mutate');
    assert.equal(callIntent('get_or_create'), 'mutate');
    assert.equal(callIntent('fetch_and_lock'), 'mutate');
    assert.equal(callIntent('execute'), 'unknown', 'SQL may read or write');
    assert.equal(callIntent('frobnicate'), 'unknown');
    assert.ok(returnsFreshObject('session_context'));
    assert.ok(!returnsFreshObject('get_rest_assistant'));
  });

  it('knows stateful resources by name and by type, and HTTP clients apart', () => {
    for (const name of ['session', 'db_session', '_conn', 'conn2', 'cursor', 'ws', 'redis_pipeline', 'writer']) assert.ok(isResourceName(name), name);
    for (const name of ['session_id', 'cursor_position', 'lock_timeout', 'client', 'user']) assert.ok(!isResourceName(name), name);
    assert.ok(isResourceType('sqlalchemy.ext.asyncio.AsyncSession'));
    assert.ok(isResourceType('asyncpg.Connection'));
    assert.ok(!isResourceType('aiohttp.ClientSession'));
    assert.ok(!isResourceType('mylib.Session'), 'only the packages whose sessions run one operation at a time');
    assert.ok(opensSeparateResource('session_context') && opensSeparateResource('acquire'));
    assert.ok(!opensSeparateResource('cursor') && !opensSeparateResource('begin'));
  });

  it('compares effect keys by prefix', () => {
    assert.ok(keysOverlap('l:self', 'l:self._cache'));
    assert.ok(keysOverlap('l:self._cache.x', 'l:self._cache'));
    assert.ok(!keysOverlap('l:self._cache', 'l:self._cached'));
    assert.ok(keysOverlap('*', 'g:pkg.STATE'));
  });

  it('recognises test files relative to the project, by the conventions pytest discovers', () => {
    for (const p of ['test_api.py', 'pkg/api_test.py', 'conftest.py', 'tests/helpers.py', 'src/pkg/tests/unit/x.py', 'test/x.py', 'tests\\win.py']) assert.ok(isTestFile(p), p);
    for (const p of ['pkg/api.py', 'pkg/testing/utils.py', 'pkg/contest.py', 'latest_results.py']) assert.ok(!isTestFile(p), p);
  });
});

describe('function summaries', () => {
  const API = [
    'import asyncio',
    'import httpx',
    'CACHE = {}',
    '',
    'async def fetch_user(user_id, session=None):',
    '    await asyncio.sleep(1)',
    '    return {"id": user_id}',
    '',
    'async def remember(user):',
    '    await asyncio.sleep(1)',
    '    CACHE[user["id"]] = user',
    '',
    'async def lookup(user_id):',
    '    await asyncio.sleep(1)',
    '    return CACHE.get(user_id)',
    '',
    'async def compute(x):',
    '    return x * 2',
    '',
    'class Base:',
    '    async def _api_get(self, path):',
    '        async with httpx.AsyncClient() as client:',
    '            return await client.get(path)',
    '',
  ].join('\n');

  it('are plain data a module summary carries: parameters, resources, intent, effects, calls', async () => {
    const { summary } = analyzeSource(await testParser(), API, { modulePath: 'pkg.api', rules: [] });
    const fetch = summary.functions.get('fetch_user')!;
    assert.deepEqual(fetch.params, ['user_id', 'session']);
    assert.deepEqual(fetch.resourceParams, ['session']);
    assert.equal(fetch.intent, 'query');
    assert.deepEqual(JSON.parse(JSON.stringify(fetch)), fetch, 'survives a trip through JSON');
    assert.ok(summary.functions.get('remember')!.direct.writes.includes('g:pkg.api.CACHE'));
    assert.equal(summary.functions.get('compute')!.direct.suspends, false);
    assert.deepEqual(summary.functions.get('compute')!.calls, []);
    assert.ok(summary.functions.has('Base._api_get'));
  });

  it('let a run across files be flagged only when the callees prove it', async () => {
    const parser = await testParser();
    const index = new WorkspaceIndex();
    index.set('pkg.api', analyzeSource(parser, API, { modulePath: 'pkg.api', rules: [] }).summary);
    const service = (a: string, b: string): string => `from pkg import api\n\nasync def handler(i):\n    x = await api.${a}\n    y = await api.${b}\n    return x, y\n`;
    const run = (a: string, b: string) => findings(service(a, b), { modulePath: 'pkg.service', workspace: index });
    assert.equal((await run('fetch_user(i)', 'fetch_user(i + 1)')).length, 1, 'two reads');
    assert.deepEqual(await run('remember(i)', 'lookup(i)'), [], 'one writes a global the other reads');
    assert.deepEqual(await run('compute(i)', 'fetch_user(i)'), [], 'compute never waits on I/O');
    assert.deepEqual(await run('fetch_user(i)', 'fetch_user(i)'), [], 'the same call twice');
  });

  it('follow a method inherited from a base class of another module', async () => {
    const parser = await testParser();
    const index = new WorkspaceIndex();
    index.set('pkg.api', analyzeSource(parser, API, { modulePath: 'pkg.api', rules: [] }).summary);
    const connector = 'from pkg.api import Base\n\nclass Connector(Base):\n    async def trading_rules(self):\n        info = await self._api_get("/info")\n        tickers = await self._api_get("/tickers")\n        return info, tickers\n';
    const [finding] = await findings(connector, { modulePath: 'pkg.connector', workspace: index });
    assert.equal(finding?.range.start.line, 4);
  });

  it('stay silent, and say so, while a callee module is not read yet', async () => {
    const index = new WorkspaceIndex();
    index.expect(['pkg.api']);
    const source = 'from pkg import api\n\nasync def handler(i):\n    x = await api.fetch_user(i)\n    y = await api.fetch_user(i + 1)\n    return x, y\n';
    const result = analyzeSource(await testParser(), source, { modulePath: 'pkg.service', workspace: index, select: CONCURRENCY });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.deferred, ['ACO101']);
  });
});

describe('what must stay flagged: the course and the examples', () => {
  const example = (name: string): string => readFileSync(path.join(repoRoot(), 'examples', name), 'utf8');

  it('flags examples/sequential.py and examples/await_loop.py, with the time estimate in the hover', async () => {
    const sequential = await findings(example('sequential.py'));
    assert.deepEqual(sequential.map((f) => [f.code, f.range.start.line]), [['ACO101', 29]]);
    assert.match(timeEffect(sequential[0]!)!, /about 3 s one after another → about 1 s together/);
    const loop = await findings(example('await_loop.py'));
    assert.deepEqual(loop.map((f) => [f.code, f.range.start.line]), [['ACO102', 19]]);
    assert.match(timeEffect(loop[0]!)!, /n s one by one/);
  });

  it('flags the challenge when its fetches are awaited one by one, in a run, a loop or a comprehension', async () => {
    const head = 'import asyncio\nimport time\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(1)\n    return {"id": user_id, "name": f"user-{user_id}"}\n\n\n';
    const run = await findings(head + 'async def main():\n    first = await fetch_user(1)\n    second = await fetch_user(2)\n    third = await fetch_user(3)\n    print(first, second, third)\n\n\nasyncio.run(main())\n');
    assert.deepEqual(run.map((f) => [f.code, f.range.start.line, f.range.end.line]), [['ACO101', 10, 12]]);
    const comprehension = head + 'async def main():\n    users = [await fetch_user(i) for i in range(10)]\n    print(users)\n\n\nasyncio.run(main())\n';
    const [finding] = await findings(comprehension);
    assert.equal(finding?.code, 'ACO102');
    assert.equal(finding.message, 'This comprehension awaits `fetch_user()` one item at a time, so the calls run one after another');
    assert.match(applyEdits(comprehension, finding.fixes[0]!.edits), /users = await asyncio\.gather\(\*\(fetch_user\(i\) for i in range\(10\)\)\)/);
    assert.equal(finding.fixes[0]!.applicability, 'unsafe');
  });
});

describe('test files', () => {
  const TEST = 'import asyncio\n\nasync def fetch(i):\n    await asyncio.sleep(1)\n\nasync def test_two():\n    a = await fetch(1)\n    b = await fetch(2)\n    fetch(3)\n    return a, b\n';

  it('turn the concurrency suggestions off unless asked, and keep the bug rules', async () => {
    const parser = await testParser();
    const codes = (options: AnalyzeOptions): string[] => analyzeSource(parser, TEST, options).findings.map((f) => f.code);
    assert.deepEqual(codes({}), ['ACO101', 'ACO201']);
    assert.deepEqual(codes({ testFile: true }), ['ACO201']);
    assert.deepEqual(codes({ testFile: true, concurrencyInTests: true }), ['ACO101', 'ACO201']);
  });
});
