import assert from 'node:assert/strict';
import { emptyProgress, type Progress } from '../../../src/flashcards/progress';
import { Scheduler } from '../../../src/flashcards/scheduler';
import { computeStats } from '../../../src/flashcards/stats';
import { answer } from '../../../src/flashcards/study';
import { at } from './fixtures';

const scheduler = new Scheduler();
const KEYS = ['d/a', 'd/b', 'd/c', 'd/new'];

/** Answers `key` with `grade` at `when`. */
function rate(p: Progress, key: string, grade: 1 | 2 | 3 | 4, when: Date): Progress {
  return answer(p, key, grade, when, scheduler).progress;
}

describe('statistics', () => {
  it('counts the cards due per day in the forecast, starting today', () => {
    let p = emptyProgress();
    for (const key of ['d/a', 'd/b', 'd/c']) p = rate(p, key, 4, at(10));
    const stats = computeStats(p, KEYS, at(10));
    assert.equal(stats.forecast.length, 7);
    assert.equal(stats.forecast[0]?.label, 'Today');
    assert.equal(stats.forecast[1]?.label, 'Tomorrow');
    const inWeek = Object.values(p.cards).filter((c) => c.due < at(17, 4).getTime()).length;
    assert.equal(stats.forecast.reduce((n, d) => n + d.count, 0), inWeek);
    assert.deepEqual(stats.totals, { new: 1, learning: 0, review: 3 });
  });

  it('counts a streak of consecutive study days, which survives until today ends', () => {
    let p = emptyProgress();
    for (const day of [7, 8, 9]) p = rate(p, 'd/a', 3, at(day));
    assert.equal(computeStats(p, KEYS, at(9, 20)).streakDays, 3);
    assert.equal(computeStats(p, KEYS, at(10, 9)).streakDays, 3, 'not broken yet: today has no answers so far');
    assert.equal(computeStats(p, KEYS, at(11, 9)).streakDays, 0, 'a missed day breaks it');
    p = rate(p, 'd/a', 3, at(10, 1)); // 1 am still counts for the 9th (4 am rollover)
    assert.equal(computeStats(p, KEYS, at(10, 9)).streakDays, 3);
  });

  it('measures retention over reviews of graduated cards only, and counts today\'s answers', () => {
    let p = emptyProgress();
    p = rate(p, 'd/a', 4, at(1));
    p = rate(p, 'd/b', 4, at(1));
    const dueA = new Date(p.cards['d/a']?.due ?? 0);
    const dueB = new Date(p.cards['d/b']?.due ?? 0);
    p = rate(p, 'd/a', 3, dueA); // review passed
    p = rate(p, 'd/b', 1, dueB); // review lapsed
    p = rate(p, 'd/c', 1, dueB); // a new card answered Again: not a review
    const stats = computeStats(p, KEYS, dueB);
    assert.deepEqual(stats.retention, { percent: 50, reviews: 2 });
    assert.equal(computeStats(emptyProgress(), KEYS, at(1)).retention.percent, null);
    const today = p.reviews.filter((r) => new Date(r.at).getDate() === dueB.getDate()).length;
    assert.equal(stats.reviewsToday, today);
  });
});
