import type { DeckProblem } from '../shared/protocol';
import { validateDeck, type Deck, type DeckResult, type ValidateOptions } from './deck';
import { cardKey } from './progress';
import type { CardRef } from './study';

/** A deck file as read from disk (or the bundle), before merging. */
export interface LoadedDeck {
  /** Shown in problems: `media/decks/x.json`, `.async-coach/decks/y.json`. */
  source: string;
  result: DeckResult;
}

export interface Library {
  decks: Deck[];
  cards: CardRef[];
  problems: DeckProblem[];
  /** Where each card's "▶ 01:52" link goes, when its deck has one. */
  sourceUrls: ReadonlyMap<string, string>;
}

/**
 * Merges the loaded decks into one card list. A deck whose id was already taken by an earlier one
 * (the built-in deck comes first) is skipped with a problem, so progress keys never collide.
 */
export function buildLibrary(loaded: readonly LoadedDeck[]): Library {
  const decks: Deck[] = [];
  const cards: CardRef[] = [];
  const problems: DeckProblem[] = [];
  const sourceUrls = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const { source, result } of loaded) {
    if (!result.ok) {
      for (const e of result.errors) problems.push({ source, path: e.path, message: e.message });
      continue;
    }
    const deck = result.deck;
    const owner = owners.get(deck.id);
    if (owner !== undefined) {
      problems.push({ source, path: 'id', message: `deck id "${deck.id}" is already used by ${owner}; give this deck its own id` });
      continue;
    }
    owners.set(deck.id, source);
    decks.push(deck);
    for (const card of deck.cards) {
      const key = cardKey(deck.id, card.id);
      cards.push({ key, deckId: deck.id, deckName: deck.name, card });
      const base = card.source?.url ?? deck.video?.url;
      if (base) sourceUrls.set(key, withTimestamp(base, card.source?.timestamp));
    }
  }
  return { decks, cards, problems, sourceUrls };
}

/** The most a deck file may hold: 5,000 cards of real text fit in well under this. */
export const MAX_DECK_BYTES = 2 * 1024 * 1024;

/**
 * A deck file's bytes as a validated deck. The problems never repeat the file's content: a path
 * in a setting may name any file, and what it holds is none of the view's business.
 */
export function parseDeckBytes(bytes: Uint8Array, options: ValidateOptions = {}): DeckResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem('is not UTF-8 text');
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // V8's messages quote the text around the error ("root:x:0:0"...): keep only where it is.
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    return fileProblem(`is not valid JSON${at === undefined ? '' : ` (${lineAndColumn(text, Number(at))})`}`);
  }
  return validateDeck(json, options);
}

function fileProblem(message: string): DeckResult {
  return { ok: false, errors: [{ path: '', message }] };
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** A video link that starts at `timestamp` (`t=` for YouTube, a media fragment otherwise). */
export function withTimestamp(url: string, timestamp: string | undefined): string {
  if (!timestamp) return url;
  const seconds = timestamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  try {
    const parsed = new URL(url);
    if (/(^|\.)youtube\.com$|(^|\.)youtu\.be$/.test(parsed.hostname)) {
      parsed.searchParams.set('t', `${seconds}s`);
      return parsed.toString();
    }
    parsed.hash = `t=${seconds}`;
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Only web links leave the editor: a deck is untrusted, and `command:` or `file:` must not open. */
export function isOpenableUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
