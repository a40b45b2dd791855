import raw from '../../media/decks/async-coach-core.json';
import { validateDeck, type Deck, type DeckResult } from './deck';

/** The deck shipped with the extension; its JSON is bundled so lookups need no file access. */
export const BUILTIN_DECK_ID = 'async-coach-core';

/** Validated once, on first import; the deck is frozen so no caller can change it for another. */
const validated: DeckResult = validateDeck(raw);
if (validated.ok) deepFreeze(validated.deck);

/**
 * The built-in deck, validated. A failure here is a packaging bug (the unit tests validate the
 * same JSON), reported as a result rather than thrown so activation never crashes on it.
 */
export function builtinDeck(): DeckResult {
  return validated;
}

/** The built-in deck's cards, or none when it failed validation. */
export function builtinCards(): Deck['cards'] {
  return validated.ok ? validated.deck.cards : [];
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
