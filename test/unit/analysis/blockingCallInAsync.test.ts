import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { IncrementalDocument } from '../../../src/analysis/document';
import { blockingCallInAsync } from '../../../src/analysis/rules/blockingCallInAsync';
import type { Finding } from '../../../src/analysis/types';
import { builtinCardById } from '../../../src/flashcards/ruleCards';
import { applyEdits } from '../fixtureExpectations';
import { repoRoot, testParser } from '../helpers';

async function findings(source: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  return analyzeSource(await testParser(), source, { select: new Set(['ACO301']), ...options }).findings;
}

/** The source after the only finding's only fix. */
async function fixed(source: string, options: AnalyzeOptions = {}): Promise<string> {
  const found = await findings(source, options);
  assert.equal(found.length, 1, `expected one finding in:\n${source}`);
  assert.equal(found[0]!.fixes.length, 1, 'expected one fix');
  return applyEdits(source, found[0]!.fixes[0]!.edits);
}

describe('ACO301 blocking-call-in-async', () => {
  it('declares its metadata: a docs page that exists and a card of the built-in deck', () => {
    const { meta } = blockingCallInAsync;
    assert.equal(meta.code, 'ACO301');
    assert.equal(meta.name, 'blocking-call-in-async');
    assert.equal(meta.defaultSeverity, 'warning');
    assert.ok(existsSync(path.join(repoRoot(), 'media', 'docs', `${meta.docsSlug}.md`)));
    assert.deepEqual(builtinCardById(meta.cardId!)?.rules.includes('ACO301'), true);
  });

  it('the docs page sample: the "Before" code is flagged, the "After" code is not', async () => {
    const page = readFileSync(path.join(repoRoot(), 'media', 'docs', `${blockingCallInAsync.meta.docsSlug}.md`), 'utf8');
    const sample = /```python\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const [before, after] = sample.split(/^# After.*$/m);
    assert.ok(before && after, 'the sample has a Before and an After part');
    assert.ok((await findings('import asyncio\nimport time\n\nimport requests\n\n' + before)).length > 0);
    assert.deepEqual(await findings('import asyncio\nimport time\n\nimport requests\n\n' + after), []);
  });

  it('explains what freezes and why, naming the coroutine, with severity warning', async () => {
    const [f] = await findings('import time\n\nasync def poll():\n    time.sleep(1)\n');
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 17 } });
    assert.equal(f.message, '`time.sleep(...)` blocks the event loop while it sleeps: no other task runs until it returns');
    assert.match(f.detail!, /one thread, and this call holds that thread inside `poll`/);
    assert.match(f.detail!, /`await asyncio\.sleep\(\.\.\.\)`/);
  });

  it('points blocking I/O to a worker thread and to the asyncio-native alternative', async () => {
    const [http] = await findings('import requests\n\nasync def load(url):\n    return requests.get(url)\n');
    assert.match(http!.message, /waits for the HTTP response/);
    assert.match(http!.detail!, /`await asyncio\.to_thread\(requests\.get, \.\.\.\)`/);
    assert.match(http!.detail!, /httpx\.AsyncClient/);
    const [child] = await findings('import subprocess\n\nasync def build():\n    subprocess.run(["make"])\n');
    assert.match(child!.detail!, /asyncio\.create_subprocess_exec/);
  });

  it('names a long receiver chain by its type instead of quoting it', async () => {
    const [f] = await findings('import subprocess\n\nasync def ls():\n    return subprocess.Popen(["ls", "-l", "/tmp"], stdout=subprocess.PIPE).communicate()\n');
    assert.match(f!.message, /^`Popen\(\.\.\.\)\.communicate\(\.\.\.\)`/);
    assert.match(f!.detail!, /`await asyncio\.to_thread\(fn, \.\.\.\)`/);
  });

  it('fix: time.sleep(x) becomes await asyncio.sleep(x)', async () => {
    assert.equal(await fixed('import asyncio\nimport time\n\nasync def f(d):\n    time.sleep(d * 2)\n'), 'import asyncio\nimport time\n\nasync def f(d):\n    await asyncio.sleep(d * 2)\n');
  });

  it('fix: adds import asyncio when missing, and uses the existing alias when there is one', async () => {
    assert.equal(await fixed('"""Doc."""\nfrom time import sleep\n\nasync def f():\n    sleep(1)\n'), '"""Doc."""\nimport asyncio\nfrom time import sleep\n\nasync def f():\n    await asyncio.sleep(1)\n');
    assert.equal(await fixed('import asyncio as aio\nimport time\n\nasync def f():\n    time.sleep(1)\n'), 'import asyncio as aio\nimport time\n\nasync def f():\n    await aio.sleep(1)\n');
  });

  it('fix: other calls go to asyncio.to_thread with every argument kept', async () => {
    assert.equal(
      await fixed('import asyncio, requests\n\nasync def f(u, h):\n    r = requests.post(u, *h, json={"a": 1}, **opts)\n'),
      'import asyncio, requests\n\nasync def f(u, h):\n    r = await asyncio.to_thread(requests.post, u, *h, json={"a": 1}, **opts)\n',
    );
    assert.equal(await fixed('import asyncio\n\nasync def f():\n    return input()\n'), 'import asyncio\n\nasync def f():\n    return await asyncio.to_thread(input)\n');
  });

  it('fix: parenthesises the await where the result is used as a primary, not elsewhere', async () => {
    assert.equal(await fixed('import asyncio, requests\n\nasync def f(u):\n    return requests.get(u).json()["a"]\n'), 'import asyncio, requests\n\nasync def f(u):\n    return (await asyncio.to_thread(requests.get, u)).json()["a"]\n');
    assert.equal(await fixed('import asyncio, requests\n\nasync def f(u):\n    return 1 + len(requests.get(u))\n'), 'import asyncio, requests\n\nasync def f(u):\n    return 1 + len(await asyncio.to_thread(requests.get, u))\n');
  });

  it('fix: before Python 3.9, run_in_executor without keyword arguments, and no fix with them', async () => {
    const src = 'import asyncio, requests\n\nasync def f(u):\n    return requests.get(u)\n';
    assert.equal(await fixed(src, { targetVersion: 'py38' }), 'import asyncio, requests\n\nasync def f(u):\n    return await asyncio.get_running_loop().run_in_executor(None, requests.get, u)\n');
    const [withKeywords] = await findings('import asyncio, requests\n\nasync def f(u):\n    return requests.get(u, timeout=3)\n', { targetVersion: 'py38' });
    assert.deepEqual(withKeywords!.fixes, []);
  });

  it('offers no fix when a local name hides the asyncio module', async () => {
    const [f] = await findings('import asyncio, time\n\nasync def f(asyncio):\n    time.sleep(1)\n');
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });

  it('in Trio code, names Trio\'s calls and offers no asyncio fix', async () => {
    const [sleep] = await findings('import time\nimport trio\n\nasync def f():\n    time.sleep(1)\n');
    assert.match(sleep!.detail!, /Trio runs every task/);
    assert.match(sleep!.detail!, /`await trio\.sleep\(\.\.\.\)`/);
    assert.deepEqual(sleep!.fixes, []);
    const [http] = await findings('import anyio, requests\n\nasync def f(u):\n    requests.get(u)\n');
    assert.match(http!.detail!, /`await anyio\.to_thread\.run_sync\(requests\.get, \.\.\.\)`/);
    assert.doesNotMatch(http!.detail!, /httpx/);
  });

  it('knows Trio\'s own modules by their module path, where imports are relative', async () => {
    const src = 'import time\nfrom ... import _core\n\nasync def test_clock():\n    time.sleep(0.01)\n';
    const [asModule] = await findings(src, { modulePath: 'trio._core._tests.test_run' });
    assert.match(asModule!.detail!, /`await trio\.sleep\(\.\.\.\)`/);
    assert.deepEqual(asModule!.fixes, []);
    const [unknown] = await findings(src);
    assert.equal(unknown!.fixes.length, 1);
  });

  it('finds a nested async def inside a sync function, but not a sync def inside async def', async () => {
    const src = 'import time\n\ndef outer():\n    async def inner():\n        time.sleep(1)\n    return inner\n\nasync def host():\n    def work():\n        time.sleep(1)\n    return work\n';
    assert.deepEqual((await findings(src)).map((f) => f.range.start.line), [4]);
  });

  it('judges a socket by its whole use in the coroutine: settimeout(0) or passing it on is an escape', async () => {
    const blocking = 'import socket\n\nasync def f():\n    s = socket.socket()\n    s.settimeout(5)\n    s.connect(("h", 1))\n';
    assert.deepEqual((await findings(blocking)).map((f) => f.range.start.line), [5]);
    assert.deepEqual(await findings(blocking.replace('settimeout(5)', 'settimeout(0)')), []);
    assert.deepEqual(await findings(blocking.replace('s.settimeout(5)', 'register(s)')), []);
  });

  it('honours # noqa: ACO301 and does not throw on broken code', async () => {
    assert.deepEqual(await findings('import time\n\nasync def f():\n    time.sleep(1)  # noqa: ACO301\n'), []);
    const result = analyzeSource(await testParser(), 'import time\nasync def f(:\n    pass\nasync def g():\n    time.sleep(1)\n', { select: new Set(['ACO301']) });
    assert.ok(result.syntaxErrors.length > 0);
    assert.deepEqual(result.findings.map((f) => f.range.start.line), [4]);
  });

  it('names the asyncio way for child processes: create_subprocess_shell for shell commands, _exec for programs', async () => {
    const [shell] = await findings('import os\n\nasync def build():\n    os.system("make")\n');
    assert.match(shell!.message, /waits for the shell command to finish/);
    assert.match(shell!.detail!, /asyncio\.create_subprocess_shell/);
    const [spawn] = await findings('import os\n\nasync def build(p):\n    os.spawnv(os.P_WAIT, p, [p])\n');
    assert.match(spawn!.detail!, /asyncio\.create_subprocess_exec/);
    const [wait] = await findings('import os\n\nasync def reap(pid):\n    os.waitpid(pid, 0)\n');
    assert.match(wait!.message, /waits for a child process to exit/);
  });

  it('fix: a synchronous httpx or urllib3 call goes to asyncio.to_thread like any other (an unsafe fix)', async () => {
    assert.equal(await fixed('import asyncio, httpx\n\nasync def f(u):\n    return httpx.get(u).json()\n'), 'import asyncio, httpx\n\nasync def f(u):\n    return (await asyncio.to_thread(httpx.get, u)).json()\n');
    const [pool] = await findings('import urllib3\n\nasync def f(u):\n    pool = urllib3.PoolManager()\n    return pool.request("GET", u)\n');
    assert.match(pool!.message, /^`pool\.request\(\.\.\.\)` blocks the event loop while it waits for the HTTP response/);
    assert.match(pool!.detail!, /inside `f`/);
    assert.equal(pool!.fixes[0]!.applicability, 'unsafe');
  });

  it('follows aliases made by assignment, and the fix calls the alias in the thread', async () => {
    assert.equal(await fixed('import asyncio\n\nask = input\n\nasync def f():\n    return ask("? ")\n'), 'import asyncio\n\nask = input\n\nasync def f():\n    return await asyncio.to_thread(ask, "? ")\n');
    assert.deepEqual(await findings('import time\n\nnap = time.sleep\nnap = print\n\nasync def f():\n    nap(1)\n'), []);
  });

  it('is silent in a coroutine Textual runs on a worker thread, and an edit to the run_worker call re-checks it', async () => {
    const parser = await testParser();
    const src = 'import time\nfrom textual.app import App\n\nclass A(App):\n    async def work(self):\n        time.sleep(1)\n\n    def on_mount(self):\n        self.run_worker(self.work, thread=False)\n';
    const doc = new IncrementalDocument(parser, src);
    try {
      const options = { select: new Set(['ACO301'] as const) };
      assert.equal(doc.analyze(options).findings.length, 1);
      doc.applyChanges([{ range: { start: { line: 8, character: 42 }, end: { line: 8, character: 47 } }, text: 'True' }]);
      assert.match(doc.text, /thread=True\)/);
      assert.deepEqual(doc.analyze(options).findings, []);
    } finally {
      doc.dispose();
    }
  });
});
