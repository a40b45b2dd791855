import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyProgress, PROGRESS_VERSION, type Progress } from '../../../src/flashcards/progress';
import { BACKUP_FOLDER, PROGRESS_FILE, ProgressFolder } from '../../../src/flashcards/progressFile';
import { PROGRESS_KEY, ProgressStore, type SyncedMemento } from '../../../src/flashcards/progressStore';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { answer } from '../../../src/flashcards/study';
import { at } from './fixtures';

/**
 * An in-memory globalState: a real implementation of the small interface the store needs. VS Code
 * keeps all of an extension's globalState in one JSON blob; `lose()` is what a truncated blob
 * does to it (VS Code logs a parse error and hands the extension nothing).
 */
class MemoryState implements SyncedMemento {
  readonly values = new Map<string, unknown>();
  synced: readonly string[] = [];
  writes = 0;
  get(key: string): unknown {
    // Stored values go through JSON, as VS Code's storage does.
    const v = this.values.get(key);
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync(keys: readonly string[]): void {
    this.synced = keys;
  }
  lose(): void {
    this.values.clear();
  }
}

class Log {
  readonly warnings: string[] = [];
  warn(m: string): void {
    this.warnings.push(m);
  }
}

const scheduler = new Scheduler();
const NOW = at(20);

function studied(...keys: string[]): Progress {
  let p = emptyProgress();
  keys.forEach((key, i) => {
    p = answer(p, key, 3, at(10, 10 + i), scheduler).progress;
  });
  return p;
}

describe('progress store (globalState and a file beside the extension host)', () => {
  let dir: string;
  let files: ProgressFolder;
  let log: Log;
  const backups = (): string[] => (existsSync(path.join(dir, BACKUP_FOLDER, '.')) ? readdirSync(path.join(dir, BACKUP_FOLDER)) : []);
  const backupText = (): string => backups().map((b) => readFileSync(path.join(dir, BACKUP_FOLDER, b), 'utf8')).join('\n');
  const fileProgress = (): unknown => JSON.parse(readFileSync(path.join(dir, PROGRESS_FILE), 'utf8'));

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-store-'));
    files = new ProgressFolder(dir);
    log = new Log();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs only the progress key', () => {
    const state = new MemoryState();
    new ProgressStore(state, files, log);
    assert.deepEqual(state.synced, [PROGRESS_KEY]);
  });

  it('saves to both copies, and a fresh window (a new browser: empty globalState) gets the progress back (issue 15)', async () => {
    const first = new MemoryState();
    const store = new ProgressStore(first, files, log);
    await store.load(NOW);
    const saved = await store.save(studied('d/a', 'd/b'), NOW);
    assert.deepEqual(first.get(PROGRESS_KEY), saved.progress);
    assert.deepEqual(fileProgress(), saved.progress);

    const otherBrowser = new MemoryState();
    const loaded = await new ProgressStore(otherBrowser, files, log).load(NOW);
    assert.deepEqual(Object.keys(loaded.progress.cards).sort(), ['d/a', 'd/b']);
    assert.equal(loaded.notices[0]?.level, 'info');
    assert.match(loaded.notices[0]?.text ?? '', /restored from Async Coach's copy on disk/);
    assert.deepEqual(otherBrowser.get(PROGRESS_KEY), loaded.progress, 'written back into that browser\'s storage');
  });

  it('restores progress lost with a truncated globalState blob, and tells the user (issue 17)', async () => {
    const state = new MemoryState();
    const store = new ProgressStore(state, files, log);
    await store.load(NOW);
    const saved = await store.save(studied('d/a'), NOW);
    state.lose();
    const reloaded = new ProgressStore(state, files, log);
    const loaded = await reloaded.load(NOW);
    assert.deepEqual(loaded.progress, saved.progress);
    assert.ok(loaded.notices.length > 0, 'the user is told');
    const next = await reloaded.save(answer(loaded.progress, 'd/b', 3, at(11), scheduler).progress, NOW);
    assert.deepEqual(Object.keys(next.progress.cards).sort(), ['d/a', 'd/b'], 'the next answer adds to the restored progress');
  });

  it('keeps unreadable globalState in the backups folder before anything overwrites it', async () => {
    const state = new MemoryState();
    await new ProgressStore(state, files, log).load(NOW);
    state.values.set(PROGRESS_KEY, { version: 2, cards: 'oops' });
    const loaded = await new ProgressStore(state, files, log).load(NOW);
    assert.deepEqual(loaded.progress, emptyProgress());
    assert.equal(loaded.notices[0]?.level, 'warning');
    assert.match(loaded.notices[0]?.text ?? '', /VS Code's stored flashcard progress could not be read; so progress starts over/);
    assert.equal(backups().length, 1);
    assert.deepEqual(JSON.parse(backupText()), { version: 2, cards: 'oops' });
    assert.ok(log.warnings.some((w) => w.includes(BACKUP_FOLDER)), log.warnings.join('\n'));
  });

  it('sets a truncated progress file aside (as it was) and rebuilds it from globalState', async () => {
    const state = new MemoryState();
    const store = new ProgressStore(state, files, log);
    await store.load(NOW);
    const saved = await store.save(studied('d/a'), NOW);
    const truncated = JSON.stringify(saved.progress).slice(0, 40);
    writeFileSync(path.join(dir, PROGRESS_FILE), truncated);
    const loaded = await new ProgressStore(state, files, log).load(NOW);
    assert.deepEqual(loaded.progress, saved.progress);
    assert.match(loaded.notices.map((n) => n.text).join(' '), /copy of your progress on disk could not be read; it was restored from the other copy/);
    assert.equal(backupText(), truncated, 'the damaged file is kept byte for byte');
    assert.deepEqual(fileProgress(), saved.progress);
  });

  it('never overwrites progress that became unreadable since the last read without keeping a copy first', async () => {
    const state = new MemoryState();
    const store = new ProgressStore(state, files, log);
    await store.load(NOW);
    await store.save(studied('d/a'), NOW);
    writeFileSync(path.join(dir, PROGRESS_FILE), '{"version":2,"cards":{"d/a":{"due":17');
    state.values.set(PROGRESS_KEY, 'garbage');
    const saved = await store.save(studied('d/a', 'd/b'), NOW);
    assert.equal(backups().length, 2, backups().join(', '));
    assert.match(backupText(), /"cards":\{"d\/a":\{"due":17/);
    assert.match(backupText(), /garbage/);
    assert.ok(saved.notices.some((n) => n.level === 'warning'));
    assert.deepEqual(fileProgress(), saved.progress);
  });

  it('saves nothing when a needed backup cannot be written, and says so', async () => {
    const state = new MemoryState();
    state.values.set(PROGRESS_KEY, 'garbage');
    // A file where the backups folder should be: no backup can be made (not even as root).
    writeFileSync(path.join(dir, BACKUP_FOLDER), 'in the way');
    const store = new ProgressStore(state, files, log);
    const loaded = await store.load(NOW);
    assert.equal(store.isReadOnly(), true);
    assert.match(loaded.notices[0]?.text ?? '', /nothing is saved/);
    assert.equal(state.get(PROGRESS_KEY), 'garbage');
  });

  it('repairs a record dated in the future on load, keeping the original in the backups', async () => {
    const state = new MemoryState();
    const p = studied('d/a') as Progress & { cards: Record<string, { lastReview?: number }> };
    const card = p.cards['d/a'];
    assert.ok(card);
    card.lastReview = NOW.getTime() + 7_200_000;
    state.values.set(PROGRESS_KEY, p);
    const loaded = await new ProgressStore(state, files, log).load(NOW);
    assert.equal(loaded.progress.cards['d/a']?.lastReview, NOW.getTime());
    assert.match(loaded.notices.map((n) => n.text).join(' '), /dated in the future/);
    assert.match(backupText(), new RegExp(String(NOW.getTime() + 7_200_000)));
    assert.deepEqual(state.get(PROGRESS_KEY), loaded.progress, 'the repaired record is what is stored now');
  });

  it('never writes over data from a newer version', async () => {
    const state = new MemoryState();
    const newer = { version: PROGRESS_VERSION + 1, cards: {}, reviews: [], days: {}, future: 1 };
    state.values.set(PROGRESS_KEY, newer);
    const store = new ProgressStore(state, files, log);
    await store.load(NOW);
    await store.save(studied('d/a'), NOW);
    assert.equal(store.isReadOnly(), true);
    assert.deepEqual(state.get(PROGRESS_KEY), newer);
    assert.equal(state.writes, 0);
    assert.equal(existsSync(path.join(dir, PROGRESS_FILE)), false);
  });

  it('merges with what another window saved in between, through the shared file', async () => {
    // Two browsers on one code-server: separate globalState, one file.
    const mine = new ProgressStore(new MemoryState(), files, log);
    const theirs = new ProgressStore(new MemoryState(), files, log);
    await mine.load(NOW);
    await theirs.load(NOW);
    await theirs.save(studied('d/theirs'), NOW);
    const merged = await mine.save(studied('d/mine'), NOW);
    assert.deepEqual(Object.keys(merged.progress.cards).sort(), ['d/mine', 'd/theirs']);
    assert.deepEqual(fileProgress(), merged.progress);
  });

  it('takes in another window\'s answers on refresh, without writing', async () => {
    const state = new MemoryState();
    const mine = new ProgressStore(state, files, log);
    const theirs = new ProgressStore(new MemoryState(), files, log);
    const start = (await mine.load(NOW)).progress;
    await theirs.load(NOW);
    await theirs.save(studied('d/theirs'), NOW);
    const writes = state.writes;
    const refreshed = await mine.refresh(start, NOW);
    assert.deepEqual(Object.keys(refreshed.cards), ['d/theirs']);
    assert.equal(state.writes, writes);
    const next = await mine.save(answer(refreshed, 'd/mine', 3, at(11), scheduler).progress, NOW);
    assert.deepEqual(Object.keys(next.progress.cards).sort(), ['d/mine', 'd/theirs']);
  });

  it('keeps at most the newest backups', async () => {
    const state = new MemoryState();
    for (let i = 0; i < 25; i++) {
      state.values.set(PROGRESS_KEY, `garbage ${i}`);
      await new ProgressStore(state, files, log).load(NOW);
    }
    assert.equal(backups().length, 20);
    assert.match(backupText(), /garbage 24/);
    assert.doesNotMatch(backupText(), /garbage 0"/);
  });
});
