import { trimHistory, type Progress, type ReviewRecord } from './progress';

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
  const id = (r: ReviewRecord): string => `${r.key}@${r.at}#${r.rating}`;
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
