import { builtinCards } from './builtinDeck';
import type { Flashcard } from './deck';

/**
 * The card each rule's "Study this" action opens: the one that teaches the rule's idea most
 * directly. ACO302's id is also written in the rule's own metadata, so it must not change.
 */
export const RULE_CARD_IDS: Readonly<Record<string, string>> = Object.freeze({
  ACO101: 'rule-aco101-sequential-awaits',
  ACO102: 'rule-aco102-await-in-loop',
  ACO201: 'rule-aco201-unawaited',
  ACO202: 'rule-aco202-dangling-task',
  ACO301: 'rule-aco301-time-sleep',
  ACO302: 'seed-03-entry-point',
  ACO303: 'rule-aco303-semaphore-per-call',
  ACO304: 'rule-aco304-file-io',
  ACO305: 'rule-aco305-busy-wait',
});

/**
 * The built-in card for a rule code (`ACO101`), or undefined for an unknown code. Falls back to
 * the first card that links the rule, so a new rule with a linked card works before it is mapped.
 * Pass `cards` to look in another set (tests, own decks).
 */
export function cardForRule(code: string, cards: readonly Flashcard[] = builtinCards()): Flashcard | undefined {
  const preferred = Object.hasOwn(RULE_CARD_IDS, code) ? RULE_CARD_IDS[code] : undefined;
  return (preferred !== undefined ? cards.find((c) => c.id === preferred) : undefined) ?? cards.find((c) => c.rules.includes(code));
}

/** The built-in card with this id (the argument of `asyncCoach.studyCard`). */
export function builtinCardById(id: string): Flashcard | undefined {
  return builtinCards().find((c) => c.id === id);
}

/** The public rule codes (the catalogue's): a deck linking any other code has a typo. */
export const KNOWN_RULE_CODES: ReadonlySet<string> = new Set(Object.keys(RULE_CARD_IDS));
