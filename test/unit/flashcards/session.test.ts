import assert from 'node:assert/strict';
import { emptyProgress } from '../../../src/flashcards/progress';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { buildLibrary } from '../../../src/flashcards/library';
import { StudySession } from '../../../src/flashcards/session';
import { parseToWebview, PROTOCOL_LIMITS } from '../../../src/shared/protocol';
import { at, card, libraryOf, minutesAfter } from './fixtures';

function session(): StudySession {
  const lib = libraryOf([card('a', { tags: ['x'], source: { timestamp: '01:52' } }), card('b', { difficulty: 'hard', code: 'await f()' })]);
  return new StudySession(emptyProgress(), lib, new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, at(10));
}

describe('study session (what the player shows)', () => {
  it('builds a view state the webview accepts, with an interval label on each button', () => {
    const s = session();
    const view = s.view(at(10));
    assert.deepEqual(parseToWebview({ type: 'state', state: view }), { type: 'state', state: view });
    assert.equal(view.card?.key, 't/a');
    assert.equal(view.card?.timestamp, '01:52');
    assert.equal(view.card?.canOpenSource, false, 'no video link in this deck');
    assert.equal(view.intervals?.length, 4);
    assert.ok(view.intervals?.every((i) => /^(<1m|\d+(\.\d)?(m|h|d|mo|y))$/.test(i)), JSON.stringify(view.intervals));
    assert.deepEqual(view.counts, { new: 2, learning: 0, review: 0 });
    assert.deepEqual(view.available, { tags: ['x'], difficulties: ['easy', 'hard'], moreTags: 0 });
  });

  it('rates only the card on screen, so a late keypress cannot rate another card', () => {
    const s = session();
    assert.equal(s.rate('t/b', 3, at(10)), false);
    assert.equal(s.rate('t/a', 3, at(10)), true);
    assert.equal(s.view(at(10)).card?.key, 't/b');
    assert.deepEqual(s.view(at(10)).session.answers, [0, 0, 1, 0]);
  });

  it('undo brings the card back on screen and uncounts the answer', () => {
    const s = session();
    s.rate('t/a', 1, at(10));
    assert.equal(s.canUndo(), true);
    assert.equal(s.undo(), 't/a');
    const view = s.view(minutesAfter(at(10), 1));
    assert.equal(view.card?.key, 't/a');
    assert.equal(view.card?.kind, 'new', 'labelled "New card" again, not "Opened from the editor" (issue 15)');
    assert.deepEqual(view.session.answers, [0, 0, 0, 0]);
    assert.deepEqual(s.getProgress(), emptyProgress());
    assert.equal(s.undo(), undefined);
  });

  it('opens a pinned card first (Study this), then returns to the queue', () => {
    const s = session();
    assert.equal(s.pin('t/b'), true);
    assert.equal(s.pin('t/missing'), false);
    assert.equal(s.view(at(10)).card?.kind, 'pinned');
    assert.equal(s.view(at(10)).card?.key, 't/b');
    s.rate('t/b', 3, at(10));
    assert.equal(s.view(at(10)).card?.key, 't/a');
  });

  it('says when the next card is due once nothing is left', () => {
    const s = session();
    s.rate('t/a', 4, at(10));
    s.rate('t/b', 4, at(10));
    const view = s.view(at(10));
    assert.equal(view.card, null);
    assert.match(view.nextDueIn ?? '', /^\d+d$/);
    const stats = s.stats(at(10));
    assert.equal(stats.reviewsToday, 2);
    assert.equal(stats.streakDays, 1);
    assert.deepEqual(stats.totals, { new: 0, learning: 0, review: 2 });
  });

  it('labels a card brought back by undo by what it is again: learning after a second answer', () => {
    const s = session();
    s.rate('t/a', 1, at(10));
    s.rate('t/b', 3, at(10));
    const later = minutesAfter(at(10), 2);
    const again = s.view(later).card;
    assert.equal(again?.key, 't/a');
    assert.equal(again?.kind, 'learning');
    s.rate('t/a', 3, later);
    s.undo();
    assert.equal(s.view(later).card?.kind, 'learning');
    s.pin('t/b');
    assert.equal(s.view(later).card?.kind, 'pinned', 'Study this still says where the card came from');
  });

  it('fits a library with thousands of tags into one message: the most used tags and a count (issue 17)', () => {
    // A valid deck: 5,000 cards with 20 tags each, 100,000 distinct tags, plus a common one.
    const cards = Array.from({ length: 5_000 }, (_, i) => card(`c${i}`, { tags: ['common', ...Array.from({ length: 19 }, (_, j) => `t${i}-${j}`)] }));
    const s = new StudySession(emptyProgress(), libraryOf(cards), new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, at(10));
    s.setFilter({ tags: ['t4999-18'], difficulties: [] });
    const view = s.view(at(10));
    assert.ok(parseToWebview({ type: 'state', state: view }), 'the webview accepts it');
    assert.equal(view.available.tags.length, PROTOCOL_LIMITS.tags);
    assert.ok(view.available.tags.includes('common'), 'the most used tag is offered');
    assert.ok(view.available.tags.includes('t4999-18'), 'a chosen tag stays offered');
    assert.equal(view.available.moreTags, 1 + 5_000 * 19 - PROTOCOL_LIMITS.tags);
  });

  it('fits any number of deck problems into one message: the first ones and the total', () => {
    const errors = Array.from({ length: 2_000 }, (_, i) => ({ path: `cards[${i}].front`, message: 'x'.repeat(20_000) }));
    const lib = buildLibrary([{ source: 'bad.json', result: { ok: false, errors } }, { source: 't', result: { ok: true, deck: { id: 't', name: 'T', cards: [card('a')] } } }]);
    const view = new StudySession(emptyProgress(), lib, new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, at(10)).view(at(10));
    assert.ok(parseToWebview({ type: 'state', state: view }), 'the webview accepts it');
    assert.equal(view.deckProblems.length, PROTOCOL_LIMITS.problems);
    assert.equal(view.problemCount, 2_000);
  });

  it('still shows a card whose stored state the scheduler rejects, and says so', () => {
    const lib = libraryOf([card('a')]);
    const broken = { ...emptyProgress(), cards: { 't/a': { due: at(9).getTime(), stability: 0.5, difficulty: 0.2, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 1 as const } } };
    const seen: string[] = [];
    const s = new StudySession(broken, lib, new Scheduler(), { newPerDay: 20, learnAheadMinutes: 20 }, at(10), (key) => seen.push(key));
    const view = s.view(at(10));
    assert.equal(view.card?.key, 't/a');
    assert.equal(view.intervals, null);
    assert.deepEqual(seen, ['t/a']);
  });
});
