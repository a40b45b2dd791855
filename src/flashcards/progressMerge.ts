import { trimHistory, type Progress, type ReviewRecord } from './progress';
import type { StoredCard } from './scheduler';

/**
 * A three-way merge of progress, for when another window (or Settings Sync) saved while this
 * session ran. `base` is what this session loaded or last saved, `mine` is its current progress,
 * `theirs` is what storage holds now. Changes this session made win for the cards it touched
 * (including undos); everything else comes from `theirs`.
 */
export function mergeProgress(base: Progress, mine: Progress, theirs: Progress): Progress {
  const cards = { ...theirs.cards };
  for (const key of new Set([...Object.keys(base.cards), ...Object.keys(mine.cards)])) {
    const before = base.cards[key];
    const after = mine.cards[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (after) cards[key] = after;
    else delete cards[key];
  }
  const id = reviewId;
  const baseIds = new Set(base.reviews.map(id));
  const mineIds = new Set(mine.reviews.map(id));
  const removed = new Set([...baseIds].filter((x) => !mineIds.has(x)));
  const theirIds = new Set(theirs.reviews.map(id));
  const reviews = theirs.reviews.filter((r) => !removed.has(id(r)));
  for (const r of mine.reviews) if (!baseIds.has(id(r)) && !theirIds.has(id(r))) reviews.push(r);
  reviews.sort((a, b) => a.at - b.at);
  const days = { ...theirs.days };
  for (const day of new Set([...Object.keys(base.days), ...Object.keys(mine.days)])) {
    const delta = (mine.days[day] ?? 0) - (base.days[day] ?? 0);
    if (delta === 0) continue;
    const n = (days[day] ?? 0) + delta;
    if (n > 0) days[day] = n;
    else delete days[day];
  }
  return trimHistory({ version: mine.version, cards, reviews, days });
}

/**
 * Two copies of the progress with no common base (VS Code's storage and Async Coach's file, or a
 * browser's stale storage and the server's file): nothing either copy learned is lost. Per card
 * the later review wins (then the one with more reviews); answers are the union of both logs;
 * each day keeps the larger count.
 */
export function combineProgress(a: Progress, b: Progress): Progress {
  const cards = { ...a.cards };
  for (const [key, theirs] of Object.entries(b.cards)) {
    const ours = cards[key];
    if (!ours || later(theirs, ours)) cards[key] = theirs;
  }
  const seen = new Set(a.reviews.map(reviewId));
  const reviews = [...a.reviews, ...b.reviews.filter((r) => !seen.has(reviewId(r)))].sort((x, y) => x.at - y.at);
  const days = { ...a.days };
  for (const [day, n] of Object.entries(b.days)) days[day] = Math.max(days[day] ?? 0, n);
  return trimHistory({ version: a.version, cards, reviews, days });
}

function later(x: StoredCard, y: StoredCard): boolean {
  const xr = x.lastReview ?? 0;
  const yr = y.lastReview ?? 0;
  return xr !== yr ? xr > yr : x.reps > y.reps;
}

/** One answer's identity in both copies of a log. */
function reviewId(r: ReviewRecord): string {
  return `${r.key}@${r.at}#${r.rating}`;
}
