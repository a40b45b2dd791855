import assert from 'node:assert/strict';
import { emptyProgress } from '../../../src/flashcards/progress';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { StudySession } from '../../../src/flashcards/session';
import { parseToWebview } from '../../../src/shared/protocol';
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
    assert.deepEqual(view.available, { tags: ['x'], difficulties: ['easy', 'hard'] });
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
});
