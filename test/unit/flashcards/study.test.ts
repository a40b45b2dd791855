import assert from 'node:assert/strict';
import { emptyProgress, type Progress } from '../../../src/flashcards/progress';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { answer, buildQueue, undoAnswer, type QueueInput, type StudySettings } from '../../../src/flashcards/study';
import { at, card, libraryOf, minutesAfter } from './fixtures';

const scheduler = new Scheduler();
const settings: StudySettings = { newPerDay: 20, learnAheadMinutes: 20 };
const noFilter = { tags: [], difficulties: [] };
const lib = libraryOf([card('a'), card('b', { difficulty: 'hard', tags: ['gather'] }), card('c', { tags: ['gather', 'tasks'] })]);

function queue(progress: Progress, now: Date, extra: Partial<QueueInput> = {}): ReturnType<typeof buildQueue> {
  return buildQueue({ cards: lib.cards, progress, now, settings, filter: noFilter, ...extra });
}

/** Answers whatever card the queue shows next, returning the new progress and the card's key. */
function study(progress: Progress, now: Date, grade: 1 | 2 | 3 | 4, extra: Partial<QueueInput> = {}): [Progress, string] {
  const next = queue(progress, now, extra).next;
  assert.ok(next, 'expected a card');
  return [answer(progress, next.ref.key, grade, now, scheduler).progress, next.ref.key];
}

describe('study queue', () => {
  it('shows new cards in deck order and counts them', () => {
    const q = queue(emptyProgress(), at(10));
    assert.deepEqual(q.counts, { new: 3, learning: 0, review: 0 });
    assert.equal(q.next?.ref.key, 't/a');
    assert.equal(q.next?.kind, 'new');
  });

  it('limits new cards per study day, and the limit resets the next day', () => {
    const limited = { newPerDay: 2, learnAheadMinutes: 0 };
    let p = emptyProgress();
    const t = at(10);
    [p] = study(p, t, 3, { settings: limited });
    [p] = study(p, minutesAfter(t, 1), 3, { settings: limited });
    const later = queue(p, minutesAfter(t, 2), { settings: limited });
    assert.equal(later.counts.new, 0, 'two new cards today already');
    assert.notEqual(later.next?.kind, 'new');
    assert.equal(queue(p, at(11), { settings: limited }).counts.new, 1, 'a new day brings the third card');
  });

  it('shows a learning card when due before new cards, and with learn-ahead when nothing else is left', () => {
    const t = at(10);
    const [afterAgain, key] = study(emptyProgress(), t, 1); // Again: a short learning step
    let p = afterAgain;
    assert.equal(queue(p, minutesAfter(t, 5)).next?.ref.key, key, 'the learning card is due again and goes first');
    [p] = study(p, minutesAfter(t, 5), 3);
    [p] = study(p, minutesAfter(t, 6), 3);
    [p] = study(p, minutesAfter(t, 7), 3);
    // Every card is now in a learning step due minutes from now: nothing is due, yet the session goes on.
    const q = queue(p, minutesAfter(t, 7));
    assert.equal(q.next?.kind, 'learn-ahead');
    assert.ok(q.counts.learning > 0);
    const strict = queue(p, minutesAfter(t, 7), { settings: { ...settings, learnAheadMinutes: 0 } });
    assert.equal(strict.next, undefined, 'without learn-ahead the session waits');
    assert.ok(strict.nextDueAt !== undefined && strict.nextDueAt > minutesAfter(t, 7).getTime());
  });

  it('does not show the card just answered again when another can go first', () => {
    const t = at(10);
    const [p, key] = study(emptyProgress(), t, 1);
    const later = minutesAfter(t, 30);
    assert.equal(queue(p, later).next?.ref.key, key);
    assert.notEqual(queue(p, later, { avoidKey: key }).next?.ref.key, key);
  });

  it('brings graduated cards back as reviews on the right day (come back tomorrow)', () => {
    let p = emptyProgress();
    let t = at(10);
    for (let i = 0; i < 3; i++) [p] = study(p, t, 4); // Easy: straight to review
    assert.equal(queue(p, minutesAfter(t, 1)).next, undefined, 'nothing left today');
    const dues = Object.values(p.cards).map((c) => c.due);
    const firstDue = new Date(Math.min(...dues));
    t = new Date(firstDue.getFullYear(), firstDue.getMonth(), firstDue.getDate(), 9);
    const q = queue(p, t);
    assert.equal(q.counts.review, dues.filter((d) => d < new Date(firstDue.getFullYear(), firstDue.getMonth(), firstDue.getDate() + 1, 4).getTime()).length);
    assert.equal(q.next?.kind, 'review');
    assert.equal(queue(p, at(10, 9)).counts.review, 0, 'not due the day before');
  });

  it('filters by tag and by difficulty; a pinned card shows regardless', () => {
    const byTag = queue(emptyProgress(), at(10), { filter: { tags: ['gather'], difficulties: [] } });
    assert.equal(byTag.counts.new, 2);
    assert.equal(byTag.next?.ref.key, 't/b');
    const byBoth = queue(emptyProgress(), at(10), { filter: { tags: ['gather'], difficulties: ['easy'] } });
    assert.equal(byBoth.next?.ref.key, 't/c');
    const pinned = queue(emptyProgress(), at(10), { filter: { tags: ['tasks'], difficulties: [] }, pinnedKey: 't/a' });
    assert.equal(pinned.next?.ref.key, 't/a');
    assert.equal(pinned.next?.kind, 'pinned');
  });

  it('undo takes an answer back: card state, review log and day count', () => {
    const t = at(10);
    const first = answer(emptyProgress(), 't/a', 3, t, scheduler);
    const second = answer(first.progress, 't/a', 1, minutesAfter(t, 10), scheduler);
    const undone = undoAnswer(second.progress, second.undo, scheduler);
    assert.deepEqual(undone.cards['t/a'], first.progress.cards['t/a']);
    assert.deepEqual(undone.reviews, first.progress.reviews);
    assert.deepEqual(undone.days, first.progress.days);
    const backToNew = undoAnswer(undone, first.undo, scheduler);
    assert.deepEqual(backToNew, emptyProgress(), 'undoing the first answer makes the card new again');
  });
});
