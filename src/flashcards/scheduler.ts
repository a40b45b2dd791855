import { createEmptyCard, fsrs, generatorParameters, type Card, type FSRS, type Grade, type ReviewLog } from './fsrsLib';

/** The four answers, as Anki numbers them (keys 1-4). */
export type Grade1to4 = 1 | 2 | 3 | 4;
export const GRADES: readonly Grade1to4[] = [1, 2, 3, 4];
export const GRADE_NAMES: Readonly<Record<Grade1to4, string>> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** ts-fsrs's State numbers: 0 New, 1 Learning, 2 Review, 3 Relearning. */
export type CardStateNumber = 0 | 1 | 2 | 3;

/**
 * One card's memory state as persisted: epoch milliseconds instead of Dates (JSON-safe, and
 * Settings Sync compares values), and without the deprecated `elapsed_days`, which ts-fsrs
 * recomputes from `lastReview`.
 */
export interface StoredCard {
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateNumber;
  lastReview?: number;
}

/** What undo needs to put a card back: ts-fsrs's review log, dates as epoch ms. */
export interface StoredReviewLog {
  rating: Grade1to4;
  state: CardStateNumber;
  due: number;
  stability: number;
  difficulty: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  review: number;
}

export interface SchedulerOptions {
  /** Target probability of recall when a review comes due (FSRS `request_retention`). */
  desiredRetention?: number;
}

export interface Outcome {
  card: StoredCard;
  log: StoredReviewLog;
}

/**
 * FSRS scheduling as pure functions of (card, now): fuzz is off so the same inputs always give
 * the same intervals, and the caller passes the clock so tests can fix it.
 */
export class Scheduler {
  private readonly fsrs: FSRS;

  constructor(options: SchedulerOptions = {}) {
    this.fsrs = fsrs(generatorParameters({ enable_fuzz: false, request_retention: options.desiredRetention ?? 0.9 }));
  }

  /** A card never studied, due now. */
  newCard(now: Date): StoredCard {
    return fromFsrsCard(createEmptyCard(now));
  }

  /** What each of the four answers would do, without changing anything (the buttons' labels). */
  preview(card: StoredCard | undefined, now: Date): Record<Grade1to4, Outcome> {
    const preview = this.fsrs.repeat(toFsrsCard(card ?? this.newCard(now)), now);
    const out = {} as Record<Grade1to4, Outcome>;
    for (const g of GRADES) {
      const item = preview[g as Grade];
      out[g] = { card: fromFsrsCard(item.card), log: fromFsrsLog(item.log) };
    }
    return out;
  }

  /** Applies one answer. */
  rate(card: StoredCard | undefined, grade: Grade1to4, now: Date): Outcome {
    const item = this.fsrs.next(toFsrsCard(card ?? this.newCard(now)), now, grade);
    return { card: fromFsrsCard(item.card), log: fromFsrsLog(item.log) };
  }

  /** Undoes `rate`: the card as it was before the answer that produced `log`. */
  rollback(card: StoredCard, log: StoredReviewLog): StoredCard {
    return fromFsrsCard(this.fsrs.rollback(toFsrsCard(card), toFsrsLog(log)));
  }

  /** Probability of recall now, for statistics (0 for a card never reviewed). */
  retrievability(card: StoredCard, now: Date): number {
    if (card.state === 0) return 0;
    return this.fsrs.get_retrievability(toFsrsCard(card), now, false);
  }
}

export function toFsrsCard(card: StoredCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review; the type still requires it.
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.lastReview !== undefined ? { last_review: new Date(card.lastReview) } : {}),
  };
}

export function fromFsrsCard(card: Card): StoredCard {
  const stored: StoredCard = {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
  if (card.last_review) stored.lastReview = card.last_review.getTime();
  return stored;
}

function fromFsrsLog(log: ReviewLog): StoredReviewLog {
  return {
    rating: log.rating as Grade1to4,
    state: log.state,
    due: log.due.getTime(),
    stability: log.stability,
    difficulty: log.difficulty,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: log.review.getTime(),
  };
}

function toFsrsLog(log: StoredReviewLog): ReviewLog {
  return {
    rating: log.rating,
    state: log.state,
    due: new Date(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsed_days: 0,
    last_elapsed_days: log.lastElapsedDays,
    scheduled_days: log.scheduledDays,
    learning_steps: log.learningSteps,
    review: new Date(log.review),
  };
}

/**
 * An interval as Anki prints it on a button: `<1m`, `10m`, `3h`, `4d`, `2.1mo`, `1.5y`.
 * Months are 30 days and years 365, as in Anki.
 */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trimmed(days / 30)}mo`;
  return `${trimmed(days / 365)}y`;
}

function trimmed(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}
