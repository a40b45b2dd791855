import type { Difficulty, Flashcard } from './deck';
import { nextDayStart, studyDayKey, trimHistory, type Progress, type ReviewRecord } from './progress';
import type { Grade1to4, Scheduler, StoredCard, StoredReviewLog } from './scheduler';

/** A card from a loaded deck, with the key its progress is stored under. */
export interface CardRef {
  key: string;
  deckId: string;
  deckName: string;
  card: Flashcard;
}

export interface StudySettings {
  /** New cards introduced per study day. */
  newPerDay: number;
  /** When nothing is due, learning cards due within this many minutes are shown early. */
  learnAheadMinutes: number;
}

/** Empty lists mean "all". */
export interface StudyFilter {
  tags: string[];
  difficulties: Difficulty[];
}

export type QueueKind = 'pinned' | 'learning' | 'review' | 'new' | 'learn-ahead';

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

export interface QueueResult {
  counts: QueueCounts;
  next?: { ref: CardRef; kind: QueueKind };
  /** When nothing is left now: the moment the next card comes due, if any. */
  nextDueAt?: number;
}

export interface QueueInput {
  cards: readonly CardRef[];
  progress: Progress;
  now: Date;
  settings: StudySettings;
  filter: StudyFilter;
  /** A card asked for by key (`asyncCoach.studyCard`): shown first, due or not, filter or not. */
  pinnedKey?: string;
  /** The card just answered: not shown again at once when another card can go first. */
  avoidKey?: string;
}

/**
 * Picks the next card the way Anki does: learning cards that are due, then reviews due today,
 * then new cards (up to the daily limit), and only then learning cards up to `learnAheadMinutes`
 * early, so a small deck does not stall on a 1-minute step.
 */
export function buildQueue(input: QueueInput): QueueResult {
  const { progress, settings, filter } = input;
  const now = input.now.getTime();
  const learnAheadUntil = now + settings.learnAheadMinutes * 60_000;
  const endOfDay = nextDayStart(now);
  const newLeft = Math.max(0, settings.newPerDay - newIntroducedOn(progress, studyDayKey(now)));

  const learningDue: [CardRef, StoredCard][] = [];
  const learningAhead: [CardRef, StoredCard][] = [];
  const reviewsDue: [CardRef, StoredCard][] = [];
  const fresh: CardRef[] = [];
  let nextDueAt: number | undefined;
  for (const ref of input.cards) {
    if (!matchesFilter(ref.card, filter)) continue;
    const stored = progress.cards[ref.key];
    if (!stored || stored.state === 0) {
      fresh.push(ref);
      continue;
    }
    const learning = stored.state === 1 || stored.state === 3;
    if (learning && stored.due <= now) learningDue.push([ref, stored]);
    else if (learning && stored.due <= learnAheadUntil) learningAhead.push([ref, stored]);
    else if (!learning && stored.due < endOfDay) reviewsDue.push([ref, stored]);
    else nextDueAt = Math.min(nextDueAt ?? Infinity, learning ? stored.due : Math.max(stored.due, endOfDay));
  }
  const byDue = (a: [CardRef, StoredCard], b: [CardRef, StoredCard]): number => a[1].due - b[1].due;
  learningDue.sort(byDue);
  learningAhead.sort(byDue);
  reviewsDue.sort(byDue);
  const newShown = fresh.slice(0, newLeft);
  const counts: QueueCounts = { new: newShown.length, learning: learningDue.length + learningAhead.length, review: reviewsDue.length };

  const pinned = input.pinnedKey !== undefined ? input.cards.find((r) => r.key === input.pinnedKey) : undefined;
  if (pinned) return { counts, next: { ref: pinned, kind: 'pinned' } };
  const candidates: [CardRef[], QueueKind][] = [
    [learningDue.map(([r]) => r), 'learning'],
    [reviewsDue.map(([r]) => r), 'review'],
    [newShown, 'new'],
    [learningAhead.map(([r]) => r), 'learn-ahead'],
  ];
  // The card just answered goes last, unless it is the only one left.
  let fallback: QueueResult['next'];
  for (const [refs, kind] of candidates) {
    for (const ref of refs) {
      if (ref.key !== input.avoidKey) return { counts, next: { ref, kind } };
      fallback ??= { ref, kind };
    }
  }
  if (fallback) return { counts, next: fallback };
  return nextDueAt === undefined ? { counts } : { counts, nextDueAt };
}

export function matchesFilter(card: Flashcard, filter: StudyFilter): boolean {
  if (filter.difficulties.length > 0 && !filter.difficulties.includes(card.difficulty)) return false;
  if (filter.tags.length > 0 && !filter.tags.some((t) => card.tags.includes(t))) return false;
  return true;
}

/** How many cards were seen for the first time on a study day. */
export function newIntroducedOn(progress: Progress, day: string): number {
  let n = 0;
  for (const r of progress.reviews) if (r.state === 0 && studyDayKey(r.at) === day) n++;
  return n;
}

/** Everything `undoAnswer` needs to take one answer back. */
export interface UndoEntry {
  key: string;
  /** The card's state after the answer (what rollback starts from). */
  after: StoredCard;
  log: StoredReviewLog;
  review: ReviewRecord;
}

/** Records one answer: the new memory state, the review log and the day count. */
export function answer(progress: Progress, key: string, grade: Grade1to4, now: Date, scheduler: Scheduler): { progress: Progress; undo: UndoEntry } {
  const before = progress.cards[key];
  const { card, log } = scheduler.rate(before, grade, now);
  const review: ReviewRecord = { key, at: now.getTime(), rating: grade, state: before?.state ?? 0 };
  const day = studyDayKey(review.at);
  const next: Progress = {
    ...progress,
    cards: { ...progress.cards, [key]: card },
    reviews: [...progress.reviews, review],
    days: { ...progress.days, [day]: (progress.days[day] ?? 0) + 1 },
  };
  return { progress: trimHistory(next), undo: { key, after: card, log, review } };
}

/**
 * Takes back an answer with ts-fsrs's rollback. A card rolled back to New loses its entry, so it
 * counts as new again (and against today's new-card limit no longer).
 */
export function undoAnswer(progress: Progress, entry: UndoEntry, scheduler: Scheduler): Progress {
  const cards = { ...progress.cards };
  const restored = scheduler.rollback(entry.after, entry.log);
  if (restored.state === 0) delete cards[entry.key];
  else cards[entry.key] = restored;
  const reviews = [...progress.reviews];
  for (let i = reviews.length - 1; i >= 0; i--) {
    const r = reviews[i];
    if (r && r.key === entry.review.key && r.at === entry.review.at && r.rating === entry.review.rating) {
      reviews.splice(i, 1);
      break;
    }
  }
  const days = { ...progress.days };
  const day = studyDayKey(entry.review.at);
  const count = (days[day] ?? 0) - 1;
  if (count > 0) days[day] = count;
  else delete days[day];
  return { ...progress, cards, reviews, days };
}
