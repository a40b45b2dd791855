import assert from 'node:assert/strict';
import { emptyProgress, loadProgress, MAX_REVIEWS, nextDayStart, PROGRESS_VERSION, studyDayKey, type Progress } from '../../../src/flashcards/progress';
import { mergeProgress } from '../../../src/flashcards/progressMerge';
import { fromFsrsCard, Scheduler, toFsrsCard } from '../../../src/flashcards/scheduler';
import { answer, undoAnswer } from '../../../src/flashcards/study';
import { at } from './fixtures';

const scheduler = new Scheduler();

/** Progress with a few real answers in it. */
function studied(): Progress {
  let p = emptyProgress();
  p = answer(p, 'core/a', 3, at(10), scheduler).progress;
  p = answer(p, 'core/b', 4, at(10, 11), scheduler).progress;
  return p;
}

describe('progress storage', () => {
  it('starts empty when nothing is stored, and reads back what it stored (through JSON)', () => {
    assert.deepEqual(loadProgress(undefined), { progress: emptyProgress(), status: 'empty', readOnly: false, backup: false });
    const p = studied();
    const loaded = loadProgress(JSON.parse(JSON.stringify(p)));
    assert.equal(loaded.status, 'ok');
    assert.deepEqual(loaded.progress, p);
  });

  it('resets corrupt data with a message and asks for a backup, never throwing', () => {
    for (const raw of ['garbage', 42, [], { cards: {} }, { version: 'two' }, { version: 2, cards: 'x' }, { version: 0 }, { version: 1, cards: {} }]) {
      const loaded = loadProgress(raw);
      assert.equal(loaded.status, 'reset', JSON.stringify(raw));
      assert.equal(loaded.backup, true);
      assert.match(loaded.message ?? '', /starts over/);
      assert.deepEqual(loaded.progress, emptyProgress());
    }
  });

  it('drops only the unreadable entries and keeps the rest', () => {
    const p = studied();
    const raw = JSON.parse(JSON.stringify(p)) as { cards: Record<string, unknown>; reviews: unknown[] };
    raw.cards['core/broken'] = { due: 'tomorrow' };
    raw.cards['not a key'] = p.cards['core/a'];
    raw.reviews.push({ key: 'core/a', at: -1, rating: 9, state: 0 });
    const loaded = loadProgress(raw);
    assert.equal(loaded.status, 'repaired');
    assert.equal(loaded.backup, true);
    assert.match(loaded.message ?? '', /^3 unreadable/);
    assert.deepEqual(loaded.progress, p);
  });

  it('keeps data from a newer version read-only instead of overwriting it', () => {
    const newer = { ...JSON.parse(JSON.stringify(studied())), version: PROGRESS_VERSION + 1, somethingNew: true };
    const loaded = loadProgress(newer);
    assert.equal(loaded.status, 'newer');
    assert.equal(loaded.readOnly, true);
    assert.equal(loaded.backup, false);
    assert.deepEqual(loaded.progress.cards, studied().cards);
  });

  it('keeps the synced history bounded', () => {
    let p = emptyProgress();
    const t = at(1).getTime();
    p.reviews = Array.from({ length: MAX_REVIEWS + 10 }, (_, i) => ({ key: 'core/a', at: t + i * 1000, rating: 3 as const, state: 2 as const }));
    p = loadProgress(JSON.parse(JSON.stringify(p))).progress;
    assert.equal(p.reviews.length, MAX_REVIEWS);
    assert.equal(p.reviews[0]?.at, t + 10_000, 'the oldest answers go first');
  });

  it('converts cards to ts-fsrs and back without loss', () => {
    const card = studied().cards['core/a']!;
    assert.deepEqual(fromFsrsCard(toFsrsCard(card)), card);
  });
});

describe('study days (4 am rollover, local time)', () => {
  it('counts a late-night answer for the day the session began', () => {
    assert.equal(studyDayKey(new Date(2026, 5, 11, 2, 30).getTime()), studyDayKey(new Date(2026, 5, 10, 22).getTime()));
    assert.notEqual(studyDayKey(new Date(2026, 5, 11, 4, 30).getTime()), studyDayKey(new Date(2026, 5, 10, 22).getTime()));
  });

  it('finds the next 4 am', () => {
    assert.equal(nextDayStart(new Date(2026, 5, 10, 22).getTime()), new Date(2026, 5, 11, 4).getTime());
    assert.equal(nextDayStart(new Date(2026, 5, 11, 2).getTime()), new Date(2026, 5, 11, 4).getTime());
  });
});

describe('merging progress saved by two windows', () => {
  it('keeps both windows\' answers and this window\'s undo', () => {
    const base = studied();
    // Another window answered card c; this one answered a again, then answered and undid d.
    const theirs = answer(base, 'core/c', 3, at(11), scheduler).progress;
    let mine = answer(base, 'core/a', 1, at(11, 12), scheduler).progress;
    const d = answer(mine, 'core/d', 3, at(11, 13), scheduler);
    mine = undoAnswer(d.progress, d.undo, scheduler);
    const merged = mergeProgress(base, mine, theirs);
    assert.deepEqual(merged.cards['core/c'], theirs.cards['core/c']);
    assert.deepEqual(merged.cards['core/a'], mine.cards['core/a']);
    assert.equal(merged.cards['core/d'], undefined);
    assert.deepEqual(merged.reviews.map((r) => r.key).sort(), ['core/a', 'core/a', 'core/b', 'core/c']);
    assert.equal(Object.values(merged.days).reduce((a, b) => a + b, 0), 4);
  });

  it('is the identity when nobody else wrote', () => {
    const base = studied();
    const mine = answer(base, 'core/c', 2, at(11), scheduler).progress;
    assert.deepEqual(mergeProgress(base, mine, base), mine);
  });
});
