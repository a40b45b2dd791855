/**
 * The flashcard player's settings (`asyncCoach.flashcards.*`), normalised like the linter's:
 * anything missing or malformed falls back to its default, numbers are clamped into range.
 */
export interface FlashcardSettings {
  /** New cards introduced per study day (Anki's "new cards/day"). */
  newCardsPerDay: number;
  /** When nothing is due, learning cards due within this many minutes are shown early. */
  learnAheadMinutes: number;
  /** FSRS's target probability of recall when a review comes due. */
  desiredRetention: number;
  /** Extra deck files or folders (absolute, or relative to the first workspace folder). */
  deckPaths: string[];
}

export const DEFAULT_FLASHCARD_SETTINGS: Readonly<FlashcardSettings> = Object.freeze({
  newCardsPerDay: 20,
  learnAheadMinutes: 20,
  desiredRetention: 0.9,
  deckPaths: [],
});

/** Keys under the `asyncCoach` section; a unit test checks them against the manifest. */
export const FLASHCARD_SETTING_KEYS = {
  'flashcards.newCardsPerDay': 'newCardsPerDay',
  'flashcards.learnAheadMinutes': 'learnAheadMinutes',
  'flashcards.desiredRetention': 'desiredRetention',
  'flashcards.deckPaths': 'deckPaths',
} as const satisfies Record<string, keyof FlashcardSettings>;

export function normalizeFlashcardSettings(raw: Readonly<Record<string, unknown>>): FlashcardSettings {
  const d = DEFAULT_FLASHCARD_SETTINGS;
  const paths = Array.isArray(raw['flashcards.deckPaths']) ? raw['flashcards.deckPaths'] : [];
  return {
    newCardsPerDay: clampedInt(raw['flashcards.newCardsPerDay'], 0, 9999, d.newCardsPerDay),
    learnAheadMinutes: clampedInt(raw['flashcards.learnAheadMinutes'], 0, 1440, d.learnAheadMinutes),
    desiredRetention: clamped(raw['flashcards.desiredRetention'], 0.7, 0.99, d.desiredRetention),
    deckPaths: paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()),
  };
}

export interface DeckPaths {
  /** The paths to read. */
  paths: string[];
  /** Paths set by the workspace and left out because it is not trusted (Restricted Mode). */
  ignoredUntilTrusted: number;
}

/** What VS Code's `inspect` says of `asyncCoach.flashcards.deckPaths`, per level. */
export interface InspectedDeckPaths {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The deck paths to read: `effective` is the setting's value as VS Code resolves it. In an
 * untrusted workspace only the user's own setting counts: a cloned repository's
 * `.vscode/settings.json` must not make the extension read files outside it.
 */
export function deckPathsForTrust(effective: unknown, inspected: InspectedDeckPaths, trusted: boolean): DeckPaths {
  const list = (value: unknown): string[] => normalizeFlashcardSettings({ 'flashcards.deckPaths': value }).deckPaths;
  if (trusted) return { paths: list(effective), ignoredUntilTrusted: 0 };
  const fromWorkspace = new Set([...list(inspected.workspaceValue), ...list(inspected.workspaceFolderValue)]);
  return { paths: list(inspected.globalValue), ignoredUntilTrusted: fromWorkspace.size };
}

function clamped(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(Math.max(v, min), max) : fallback;
}

function clampedInt(v: unknown, min: number, max: number, fallback: number): number {
  return Math.round(clamped(v, min, max, fallback));
}
