import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { modulePathFromRelative, WorkspaceIndex } from '../../../src/analysis/workspace/workspaceIndex';
import { readFixture, testParser } from '../helpers';

const API = 'import asyncio\nasync def fetch_user(i):\n    await asyncio.sleep(0)\ndef helper():\n    pass\nclass Client:\n    async def get(self):\n        pass\n    def close(self):\n        pass\n';
const SERVICE = 'from .api import fetch_user, helper\nimport pkg.api as api\nfrom pkg import fetch_user as via_init\nasync def handler():\n    fetch_user(1)\n    helper()\n    api.fetch_user(2)\n    via_init(3)\n';

describe('workspace index', () => {
  it('summarises a module: async defs, other names, re-exports and class methods', async () => {
    const { summary } = analyzeSource(await testParser(), API + 'from .other import thing\n', { modulePath: 'pkg.api' });
    assert.equal(summary.names.get('fetch_user'), 'async');
    assert.equal(summary.names.get('helper'), 'sync');
    assert.equal(summary.reexports.get('thing'), 'pkg.other.thing');
    assert.equal(summary.classes.get('Client')?.get('get'), 'async');
    assert.equal(summary.classes.get('Client')?.get('close'), 'sync');
  });

  it('resolves calls across files: from-imports, module aliases and package re-exports', async () => {
    const parser = await testParser();
    const index = new WorkspaceIndex();
    index.set('pkg.api', analyzeSource(parser, API, { modulePath: 'pkg.api' }).summary);
    index.set('pkg.__init__', analyzeSource(parser, 'from .api import fetch_user\n', { modulePath: 'pkg.__init__' }).summary);
    const { findings } = analyzeSource(parser, SERVICE, { modulePath: 'pkg.service', workspace: index, select: new Set(['ACO201']) });
    assert.deepEqual(findings.map((f) => f.range.start.line), [4, 6, 7]);
  });

  it('says nothing about calls into modules it does not know', async () => {
    const { findings } = analyzeSource(await testParser(), SERVICE, { modulePath: 'pkg.service', workspace: new WorkspaceIndex(), select: new Set(['ACO201']) });
    assert.deepEqual(findings, []);
  });

  it('keeps findings that wait on a module not read yet apart, to be settled later', async () => {
    const index = new WorkspaceIndex();
    index.expect(['pkg.api', 'pkg.__init__']);
    const result = analyzeSource(await testParser(), SERVICE, { modulePath: 'pkg.service', workspace: index, select: new Set(['ACO201']) });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.pending.map((p) => p.assumes), [['pkg.api.fetch_user'], ['pkg.api.helper'], ['pkg.api.fetch_user'], ['pkg.fetch_user']]);
    index.set('pkg.api', analyzeSource(await testParser(), API, { modulePath: 'pkg.api' }).summary);
    assert.equal(index.lookup('pkg.api.helper'), 'sync');
    assert.equal(index.lookup('pkg.api.fetch_user'), 'async');
    assert.equal(index.lookup('pkg.fetch_user'), 'pending', 'pkg/__init__.py is expected but not read yet');
  });

  it('gives each file a version blind to its own entries, so its editor caches outlive its own summary changes', () => {
    const index = new WorkspaceIndex();
    const empty = () => ({ names: new Map(), reexports: new Map(), classes: new Map(), classBases: new Map(), functions: new Map() });
    const own = empty();
    index.set('pkg.a', own);
    index.set('a', own);
    const before = index.versionFor('pkg.a');
    const changed = empty();
    index.set('pkg.a', changed);
    index.set('a', changed);
    assert.equal(index.versionFor('pkg.a'), before, 'its own summary, under both of its paths');
    index.set('pkg.b', empty());
    assert.ok(index.versionFor('pkg.a') > before, 'another file changed');
    assert.ok(index.version > before);
  });

  it('can forget a module and knows packages from their modules', () => {
    const index = new WorkspaceIndex();
    index.set('a.b.c', { names: new Map([['f', 'async']]), reexports: new Map(), classes: new Map(), classBases: new Map(), functions: new Map() });
    assert.equal(index.hasModule('a.b'), true);
    assert.equal(index.lookup('a.b.c.f'), 'async');
    const before = index.version;
    index.delete('a.b.c');
    assert.ok(index.version > before);
    assert.equal(index.hasModule('a.b'), false);
    assert.equal(index.lookup('a.b.c.f'), undefined);
  });

  it('derives module paths from relative file paths', () => {
    assert.equal(modulePathFromRelative('pkg/api.py'), 'pkg.api');
    assert.equal(modulePathFromRelative('pkg\\sub\\__init__.py'), 'pkg.sub.__init__');
    assert.equal(modulePathFromRelative('my-scripts/run.py'), undefined);
  });

  it('reads the fixture that documents the no-index case', async () => {
    const src = readFixture('ACO201', 'cross_module.py');
    assert.deepEqual(analyzeSource(await testParser(), src, { modulePath: 'pkg.service' }).findings, []);
  });
});
