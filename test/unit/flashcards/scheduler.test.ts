import assert from 'node:assert/strict';
import { formatInterval, Scheduler, type StoredCard } from '../../../src/flashcards/scheduler';
import { at, minutesAfter } from './fixtures';

const MIN = 60_000;
const DAY = 86_400_000;

describe('FSRS scheduler (fuzz off, clock passed in)', () => {
  const scheduler = new Scheduler();

  it('previews four increasing intervals for a new card, and rating applies exactly the preview', () => {
    const now = at(10);
    const preview = scheduler.preview(undefined, now);
    const due = [1, 2, 3, 4].map((g) => preview[g as 1 | 2 | 3 | 4].card.due - now.getTime());
    assert.ok(due[0]! > 0 && due[0]! < due[1]! && due[1]! < due[2]! && due[2]! < due[3]!, `intervals ${due.join(', ')}`);
    // Again and Good on a new card are learning steps (minutes); Easy graduates straight to days.
    assert.ok(due[2]! < DAY && due[3]! >= DAY);
    for (const g of [1, 2, 3, 4] as const) assert.deepEqual(scheduler.rate(undefined, g, now), preview[g]);
  });

  it('is deterministic: the same card and clock give the same schedule', () => {
    const now = at(10);
    let card: StoredCard | undefined;
    const run = (): number[] => {
      card = undefined;
      const dues: number[] = [];
      let t = now;
      for (const g of [3, 3, 1, 3, 4] as const) {
        card = scheduler.rate(card, g, t).card;
        dues.push(card.due);
        t = new Date(card.due);
      }
      return dues;
    };
    assert.deepEqual(run(), run());
  });

  it('grows the interval with each successful review and shrinks it after a lapse', () => {
    let t = at(10);
    let card = scheduler.rate(undefined, 3, t).card;
    while (card.state !== 2) {
      t = new Date(card.due);
      card = scheduler.rate(card, 3, t).card;
    }
    const intervals: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = new Date(card.due);
      const next = scheduler.rate(card, 3, t).card;
      intervals.push(next.due - t.getTime());
      card = next;
    }
    assert.ok(intervals[0]! < intervals[1]! && intervals[1]! < intervals[2]!, `review intervals ${intervals.map((i) => i / DAY).join(', ')} d`);
    t = new Date(card.due);
    const lapse = scheduler.rate(card, 1, t).card;
    assert.equal(lapse.state, 3, 'Again on a review card starts relearning');
    assert.equal(lapse.lapses, card.lapses + 1);
    assert.ok(lapse.due - t.getTime() < intervals[0]!);
  });

  it('rollback undoes an answer: the card is as it was (new, learning or review)', () => {
    const t0 = at(10);
    const first = scheduler.rate(undefined, 3, t0);
    const restoredNew = scheduler.rollback(first.card, first.log);
    assert.equal(restoredNew.state, 0);
    assert.equal(restoredNew.reps, 0);

    const t1 = new Date(first.card.due);
    const second = scheduler.rate(first.card, 3, t1);
    const back = scheduler.rollback(second.card, second.log);
    assert.equal(back.state, first.card.state);
    assert.equal(back.stability, first.card.stability);
    assert.equal(back.difficulty, first.card.difficulty);
    assert.equal(back.reps, first.card.reps);
    assert.equal(back.learningSteps, first.card.learningSteps);
    assert.equal(back.lastReview, first.card.lastReview);
    // Rating again from the rolled-back card gives the same outcome as the first time.
    assert.deepEqual(scheduler.rate(back, 3, t1).card, second.card);
  });

  it('asks for more reviews when a higher retention is desired', () => {
    const t = at(10);
    const graduate = (s: Scheduler): number => s.rate(undefined, 4, t).card.due - t.getTime();
    assert.ok(graduate(new Scheduler({ desiredRetention: 0.97 })) < graduate(new Scheduler({ desiredRetention: 0.8 })));
  });

  it('reports retrievability: 0 for a new card, falling as time passes', () => {
    const t = at(10);
    const card = scheduler.rate(undefined, 4, t).card;
    assert.equal(scheduler.retrievability(scheduler.newCard(t), t), 0);
    const soon = scheduler.retrievability(card, minutesAfter(t, 60));
    const later = scheduler.retrievability(card, new Date(t.getTime() + 30 * DAY));
    assert.ok(soon > later && later > 0);
  });
});

describe('formatInterval', () => {
  it('prints intervals the way Anki labels its buttons', () => {
    assert.equal(formatInterval(20_000), '<1m');
    assert.equal(formatInterval(MIN), '1m');
    assert.equal(formatInterval(10 * MIN), '10m');
    assert.equal(formatInterval(3 * 60 * MIN), '3h');
    assert.equal(formatInterval(4 * DAY), '4d');
    assert.equal(formatInterval(63 * DAY), '2.1mo');
    assert.equal(formatInterval(365 * DAY), '1y');
    assert.equal(formatInterval(548 * DAY), '1.5y');
  });
});
