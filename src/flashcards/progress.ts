import { isRecord } from './deck';
import { type CardStateNumber, type Grade1to4, type StoredCard } from './scheduler';

/**
 * The learner's progress as stored in `globalState` (and synced by Settings Sync). Every load goes
 * through `loadProgress`, which drops unreadable entries and never throws:
 * losing a streak is bad, an extension that will not open its player is worse.
 */
export const PROGRESS_VERSION = 2;

/** One answer, kept for "new cards today", retention and undo. */
export interface ReviewRecord {
  /** `deckId/cardId`. */
  key: string;
  /** Epoch ms. */
  at: number;
  rating: Grade1to4;
  /** The card's state before this answer (0 New, 1 Learning, 2 Review, 3 Relearning). */
  state: CardStateNumber;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** Memory state per card key (`deckId/cardId`); a card with no entry is new. */
  cards: Record<string, StoredCard>;
  /** Recent answers, oldest first, at most MAX_REVIEWS. */
  reviews: ReviewRecord[];
  /** Answers per study day (`YYYY-MM-DD`), for the streak; at most MAX_DAYS days. */
  days: Record<string, number>;
}

export const MAX_REVIEWS = 3000;
export const MAX_DAYS = 400;

export type LoadStatus = 'empty' | 'ok' | 'migrated' | 'repaired' | 'reset' | 'newer';

export interface LoadResult {
  progress: Progress;
  status: LoadStatus;
  /** For the user when something was changed or cannot be saved. */
  message?: string;
  /** True when the stored data must be kept as is (written by a newer Async Coach). */
  readOnly: boolean;
  /** True when the raw stored value should be backed up before anything is written. */
  backup: boolean;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, cards: {}, reviews: [], days: {} };
}

/** Reads whatever was stored, in any version, into the current shape. Never throws. */
export function loadProgress(raw: unknown): LoadResult {
  if (raw === undefined || raw === null) return { progress: emptyProgress(), status: 'empty', readOnly: false, backup: false };
  // Version 2 is the first that shipped: anything older is not Async Coach's progress.
  if (!isRecord(raw) || typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < PROGRESS_VERSION) {
    return reset('Your flashcard progress could not be read, so it starts over. The old data was kept as a backup.');
  }
  const readOnly = raw.version > PROGRESS_VERSION;
  const parsed = readV2(raw);
  if (!parsed) return reset('Your flashcard progress could not be read, so it starts over. The old data was kept as a backup.');
  if (readOnly) {
    return {
      progress: parsed.progress,
      status: 'newer',
      message: 'Your flashcard progress was saved by a newer version of Async Coach. You can study, but progress is not saved until you update.',
      readOnly: true,
      backup: false,
    };
  }
  if (parsed.dropped > 0) {
    return {
      progress: parsed.progress,
      status: 'repaired',
      message: `${parsed.dropped} unreadable progress entr${parsed.dropped === 1 ? 'y was' : 'ies were'} removed; those cards start over. The old data was kept as a backup.`,
      readOnly: false,
      backup: true,
    };
  }
  return { progress: parsed.progress, status: 'ok', readOnly: false, backup: false };
}

function reset(message: string): LoadResult {
  return { progress: emptyProgress(), status: 'reset', message, readOnly: false, backup: true };
}

/** Version 2 (current): cards with epoch-ms dates, the review log and the day counts. */
function readV2(raw: Record<string, unknown>): { progress: Progress; dropped: number } | undefined {
  if (!isRecord(raw.cards)) return undefined;
  const progress = emptyProgress();
  let dropped = 0;
  for (const [key, value] of Object.entries(raw.cards)) {
    const card = readStoredCard(value);
    if (card && isCardKey(key)) progress.cards[key] = card;
    else dropped++;
  }
  if (Array.isArray(raw.reviews)) {
    for (const r of raw.reviews as unknown[]) {
      const review = readReview(r);
      if (review) progress.reviews.push(review);
      else dropped++;
    }
  }
  if (isRecord(raw.days)) {
    for (const [day, n] of Object.entries(raw.days)) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(day) && typeof n === 'number' && Number.isInteger(n) && n > 0) progress.days[day] = n;
      else dropped++;
    }
  }
  return { progress: trimHistory(progress), dropped };
}

function readStoredCard(value: unknown): StoredCard | undefined {
  if (!isRecord(value)) return undefined;
  const { due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview } = value;
  if (!isTime(due) || !isNonNegative(stability) || !isNonNegative(difficulty) || !isNonNegative(scheduledDays)) return undefined;
  if (!isCount(learningSteps) || !isCount(reps) || !isCount(lapses) || !isState(state)) return undefined;
  if (lastReview !== undefined && !isTime(lastReview)) return undefined;
  const card: StoredCard = { due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state };
  if (lastReview !== undefined) card.lastReview = lastReview;
  return card;
}

function readReview(value: unknown): ReviewRecord | undefined {
  if (!isRecord(value)) return undefined;
  const { key, at, rating, state } = value;
  if (typeof key !== 'string' || !isCardKey(key) || !isTime(at) || !isState(state)) return undefined;
  if (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4) return undefined;
  return { key, at, rating, state };
}

/** Keeps the stored history bounded: it is synced, so it must stay small. */
export function trimHistory(progress: Progress): Progress {
  if (progress.reviews.length > MAX_REVIEWS) progress.reviews = progress.reviews.slice(-MAX_REVIEWS);
  const days = Object.keys(progress.days).sort();
  for (const day of days.slice(0, Math.max(0, days.length - MAX_DAYS))) delete progress.days[day];
  return progress;
}

/** `deckId/cardId`. */
export function cardKey(deckId: string, cardId: string): string {
  return `${deckId}/${cardId}`;
}

function isCardKey(key: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}\/[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(key);
}

/** Anki's day starts at 4 am local time, so a late-night session counts for the day it began. */
export const DAY_ROLLOVER_HOUR = 4;

/** The study day of a moment, `YYYY-MM-DD` in local time with the 4 am rollover. */
export function studyDayKey(ms: number): string {
  const d = new Date(ms - DAY_ROLLOVER_HOUR * 3_600_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The first moment of the study day after the one containing `ms` (the next 4 am). */
export function nextDayStart(ms: number): number {
  const d = new Date(ms);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), DAY_ROLLOVER_HOUR);
  if (start.getTime() <= ms) start.setDate(start.getDate() + 1);
  return start.getTime();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 8.64e15;
}

function isNonNegative(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isState(v: unknown): v is CardStateNumber {
  return v === 0 || v === 1 || v === 2 || v === 3;
}
