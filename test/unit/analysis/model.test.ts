import assert from 'node:assert/strict';
import { FileModel } from '../../../src/analysis/model/fileModel';
import { Resolver } from '../../../src/analysis/model/resolver';
import type { PyNode } from '../../../src/analysis/syntax/pyNode';
import { WorkspaceIndex } from '../../../src/analysis/workspace/workspaceIndex';
import { testParser } from '../helpers';

/** Builds the model of `source`, completes every unit, and hands it to `body`. */
async function withModel(source: string, body: (file: FileModel, resolver: Resolver) => void, modulePath?: string, workspace?: WorkspaceIndex): Promise<void> {
  const tree = (await testParser()).parse(source);
  const file = new FileModel(tree, source, modulePath);
  try {
    for (const unit of file.units) file.completeUnit(unit);
    body(file, new Resolver(file, workspace));
  } finally {
    file.dispose();
    tree.delete();
  }
}

/** The call whose text starts with `prefix` (first in source order). */
function callAt(file: FileModel, prefix: string): PyNode {
  for (const scope of file.moduleScope.allScopes()) for (const call of scope.calls) if (call.text.startsWith(prefix)) return call;
  throw new Error(`no call starting with ${prefix}`);
}

describe('semantic model', () => {
  it('binds imports with aliases, dotted imports and relative imports against the module path', async () => {
    const src = 'import asyncio as aio\nimport os.path\nfrom .api import fetch as get\nfrom .. import tools\nfrom . import api\n';
    await withModel(src, (file) => {
      const q = (name: string): string | undefined => file.moduleScope.bindingsOf(name)[0]?.qualified;
      assert.equal(q('aio'), 'asyncio');
      assert.equal(q('os'), 'os');
      assert.equal(q('get'), 'pkg.sub.api.fetch');
      assert.equal(q('tools'), 'pkg.tools');
      assert.equal(q('api'), 'pkg.sub.api');
    }, 'pkg.sub.service');
  });

  it('resolves a package __init__ relative import to the package itself', async () => {
    await withModel('from .api import fetch\n', (file) => {
      assert.equal(file.moduleScope.bindingsOf('fetch')[0]?.qualified, 'pkg.api.fetch');
    }, 'pkg.__init__');
  });

  it('follows Python scoping: locals shadow, class bodies are skipped, global and nonlocal redirect', async () => {
    const src = [
      'x = 1',
      'class C:',
      '    x = 2',
      '    def m(self):',
      '        return x',
      'def outer():',
      '    y = 1',
      '    def inner():',
      '        nonlocal y',
      '        y = 2',
      '    def uses_global():',
      '        global x',
      '        x = 3',
      '    return inner, uses_global',
      '',
    ].join('\n');
    await withModel(src, (file) => {
      const methodScope = [...file.moduleScope.allScopes()].find((s) => s.name === 'm')!;
      assert.equal(methodScope.resolve('x'), file.moduleScope, 'a method does not see class-level names');
      const inner = [...file.moduleScope.allScopes()].find((s) => s.name === 'inner')!;
      assert.equal(inner.resolve('y')?.name, 'outer');
      const usesGlobal = [...file.moduleScope.allScopes()].find((s) => s.name === 'uses_global')!;
      assert.equal(usesGlobal.resolve('x'), file.moduleScope);
    });
  });

  it('gives comprehension variables their own scope', async () => {
    await withModel('async def fetch(): pass\ndef f(fns):\n    return [fetch() for fetch in fns]\n', (file, resolver) => {
      assert.equal(resolver.coroutineCall(callAt(file, 'fetch()')), undefined, 'the comprehension variable shadows the async def');
    });
  });

  it('tells coroutine calls apart, and says why', async () => {
    const src = [
      'import asyncio',
      'from time import sleep',
      'async def fetch(): pass',
      'async def gen():',
      '    yield 1',
      'class S:',
      '    def __init__(self):',
      '        self.q = asyncio.Queue()',
      '    async def save(self): pass',
      '    async def run(self, reader: asyncio.StreamReader):',
      '        fetch()',
      '        gen()',
      '        sleep(1)',
      '        asyncio.sleep(1)',
      '        self.save()',
      '        self.q.put(1)',
      '        self.q.put_nowait(1)',
      '        reader.readline()',
      '',
    ].join('\n');
    await withModel(src, (file, resolver) => {
      assert.match(resolver.coroutineCall(callAt(file, 'fetch()'))!.evidence, /`fetch` is an `async def`/);
      assert.equal(resolver.coroutineCall(callAt(file, 'gen()')), undefined, 'an async generator is not a coroutine');
      assert.equal(resolver.coroutineCall(callAt(file, 'sleep(1)')), undefined, 'time.sleep is not asyncio.sleep');
      assert.match(resolver.coroutineCall(callAt(file, 'asyncio.sleep'))!.evidence, /asyncio\.sleep/);
      assert.match(resolver.coroutineCall(callAt(file, 'self.save'))!.evidence, /`S\.save`/);
      assert.match(resolver.coroutineCall(callAt(file, 'self.q.put('))!.evidence, /asyncio\.Queue/);
      assert.equal(resolver.coroutineCall(callAt(file, 'self.q.put_nowait')), undefined);
      assert.match(resolver.coroutineCall(callAt(file, 'reader.readline'))!.evidence, /StreamReader/);
    });
  });

  it('knows local types from constructors, annotations, async with and open_connection', async () => {
    const src = [
      'import asyncio, httpx',
      'async def f(client: httpx.AsyncClient, q: "asyncio.Queue"):',
      '    lock = asyncio.Lock()',
      '    reader, writer = await asyncio.open_connection("h", 1)',
      '    async with asyncio.TaskGroup() as tg:',
      '        lock.acquire()',
      '        writer.drain()',
      '        tg.create_task(f())',
      '        client.get("/")',
      '        q.get()',
      '',
    ].join('\n');
    await withModel(src, (file, resolver) => {
      const kind = (prefix: string): string | undefined => {
        const t = resolver.receiverOf(callAt(file, prefix))?.type;
        return t?.kind === 'known' ? t.type.kind : undefined;
      };
      assert.equal(kind('lock.acquire'), 'lock');
      assert.equal(kind('writer.drain'), 'stream');
      assert.equal(kind('tg.create_task'), 'taskgroup');
      assert.equal(kind('client.get'), 'http-client');
      assert.equal(kind('q.get'), 'queue', 'string annotations (forward references) are read');
    });
  });

  it('gives a name bound both sync and async no type and no coroutine status', async () => {
    const src = 'import asyncio\ntry:\n    from fast import fetch\nexcept ImportError:\n    async def fetch(): pass\ndef g():\n    fetch()\n';
    await withModel(src, (file, resolver) => {
      assert.equal(resolver.coroutineCall(callAt(file, 'fetch()')), undefined);
    });
  });

  it('reports the receiver of a call: its root name, and module calls as plain functions', async () => {
    await withModel('import asyncio\nasync def f(self):\n    await self.db.fetch(1)\n    await asyncio.sleep(0)\n', (file, resolver) => {
      const r = resolver.receiverOf(callAt(file, 'self.db.fetch'))!;
      assert.equal(r.rootName, 'self');
      assert.equal(r.method, 'fetch');
      assert.equal(r.node.text, 'self.db');
      assert.equal(resolver.receiverOf(callAt(file, 'asyncio.sleep'))?.isModule, true);
    });
  });

  it('finds unread locals through closures, global declarations and locals()', async () => {
    const src = [
      'def a():',
      '    x = 1',
      'def b():',
      '    x = 1',
      '    return lambda: x',
      'def c():',
      '    global x',
      '    x = 1',
      'def d():',
      '    x = 1',
      '    return locals()',
      '',
    ].join('\n');
    await withModel(src, (file) => {
      const scope = (name: string) => [...file.moduleScope.allScopes()].find((s) => s.name === name)!;
      assert.equal(scope('a').isUnreadLocal('x'), true);
      assert.equal(scope('b').isUnreadLocal('x'), false);
      assert.equal(scope('c').isUnreadLocal('x'), false);
      assert.equal(scope('d').isUnreadLocal('x'), false);
    });
  });

  it('copies function bodies only on demand, and completes them with their parameters', async () => {
    const src = 'def f(a, b=1):\n    return a + b\n';
    const tree = (await testParser()).parse(src);
    const file = new FileModel(tree, src, undefined);
    try {
      const fn = file.root.children[0]!;
      assert.equal(fn.complete, false);
      assert.equal(fn.child('body'), undefined);
      file.complete(fn);
      assert.equal(fn.complete, true);
      assert.ok(fn.child('body'));
      assert.deepEqual([...file.scopeFor(fn)!.bindings.keys()].sort(), ['a', 'b']);
    } finally {
      file.dispose();
      tree.delete();
    }
  });

  it('resolves calls into workspace modules, with pending answers for modules not read yet', async () => {
    const index = new WorkspaceIndex();
    index.expect(['pkg.api', 'pkg.later']);
    index.set('pkg.api', { names: new Map([['fetch', 'async'], ['helper', 'sync']]), reexports: new Map(), classes: new Map(), classBases: new Map(), functions: new Map() });
    const src = 'from .api import fetch, helper\nfrom .later import soon\nimport pkg.api as api\nasync def f():\n    fetch()\n    helper()\n    soon()\n    api.fetch()\n';
    await withModel(src, (file, resolver) => {
      assert.ok(resolver.coroutineCall(callAt(file, 'fetch()')));
      assert.equal(resolver.coroutineCall(callAt(file, 'helper()')), undefined);
      assert.equal(resolver.coroutineCall(callAt(file, 'soon()'))?.assumes, 'pkg.later.soon');
      assert.match(resolver.coroutineCall(callAt(file, 'api.fetch()'))!.evidence, /pkg\.api\.fetch/);
    }, 'pkg.service', index);
  });
});
