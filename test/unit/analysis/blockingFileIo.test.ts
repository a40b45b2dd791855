import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { blockingFileIo } from '../../../src/analysis/rules/blockingFileIo';
import type { Finding } from '../../../src/analysis/types';
import { builtinCardById } from '../../../src/flashcards/ruleCards';
import { applyEdits } from '../fixtureExpectations';
import { readFixture, repoRoot, testParser } from '../helpers';

async function findings(source: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  return analyzeSource(await testParser(), source, { select: new Set(['ACO304']), ...options }).findings;
}

describe('ACO304 blocking-file-io', () => {
  it('declares its metadata: off by default, a hint when on, a docs page and a card', () => {
    const { meta } = blockingFileIo;
    assert.equal(meta.code, 'ACO304');
    assert.equal(meta.name, 'blocking-file-io');
    assert.equal(meta.defaultSeverity, 'hint');
    assert.equal(meta.offByDefault, true);
    assert.ok(existsSync(path.join(repoRoot(), 'media', 'docs', `${meta.docsSlug}.md`)));
    assert.deepEqual(builtinCardById(meta.cardId!)?.rules, ['ACO304']);
  });

  it('the docs page sample: the "Before" code is flagged, the "After" code is not; the page says when it matters', async () => {
    const page = readFileSync(path.join(repoRoot(), 'media', 'docs', `${blockingFileIo.meta.docsSlug}.md`), 'utf8');
    const sample = /```python\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const [before, after] = sample.split(/^# After.*$/m);
    assert.ok(before && after, 'the sample has a Before and an After part');
    const header = 'import asyncio\nfrom pathlib import Path\n\n';
    assert.equal((await findings(header + before)).length, 1);
    assert.deepEqual(await findings(header + after), []);
    assert.match(page, /large/);
    assert.match(page, /network|NFS/);
    assert.match(page, /under load/);
    assert.doesNotMatch(page, /__ACO304_/, 'the measured figures are filled in');
  });

  it('writes one sentence of at most 120 characters per finding', async () => {
    for (const file of ['positives.py', 'trio_code.py']) {
      for (const f of await findings(readFixture('ACO304', file))) {
        assert.ok(f.message.length <= 120, `${f.message.length} characters: ${f.message}`);
        assert.equal(f.message.split(/[.:;] [A-Z]/).length, 1, `more than one sentence: ${f.message}`);
      }
    }
  });

  it('fix: whole-file calls and copies go to asyncio.to_thread (unsafe); open() gets no fix', async () => {
    const src = 'import shutil\nfrom pathlib import Path\n\nasync def f(p, q):\n    text = Path(p).read_text(encoding="utf-8")\n    shutil.copy(p, q)\n    with open(p) as fh:\n        return fh.read()\n';
    const [read, copy, open] = await findings(src);
    assert.equal(read!.fixes[0]!.applicability, 'unsafe');
    assert.match(applyEdits(src, read!.fixes[0]!.edits), /text = await asyncio\.to_thread\(Path\(p\)\.read_text, encoding="utf-8"\)/);
    assert.match(applyEdits(src, copy!.fixes[0]!.edits), /^import asyncio\n[\s\S]*await asyncio\.to_thread\(shutil\.copy, p, q\)/);
    assert.deepEqual(open!.fixes, []);
    assert.equal(open!.message, '`open()` opens a file on the event loop');
    assert.match(open!.detail!, /asyncio\.to_thread/);
  });

  it('in Trio code names trio.to_thread.run_sync and offers no asyncio fix', async () => {
    const [f] = await findings(readFixture('ACO304', 'trio_code.py'));
    assert.match(f!.detail!, /trio\.to_thread\.run_sync/);
    assert.deepEqual(f!.fixes, []);
  });
});
