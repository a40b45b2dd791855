import type { Flashcard } from '../../../src/flashcards/deck';
import { buildLibrary, type Library } from '../../../src/flashcards/library';

/** A fixed local time (10:00 on a weekday), so study-day boundaries (4 am) are far away. */
export function at(day: number, hour = 10, minute = 0): Date {
  return new Date(2026, 5, day, hour, minute);
}

export function minutesAfter(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

/** A valid card; override what a test is about. */
export function card(id: string, extra: Partial<Flashcard> = {}): Flashcard {
  return { id, front: `Question ${id}?`, back: `Answer ${id}.`, difficulty: 'easy', tags: [], rules: [], snippets: [], ...extra };
}

/** A library of one deck `t` with these cards. */
export function libraryOf(cards: Flashcard[]): Library {
  return buildLibrary([{ source: 'test', result: { ok: true, deck: { id: 't', name: 'Test deck', cards } } }]);
}
