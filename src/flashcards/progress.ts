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

/**
 * Reads whatever was stored, in any version, into the current shape. Never throws. Every card
 * record is checked against what the scheduler accepts at `now`: a review dated in the future
 * (another machine's clock was ahead, and Settings Sync brought its progress here) is moved back
 * to `now`; a record the scheduler still cannot use is dropped, so that card starts over.
 */
export function loadProgress(raw: unknown, now: Date = new Date()): LoadResult {
  if (raw === undefined || raw === null) return { progress: emptyProgress(), status: 'empty', readOnly: false, backup: false };
  // Version 2 is the first that shipped: anything older is not Async Coach's progress.
  if (!isRecord(raw) || typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < PROGRESS_VERSION) {
    return reset('Your flashcard progress could not be read, so it starts over. The old data was kept as a backup.');
  }
  const readOnly = raw.version > PROGRESS_VERSION;
  const parsed = readV2(raw, now);
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
  if (parsed.dropped > 0 || parsed.movedBack > 0) {
    const notes: string[] = [];
    if (parsed.movedBack > 0) notes.push(`${entries(parsed.movedBack)} dated in the future (a clock difference between machines?) ${parsed.movedBack === 1 ? 'was' : 'were'} moved back to now.`);
    if (parsed.dropped > 0) notes.push(`${entries(parsed.dropped)} could not be read and ${parsed.dropped === 1 ? 'was' : 'were'} removed; those cards start over.`);
    return {
      progress: parsed.progress,
      status: 'repaired',
      message: `Flashcard progress repaired: ${notes.join(' ')} The old data was kept as a backup.`,
      readOnly: false,
      backup: true,
    };
  }
  return { progress: parsed.progress, status: 'ok', readOnly: false, backup: false };
}

function reset(message: string): LoadResult {
  return { progress: emptyProgress(), status: 'reset', message, readOnly: false, backup: true };
}

function entries(n: number): string {
  return `${n} entr${n === 1 ? 'y' : 'ies'}`;
}

/** Version 2 (current): cards with epoch-ms dates, the review log and the day counts. */
function readV2(raw: Record<string, unknown>, now: Date): { progress: Progress; dropped: number; movedBack: number } | undefined {
  if (!isRecord(raw.cards)) return undefined;
  const progress = emptyProgress();
  let dropped = 0;
  let movedBack = 0;
  for (const [key, value] of Object.entries(raw.cards)) {
    const read = isCardKey(key) ? readStoredCard(value) : undefined;
    const checked = read ? schedulable(read, now) : undefined;
    if (!checked) {
      dropped++;
      continue;
    }
    progress.cards[key] = checked.card;
    if (checked.movedBack) movedBack++;
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
  return { progress: trimHistory(progress), dropped, movedBack };
}

/** ts-fsrs's bounds on a memory state (its S_MIN, and the difficulty scale 1-10). */
const MIN_STABILITY = 0.001;
const DIFFICULTY_RANGE = [1, 10] as const;

/**
 * The record as the scheduler can use it at `now`, or undefined. ts-fsrs throws on a last review
 * after `now` ("Invalid delta_t"): that one is moved back to `now`, which keeps everything else
 * the card learned. It also throws on a memory state out of its range: that record is dropped.
 * A property test runs arbitrary records through this check and the scheduler to keep them agreeing.
 */
function schedulable(card: StoredCard, now: Date): { card: StoredCard; movedBack: boolean } | undefined {
  const fresh = card.difficulty === 0 && card.stability === 0;
  if (!fresh && (card.difficulty < DIFFICULTY_RANGE[0] || card.difficulty > DIFFICULTY_RANGE[1] || card.stability < MIN_STABILITY)) return undefined;
  if (card.lastReview !== undefined && card.lastReview > now.getTime()) return { card: { ...card, lastReview: now.getTime() }, movedBack: true };
  return { card, movedBack: false };
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
