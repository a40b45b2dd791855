import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { busyWait } from '../../../src/analysis/rules/busyWait';
import type { Finding } from '../../../src/analysis/types';
import { builtinCardById } from '../../../src/flashcards/ruleCards';
import { applyEdits } from '../fixtureExpectations';
import { readFixture, repoRoot, testParser } from '../helpers';

async function findings(source: string): Promise<Finding[]> {
  return analyzeSource(await testParser(), source, { select: new Set(['ACO305']) }).findings;
}

const POLL = 'import asyncio\n\nclass Job:\n    async def wait_ready(self):\n        while not self.ready:\n            await asyncio.sleep(0.1)\n        return self\n';

describe('ACO305 busy-wait', () => {
  it('declares its metadata: a warning, on by default, with a docs page and a card that links a snippet', () => {
    const { meta } = busyWait;
    assert.equal(meta.code, 'ACO305');
    assert.equal(meta.name, 'busy-wait');
    assert.equal(meta.defaultSeverity, 'warning');
    assert.equal(meta.offByDefault, undefined);
    assert.ok(existsSync(path.join(repoRoot(), 'media', 'docs', `${meta.docsSlug}.md`)));
    const card = builtinCardById(meta.cardId!);
    assert.deepEqual(card?.rules, ['ACO305']);
    assert.deepEqual(card?.snippets, ['aio-event']);
  });

  it('the docs page sample: the "Before" code is flagged, the "After" code is not', async () => {
    const page = readFileSync(path.join(repoRoot(), 'media', 'docs', `${busyWait.meta.docsSlug}.md`), 'utf8');
    const sample = /```python\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const [before, after] = sample.split(/^# After.*$/m);
    assert.ok(before && after, 'the sample has a Before and an After part');
    assert.equal((await findings('import asyncio\n\n' + before)).length, 1);
    assert.deepEqual(await findings('import asyncio\n\n' + after), []);
  });

  it('marks the loop header, as a warning, with a one-sentence message of at most 120 characters', async () => {
    const [f] = await findings(POLL);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 28 } });
    assert.match(f.message, /`not self\.ready`/);
    assert.match(f.detail!, /asyncio\.Event/);
    assert.deepEqual(f.fixes, [], 'the code that sets the condition is elsewhere: no rewrite');
    for (const file of ['positives.py', 'trio_code.py']) {
      for (const finding of await findings(readFixture('ACO305', file))) {
        assert.ok(finding.message.length <= 120, `${finding.message.length} characters: ${finding.message}`);
        assert.equal(finding.message.split(/[.:;] [A-Z]/).length, 1, `more than one sentence: ${finding.message}`);
      }
    }
  });

  it('names trio.Event in Trio code', async () => {
    const [f] = await findings(readFixture('ACO305', 'trio_code.py'));
    assert.match(f!.detail!, /`trio\.Event`/);
  });

  it('fix: a loop polling an asyncio.Event becomes await event.wait(), an unsafe fix (it wakes earlier)', async () => {
    const src = 'import asyncio\n\nasync def f(done: asyncio.Event):\n    while not done.is_set():\n        await asyncio.sleep(0.1)\n    print("done")\n';
    const [f] = await findings(src);
    assert.equal(f!.fixes.length, 1);
    assert.equal(f!.fixes[0]!.applicability, 'unsafe');
    assert.equal(applyEdits(src, f!.fixes[0]!.edits), 'import asyncio\n\nasync def f(done: asyncio.Event):\n    await done.wait()\n    print("done")\n');
    const breaking = 'import asyncio\n\nasync def f():\n    done = asyncio.Event()\n    while True:\n        if done.is_set():\n            break\n        await asyncio.sleep(1)\n';
    const [g] = await findings(breaking);
    assert.equal(applyEdits(breaking, g!.fixes[0]!.edits), 'import asyncio\n\nasync def f():\n    done = asyncio.Event()\n    await done.wait()\n');
  });

  it('leaves alone what no asyncio Event can reflect: a threading.Event, a file, a deadline, a library object', async () => {
    assert.deepEqual(await findings('import asyncio, threading\n\nasync def f(done: threading.Event):\n    while not done.is_set():\n        await asyncio.sleep(0.1)\n'), []);
    assert.deepEqual(await findings('import asyncio\n\nasync def f(p):\n    while not p.exists():\n        await asyncio.sleep(0.1)\n'), []);
    assert.deepEqual(await findings('import asyncio\n\nasync def f(server):\n    while not server.started:\n        await asyncio.sleep(0)\n'), []);
    assert.equal((await findings('import asyncio\n\nasync def f(jobs):\n    while len(jobs) < 3:\n        await asyncio.sleep(0)\n')).length, 1);
  });

  it('honours # noqa: ACO305 on the while line', async () => {
    assert.deepEqual(await findings(POLL.replace('while not self.ready:', 'while not self.ready:  # noqa: ACO305')), []);
  });
});
