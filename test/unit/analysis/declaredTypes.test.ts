import assert from 'node:assert/strict';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import type { RuleCode } from '../../../src/analysis/types';
import { WorkspaceIndex } from '../../../src/analysis/workspace/workspaceIndex';
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

/** Analyses `files` (module path -> source) as one workspace and returns `module:line` of each finding of `code`. */
async function workspaceFindings(code: RuleCode, files: Record<string, string>): Promise<string[]> {
  const parser = await testParser();
  const index = new WorkspaceIndex();
  for (const [modulePath, source] of Object.entries(files)) index.set(modulePath, analyzeSource(parser, source, { modulePath }).summary);
  const out: string[] = [];
  for (const [modulePath, source] of Object.entries(files)) {
    for (const f of analyzeSource(parser, source, { modulePath, workspace: index, select: new Set([code]) }).findings) out.push(`${modulePath}:${f.range.start.line + 1}`);
  }
  return out;
}

const HTTP = 'class HTTPClient:\n    async def kick(self, uid):\n        pass\n    def close(self):\n        pass\n';
const STATE = [
  'from typing import Optional, TYPE_CHECKING',
  'from .http import HTTPClient',
  'if TYPE_CHECKING:',
  '    from .client import Client',
  'class ConnectionState:',
  '    def __init__(self):',
  '        self.http = HTTPClient()',
  '        self.client: Optional["Client"] = None',
  '    async def fetch(self):',
  '        pass',
  '',
].join('\n');

describe('ACO201: declared types across the workspace', () => {
  it('follows attribute chains link by link: constructors in __init__, annotations, properties, base classes', async () => {
    const client = [
      'from .state import ConnectionState',
      'from .http import HTTPClient',
      'class Base:',
      '    async def start(self):',
      '        pass',
      'class Client(Base):',
      '    def __init__(self):',
      '        self._state = ConnectionState()',
      '        self._conn = None',
      '    @property',
      '    def state(self) -> ConnectionState:',
      '        return self._state',
      '    def connect(self):',
      '        self._conn = HTTPClient()',
      '    async def run(self, other: "Client", http: HTTPClient | None = None):',
      '        self._state.http.kick(1)',
      '        self.start()',
      '        self.state.fetch()',
      '        other._state.http.kick(2)',
      '        http.kick(3)',
      '        self._conn.kick(4)',
      '        self._state.http.close()',
      '        await self._state.http.kick(5)',
      '',
    ].join('\n');
    const found = await workspaceFindings('ACO201', { 'pkg.http': HTTP, 'pkg.state': STATE, 'pkg.client': client });
    assert.deepEqual(found, ['pkg.client:16', 'pkg.client:17', 'pkg.client:18', 'pkg.client:19', 'pkg.client:20', 'pkg.client:21']);
  });

  it('reads module-level instances, functions returning a constructor, class methods through the class, and TYPE_CHECKING imports', async () => {
    const client = [
      'from .state import ConnectionState',
      'class Client:',
      '    def __init__(self):',
      '        self._state = ConnectionState()',
      '    @classmethod',
      '    async def create(cls):',
      '        return cls()',
      'def make():',
      '    return Client()',
      'default = make()',
      '',
    ].join('\n');
    const user = [
      'from pkg.client import Client, make, default',
      'async def go(c: Client):',
      '    make()._state.fetch()',
      '    default._state.http.kick(1)',
      '    Client.create()',
      '    c._state.client._state.fetch()',
      '',
    ].join('\n');
    const found = await workspaceFindings('ACO201', { 'pkg.http': HTTP, 'pkg.state': STATE, 'pkg.client': client, 'pkg.user': user });
    assert.deepEqual(found, ['pkg.user:3', 'pkg.user:4', 'pkg.user:5', 'pkg.user:6']);
  });

  it('stays silent when an attribute is bound to two different types, or a method is sync in a subclass', async () => {
    const src = [
      'class A:',
      '    async def go(self):',
      '        pass',
      'class B:',
      '    def go(self):',
      '        pass',
      'class C(A):',
      '    def go(self):',
      '        pass',
      'class Holder:',
      '    def __init__(self, fast):',
      '        self.x = A() if fast else None',
      '        self.y = A()',
      '    def swap(self):',
      '        self.y = B()',
      '    async def run(self, c: C):',
      '        self.y.go()',
      '        c.go()',
      '',
    ].join('\n');
    assert.deepEqual(await lines('ACO201', src), []);
  });
});

describe('ACO201: a coroutine used as if it were the result', () => {
  const HEAD = 'import json\nasync def fetch():\n    return {}\n';
  it('reports an assigned coroutine read at once, at the call, with the use as related information', async () => {
    const src = HEAD + 'async def main():\n    data = fetch()\n    print(data.items)\n';
    const { findings } = analyzeSource(await testParser(), src, { select: new Set(['ACO201']) });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.range.start.line, 4);
    assert.match(findings[0]!.message, /`data` holds it and its attribute `\.items` is read/);
    assert.equal(findings[0]!.related[0]?.range.start.line, 5);
  });

  it('catches truth tests, comparisons, iteration, f-strings, indexing and sync builtins, directly or through a local', async () => {
    const uses = ['if fetch():\n        pass', 'while fetch():\n        break', 'x = not fetch()', 'x = fetch() and 1', 'x = fetch().attr', 'x = fetch()[0]', 'x = fetch() == 1', 'x = len(fetch())', 'x = json.dumps(fetch())', 'x = f"{fetch()}"', 'for x in fetch():\n        pass'];
    for (const u of uses) assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    ${u}\n`), [5], u);
    for (const u of ['if r:\n        pass', 'x = r["k"]', 'x = r + 1', 'for x in r:\n        pass', 'x = str(r)']) {
      assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    r = fetch()\n    ${u}\n`), [5], u);
    }
  });

  it('stays silent when the coroutine may still be awaited or handed on', async () => {
    const keeps = ['await r', 'return r', 'x = [r]', 'run(r)', 'x = 1 and r\n    await x', 'r.close()\n    r = 1\n    print(r.real)'];
    for (const k of keeps) assert.deepEqual(await lines('ACO201', `${HEAD}def run(c):\n    pass\nasync def main():\n    r = fetch()\n    ${k}\n`), [], k);
    assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    return fetch() or None\n`), [], '`or` gives the coroutine itself');
  });

  it('parenthesises the awaited call when an attribute is read on it', async () => {
    const src = HEAD + 'async def main():\n    return fetch().attr\n';
    const { findings } = analyzeSource(await testParser(), src, { select: new Set(['ACO201']) });
    assert.equal(findings[0]!.fixes[0]!.edits[0]!.newText, '(await fetch())');
  });
});

describe('ACO201: coroutine factories', () => {
  it('treats a def that returns a coroutine on every path like an async def, here and in other files', async () => {
    const http = [
      'class HTTPClient:',
      '    async def request(self, route):',
      '        pass',
      '    def delete_rule(self, rule_id):',
      '        route = ("DELETE", rule_id)',
      '        return self.request(route)',
      '    def maybe(self, flag):',
      '        if flag:',
      '            return self.request(1)',
      '        return None',
      '    def sometimes(self, flag):',
      '        if flag:',
      '            return self.request(1)',
      '    async def run(self):',
      '        self.delete_rule(1)',
      '        self.maybe(True)',
      '        self.sometimes(True)',
      '',
    ].join('\n');
    const user = 'from pkg.http import HTTPClient\nasync def go(http: HTTPClient):\n    http.delete_rule(2)\n    http.maybe(True)\n';
    assert.deepEqual(await workspaceFindings('ACO201', { 'pkg.http': http, 'pkg.user': user }), ['pkg.http:15', 'pkg.user:3']);
  });
});

describe('ACO202: task factories', () => {
  it('reports the dropped result of a function that returns a new task, in this file and from others', async () => {
    const utils = 'import asyncio\ndef safe_ensure_future(coro):\n    return asyncio.ensure_future(coro)\n';
    const user = 'from pkg.utils import safe_ensure_future\nasync def work():\n    pass\nasync def go(keep):\n    safe_ensure_future(work())\n    keep.append(safe_ensure_future(work()))\n';
    assert.deepEqual(await workspaceFindings('ACO202', { 'pkg.utils': utils, 'pkg.user': user }), ['pkg.user:5']);
  });
});

describe('ACO201: the first read of a coroutine taken for its result', () => {
  const HEAD = 'async def fetch():\n    return {}\ndef keep(x):\n    pass\n';
  it('reports when the first read raises on a coroutine, whatever comes after', async () => {
    assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    data = fetch()\n    n = data["count"]\n    keep(data)\n`), [6]);
    assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    data = fetch()\n    keep(data)\n    n = data["count"]\n`), [], 'handed on first');
    assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    data = fetch()\n    if data:\n        await data\n`), [], 'tested, then awaited');
  });

  it('looks only until the name is bound again', async () => {
    assert.deepEqual(await lines('ACO201', `${HEAD}async def main():\n    data = fetch()\n    keep(data)\n    data = await fetch()\n    data.items()\n`), []);
  });
});

describe('ACO201: super()', () => {
  it('finds the coroutine method a base class defines, here or in another module', async () => {
    const base = 'class Base:\n    async def start(self):\n        pass\n    def stop(self):\n        pass\n';
    const sub = 'from pkg.base import Base\nclass Local(Base):\n    async def start(self):\n        super().start()\n        super().stop()\n';
    assert.deepEqual(await workspaceFindings('ACO201', { 'pkg.base': base, 'pkg.sub': sub }), ['pkg.sub:4']);
  });
});
