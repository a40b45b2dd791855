import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRegularFile } from '../../../src/flashcards/regularFile';

describe('reading a file a setting names (regular files only, bounded)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-regular-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file whole when it fits', async () => {
    const file = path.join(dir, 'deck.json');
    writeFileSync(file, '{"ok": true}');
    const read = await readRegularFile(file, 1024);
    assert.ok(read.ok);
    assert.equal(new TextDecoder().decode(read.bytes), '{"ok": true}');
  });

  it('stops one byte past the limit, whatever the size (a sparse 1 GB file reads 1 KB + 1)', async () => {
    const file = path.join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 1024 ** 3);
    const before = process.memoryUsage().rss;
    const read = await readRegularFile(file, 1024);
    assert.deepEqual(read, { ok: false, reason: 'too-large', message: 'is larger than 1 KB' });
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 ** 2, 'nothing near the file size was allocated');
  });

  it('refuses a device such as /dev/zero (stat says size 0; reading it never ends)', async function () {
    if (!existsSync('/dev/zero')) this.skip();
    assert.deepEqual(await readRegularFile('/dev/zero', 1024), { ok: false, reason: 'not-a-file', message: 'is a device; only regular files are read' });
  });

  it('refuses a FIFO at once (opening one for reading waits for a writer forever)', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(await readRegularFile(fifo, 1024), { ok: false, reason: 'not-a-file', message: 'is a named pipe (FIFO); only regular files are read' });
  });

  it('refuses a folder and reports a missing file', async () => {
    assert.equal((await readRegularFile(dir, 1024)).ok, false);
    assert.match(JSON.stringify(await readRegularFile(dir, 1024)), /is a folder/);
    assert.deepEqual(await readRegularFile(path.join(dir, 'nope.json'), 1024), { ok: false, reason: 'missing', message: 'does not exist' });
  });
});
