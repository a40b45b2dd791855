import assert from 'node:assert/strict';
import { emptyProgress, PROGRESS_VERSION } from '../../../src/flashcards/progress';
import { BACKUP_KEY, PROGRESS_KEY, ProgressStore, type SyncedMemento } from '../../../src/flashcards/progressStore';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { answer } from '../../../src/flashcards/study';
import { at } from './fixtures';

/** An in-memory globalState: a real implementation of the small interface the store needs. */
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
}

const log = { warnings: [] as string[], warn(m: string): void { this.warnings.push(m); } };
const scheduler = new Scheduler();

describe('progress store (globalState)', () => {
  it('syncs only the progress key, never the backup', () => {
    const state = new MemoryState();
    new ProgressStore(state, log);
    assert.deepEqual(state.synced, [PROGRESS_KEY]);
  });

  it('backs up corrupt data, then writes a fresh start, and says so', async () => {
    const state = new MemoryState();
    state.values.set(PROGRESS_KEY, { version: 2, cards: 'oops' });
    const loaded = await new ProgressStore(state, log).load();
    assert.equal(loaded.status, 'reset');
    assert.deepEqual((state.get(BACKUP_KEY) as { data: unknown }).data, { version: 2, cards: 'oops' });
    assert.deepEqual(state.get(PROGRESS_KEY), emptyProgress());
    assert.ok(log.warnings.some((w) => w.includes(BACKUP_KEY)));
  });

  it('never writes over data from a newer version', async () => {
    const state = new MemoryState();
    const newer = { version: PROGRESS_VERSION + 1, cards: {}, reviews: [], days: {}, future: 1 };
    state.values.set(PROGRESS_KEY, newer);
    const store = new ProgressStore(state, log);
    await store.load();
    await store.save(answer(emptyProgress(), 'd/a', 3, at(10), scheduler).progress);
    assert.equal(store.isReadOnly(), true);
    assert.deepEqual(state.get(PROGRESS_KEY), newer);
    assert.equal(state.writes, 0);
  });

  it('merges with what another window saved in between', async () => {
    const state = new MemoryState();
    const mine = new ProgressStore(state, log);
    const theirs = new ProgressStore(state, log);
    await mine.load();
    await theirs.load();
    await theirs.save(answer(emptyProgress(), 'd/theirs', 3, at(10), scheduler).progress);
    const merged = await mine.save(answer(emptyProgress(), 'd/mine', 4, at(10, 11), scheduler).progress);
    assert.deepEqual(Object.keys(merged.cards).sort(), ['d/mine', 'd/theirs']);
    assert.deepEqual(state.get(PROGRESS_KEY), merged);
  });
});
