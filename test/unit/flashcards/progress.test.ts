import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyProgress, loadProgress, MAX_REVIEWS, nextDayStart, PROGRESS_VERSION, studyDayKey, type Progress } from '../../../src/flashcards/progress';
import { combineProgress, mergeProgress } from '../../../src/flashcards/progressMerge';
import { fromFsrsCard, Scheduler, toFsrsCard } from '../../../src/flashcards/scheduler';
import { answer, undoAnswer } from '../../../src/flashcards/study';
import { at } from './fixtures';

const scheduler = new Scheduler();
/** Load time for these tests: after every answer in them, and not the wall clock. */
const NOW = at(20);

/** Progress with a few real answers in it. */
function studied(): Progress {
  let p = emptyProgress();
  p = answer(p, 'core/a', 3, at(10), scheduler).progress;
  p = answer(p, 'core/b', 4, at(10, 11), scheduler).progress;
  return p;
}

describe('progress storage', () => {
  it('starts empty when nothing is stored, and reads back what it stored (through JSON)', () => {
    assert.deepEqual(loadProgress(undefined, NOW), { progress: emptyProgress(), status: 'empty', readOnly: false, backup: false });
    const p = studied();
    const loaded = loadProgress(JSON.parse(JSON.stringify(p)), NOW);
    assert.equal(loaded.status, 'ok');
    assert.deepEqual(loaded.progress, p);
  });

  it('resets corrupt data with a message and asks for a backup, never throwing', () => {
    for (const raw of ['garbage', 42, [], { cards: {} }, { version: 'two' }, { version: 2, cards: 'x' }, { version: 0 }, { version: 1, cards: {} }]) {
      const loaded = loadProgress(raw, NOW);
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
    const loaded = loadProgress(raw, NOW);
    assert.equal(loaded.status, 'repaired');
    assert.equal(loaded.backup, true);
    assert.match(loaded.message ?? '', /3 entries could not be read and were removed/);
    assert.deepEqual(loaded.progress, p);
  });

  it('keeps data from a newer version read-only instead of overwriting it', () => {
    const newer = { ...JSON.parse(JSON.stringify(studied())), version: PROGRESS_VERSION + 1, somethingNew: true };
    const loaded = loadProgress(newer, NOW);
    assert.equal(loaded.status, 'newer');
    assert.equal(loaded.readOnly, true);
    assert.equal(loaded.backup, false);
    assert.deepEqual(loaded.progress.cards, studied().cards);
  });

  it('keeps the synced history bounded', () => {
    let p = emptyProgress();
    const t = at(1).getTime();
    p.reviews = Array.from({ length: MAX_REVIEWS + 10 }, (_, i) => ({ key: 'core/a', at: t + i * 1000, rating: 3 as const, state: 2 as const }));
    p = loadProgress(JSON.parse(JSON.stringify(p)), NOW).progress;
    assert.equal(p.reviews.length, MAX_REVIEWS);
    assert.equal(p.reviews[0]?.at, t + 10_000, 'the oldest answers go first');
  });

  it('moves a review dated in the future back to now, so the scheduler accepts it (clock skew, issue 17)', () => {
    const p = studied();
    const raw = JSON.parse(JSON.stringify(p)) as Progress;
    const skewed = raw.cards['core/a'];
    assert.ok(skewed);
    // Another machine, its clock a day ahead, answered the card; Settings Sync brought it here.
    skewed.lastReview = NOW.getTime() + 26 * 3_600_000;
    skewed.due = skewed.lastReview + 600_000;
    assert.throws(() => scheduler.preview(skewed, NOW), /Invalid delta_t/, 'what the player hit before');
    const loaded = loadProgress(raw, NOW);
    assert.equal(loaded.status, 'repaired');
    assert.equal(loaded.backup, true, 'the original is backed up before anything is written');
    assert.match(loaded.message ?? '', /1 entry dated in the future .* was moved back to now/);
    const repaired = loaded.progress.cards['core/a'];
    assert.equal(repaired?.lastReview, NOW.getTime());
    assert.equal(repaired?.stability, skewed.stability, 'what the card learned is kept');
    assert.doesNotThrow(() => scheduler.preview(repaired, NOW));
    assert.doesNotThrow(() => scheduler.rate(repaired, 3, NOW));
  });

  it('never loads a record the scheduler would throw on (property: arbitrary stored cards)', () => {
    const time = fc.integer({ min: 1, max: 8.6e15 - 1 });
    const amount = fc.oneof(fc.double({ noNaN: true, min: -5, max: 200 }), fc.constantFrom(0, 0.0009, 0.001, 1, 10, 10.5, 36_500, 1e9), fc.nat(100));
    const record = fc.record({
      due: time, stability: amount, difficulty: amount, scheduledDays: amount,
      learningSteps: fc.nat(5), reps: fc.nat(50), lapses: fc.nat(10), state: fc.constantFrom(0, 1, 2, 3),
      lastReview: fc.option(fc.oneof(time, fc.constant(NOW.getTime() + 3_600_000)), { nil: undefined }),
    });
    fc.assert(
      fc.property(record, (stored) => {
        const card = loadProgress({ version: PROGRESS_VERSION, cards: { 'core/a': JSON.parse(JSON.stringify(stored)) }, reviews: [], days: {} }, NOW).progress.cards['core/a'];
        if (!card) return;
        scheduler.preview(card, NOW);
        for (const grade of [1, 2, 3, 4] as const) scheduler.rate(card, grade, NOW);
      }),
      { numRuns: 3000 },
    );
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

describe('combining two copies of progress with no common base', () => {
  it('keeps everything either copy learned: the later review per card, both logs, the larger day count', () => {
    const base = studied();
    const browser = answer(base, 'core/a', 3, at(12), scheduler).progress;
    const server = answer(answer(base, 'core/c', 4, at(11), scheduler).progress, 'core/a', 1, at(11, 12), scheduler).progress;
    const both = combineProgress(browser, server);
    assert.deepEqual(both.cards['core/a'], browser.cards['core/a'], 'the answer of the 12th is later than the 11th\'s');
    assert.deepEqual(both.cards['core/c'], server.cards['core/c']);
    assert.deepEqual(both.cards['core/b'], base.cards['core/b']);
    assert.equal(both.reviews.length, base.reviews.length + 3);
    assert.deepEqual(both.reviews.map((r) => r.at), [...both.reviews.map((r) => r.at)].sort((x, y) => x - y));
    assert.deepEqual(combineProgress(server, browser).cards, both.cards, 'the order of the copies does not matter');
    assert.deepEqual(combineProgress(base, base), base);
  });
});
