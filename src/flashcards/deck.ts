/**
 * The deck format: plain JSON that people write by hand (`media/decks/*.json`,
 * `.async-coach/decks/*.json`). `validateDeck` is the only way raw JSON becomes a `Deck`; it
 * collects every problem with a path (`cards[3].front`) so the view can list them all at once.
 */

export const DECK_FORMAT_VERSION = 1;

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
/** A label for the learner only: the scheduler never reads it (FSRS learns difficulty itself). */
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface CardSource {
  /** Position in the deck's video, `mm:ss` or `h:mm:ss`. */
  timestamp?: string;
  /** An http(s) page for this card; overrides the deck's video link. */
  url?: string;
}

export interface Flashcard {
  /** Stable within its deck: progress is stored under it. */
  id: string;
  front: string;
  back: string;
  /** Python shown with the question (the code the question is about). */
  frontCode?: string;
  /** Python shown with the answer. */
  code?: string;
  difficulty: Difficulty;
  tags: string[];
  source?: CardSource;
  /** Linter rule codes this card teaches (`ACO101`). */
  rules: string[];
  /** Snippet prefixes this card teaches (`aio-gather`). */
  snippets: string[];
}

export interface Deck {
  id: string;
  name: string;
  description?: string;
  /** The video the card timestamps point into. */
  video?: { title?: string; url?: string };
  cards: Flashcard[];
}

export interface DeckIssue {
  /** Where in the JSON: `cards[3].front`, or `` for the whole file. */
  path: string;
  message: string;
}

export type DeckResult = { ok: true; deck: Deck } | { ok: false; errors: DeckIssue[] };

/**
 * Problems kept per file. A hostile file can have millions (one card with 600,000 bad tags); past
 * this many the rest are only counted, in one closing line, so validation stays linear and small.
 */
export const MAX_ISSUES_PER_FILE = 100;

export interface ValidateOptions {
  /** When given, a card linking any other rule code is an error (catches typos like ACO310). */
  knownRules?: ReadonlySet<string>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** Letters and digits of any script (Anki tags are often not ASCII), never controls or bidi marks. */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}_:.+-]{0,39}$/u;
const RULE = /^ACO\d{3}$/;
const SNIPPET = /^[a-z][a-z0-9-]{0,39}$/;
const TIMESTAMP = /^(\d{1,2}:)?[0-5]?\d:[0-5]\d$/;
/** Whether a deck accepts this tag (the Anki import keeps a card and leaves out its odd tags). */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}
/** C0 controls other than tab/newline/CR, and the bidi overrides of "Trojan Source". */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** `text` with every character a deck refuses (controls, bidi overrides) replaced by a space. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(new RegExp(FORBIDDEN_CHARS.source, 'g'), ' ');
}

/** Sizes a deck may have; the view's message protocol accepts at least these (a unit test checks it). */
export const DECK_LIMITS = Object.freeze({ name: 100, description: 500, text: 2000, code: 4000, tags: 20, links: 10, cards: 5000 });
const LIMITS = DECK_LIMITS;
const DECK_KEYS = new Set(['$schema', 'formatVersion', 'id', 'name', 'description', 'video', 'cards']);
const CARD_KEYS = new Set(['id', 'front', 'back', 'frontCode', 'code', 'difficulty', 'tags', 'source', 'rules', 'snippets']);

/** Checks raw JSON against the deck format. Never throws; text is kept exactly as written. */
export function validateDeck(raw: unknown, options: ValidateOptions = {}): DeckResult {
  const issues = issueCollector();
  const err = issues.report;
  // Anything that does not even claim to be a deck gets one line, and none of its content is
  // repeated: a listed file may be anything (a settings file, /etc/passwd).
  if (!isRecord(raw) || (!('formatVersion' in raw) && !('cards' in raw))) {
    return { ok: false, errors: [{ path: '', message: 'is not an Async Coach deck: a deck is a JSON object with "formatVersion", "id", "name" and "cards"' }] };
  }
  unknownKeys(raw, DECK_KEYS, '', err);
  if (raw.formatVersion !== DECK_FORMAT_VERSION) {
    err('formatVersion', `must be ${DECK_FORMAT_VERSION} (this version of Async Coach reads deck format ${DECK_FORMAT_VERSION})`);
  }
  const id = identifier(raw.id, 'id', err);
  const name = text(raw.name, 'name', LIMITS.name, err);
  const description = raw.description === undefined ? undefined : text(raw.description, 'description', LIMITS.description, err);
  const video = raw.video === undefined ? undefined : parseVideo(raw.video, err);
  const cards: Flashcard[] = [];
  if (!Array.isArray(raw.cards) || raw.cards.length === 0) {
    err('cards', 'must be a non-empty array of cards');
  } else if (raw.cards.length > LIMITS.cards) {
    err('cards', `has ${raw.cards.length} cards; at most ${LIMITS.cards} per deck`);
  } else {
    const seen = new Map<string, number>();
    raw.cards.forEach((rawCard: unknown, i: number) => {
      const card = parseCard(rawCard, `cards[${i}]`, options, err);
      if (!card) return;
      const first = seen.get(card.id);
      if (first !== undefined) err(`cards[${i}].id`, `duplicate id "${card.id}" (already used by cards[${first}])`);
      else seen.set(card.id, i);
      cards.push(card);
    });
  }
  if (issues.count() > 0 || id === undefined || name === undefined) return { ok: false, errors: issues.list() };
  const deck: Deck = { id, name, cards };
  if (description !== undefined) deck.description = description;
  if (video !== undefined) deck.video = video;
  return { ok: true, deck };
}

type Report = (path: string, message: string) => void;

/**
 * One card checked on its own (the Anki import keeps the good cards of a file): the card, or
 * undefined with its problems, at most MAX_ISSUES_PER_FILE of them.
 */
export function validateCard(raw: unknown, at: string, options: ValidateOptions = {}): { card?: Flashcard; errors: DeckIssue[] } {
  const issues = issueCollector();
  const card = parseCard(raw, at, options, issues.report);
  return card ? { card, errors: issues.list() } : { errors: issues.list() };
}

/** Keeps the first MAX_ISSUES_PER_FILE problems and counts the rest into one closing line. */
function issueCollector(): { report: Report; count: () => number; list: () => DeckIssue[] } {
  const kept: DeckIssue[] = [];
  let total = 0;
  return {
    report: (path, message) => {
      total++;
      if (kept.length < MAX_ISSUES_PER_FILE) kept.push({ path, message });
    },
    count: () => total,
    list: () => (total > kept.length ? [...kept, { path: '', message: `and ${total - kept.length} more problems (only the first ${MAX_ISSUES_PER_FILE} are listed)` }] : kept),
  };
}

function parseCard(raw: unknown, at: string, options: ValidateOptions, report: Report): Flashcard | undefined {
  if (!isRecord(raw)) {
    report(at, 'a card must be an object with "id", "front", "back" and "difficulty"');
    return undefined;
  }
  // A card with any bad field is dropped (after all its problems are reported).
  let failed = false;
  const err: Report = (path, message) => {
    failed = true;
    report(path, message);
  };
  unknownKeys(raw, CARD_KEYS, at, err);
  const id = identifier(raw.id, `${at}.id`, err);
  const front = text(raw.front, `${at}.front`, LIMITS.text, err);
  const back = text(raw.back, `${at}.back`, LIMITS.text, err);
  const frontCode = raw.frontCode === undefined ? undefined : text(raw.frontCode, `${at}.frontCode`, LIMITS.code, err);
  const code = raw.code === undefined ? undefined : text(raw.code, `${at}.code`, LIMITS.code, err);
  let difficulty: Difficulty | undefined;
  if (typeof raw.difficulty === 'string' && (DIFFICULTIES as readonly string[]).includes(raw.difficulty)) {
    difficulty = raw.difficulty as Difficulty;
  } else {
    err(`${at}.difficulty`, `must be one of ${DIFFICULTIES.join(', ')}`);
  }
  const tags = stringList(raw.tags, `${at}.tags`, TAG, LIMITS.tags, 'a tag of letters, digits and _:.+- (no spaces)', err);
  const rules = stringList(raw.rules, `${at}.rules`, RULE, LIMITS.links, 'a rule code like ACO101', err);
  rules.forEach((r, i) => {
    if (options.knownRules && !options.knownRules.has(r)) err(`${at}.rules[${i}]`, `unknown rule code "${r}"`);
  });
  const snippets = stringList(raw.snippets, `${at}.snippets`, SNIPPET, LIMITS.links, 'a snippet prefix like aio-gather', err);
  const source = raw.source === undefined ? undefined : parseSource(raw.source, `${at}.source`, err);
  if (failed || id === undefined || front === undefined || back === undefined || difficulty === undefined) {
    return undefined;
  }
  const card: Flashcard = { id, front, back, difficulty, tags, rules, snippets };
  if (frontCode !== undefined) card.frontCode = frontCode;
  if (code !== undefined) card.code = code;
  if (source !== undefined) card.source = source;
  return card;
}

function parseSource(raw: unknown, at: string, err: Report): CardSource | undefined {
  if (!isRecord(raw)) {
    err(at, 'must be an object like { "timestamp": "01:52" }');
    return undefined;
  }
  unknownKeys(raw, new Set(['timestamp', 'url']), at, err);
  const source: CardSource = {};
  if (raw.timestamp !== undefined) {
    if (typeof raw.timestamp === 'string' && TIMESTAMP.test(raw.timestamp)) source.timestamp = raw.timestamp;
    else err(`${at}.timestamp`, 'must be a video position like "01:52" or "1:02:03"');
  }
  if (raw.url !== undefined) {
    const url = webUrl(raw.url, `${at}.url`, err);
    if (url) source.url = url;
  }
  return source;
}

function parseVideo(raw: unknown, err: Report): Deck['video'] {
  if (!isRecord(raw)) {
    err('video', 'must be an object like { "title": "...", "url": "https://..." }');
    return undefined;
  }
  unknownKeys(raw, new Set(['title', 'url']), 'video', err);
  const video: NonNullable<Deck['video']> = {};
  if (raw.title !== undefined) {
    const title = text(raw.title, 'video.title', LIMITS.name, err);
    if (title !== undefined) video.title = title;
  }
  if (raw.url !== undefined) {
    const url = webUrl(raw.url, 'video.url', err);
    if (url) video.url = url;
  }
  return video;
}

/** Only http(s) links: a deck is untrusted input and `command:`/`file:` links must never open. */
function webUrl(raw: unknown, at: string, err: Report): string | undefined {
  if (typeof raw === 'string') {
    try {
      const url = new URL(raw);
      if (url.protocol === 'https:' || url.protocol === 'http:') return raw;
    } catch {
      // reported below
    }
  }
  err(at, 'must be an http:// or https:// address');
  return undefined;
}

function identifier(raw: unknown, at: string, err: Report): string | undefined {
  if (typeof raw === 'string' && ID.test(raw)) return raw;
  err(at, 'must be an id of letters, digits and ._- (at most 80, no spaces)');
  return undefined;
}

function text(raw: unknown, at: string, max: number, err: Report): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    err(at, 'must be a non-empty string');
    return undefined;
  }
  if (raw.length > max) {
    err(at, `is ${raw.length} characters long; at most ${max}`);
    return undefined;
  }
  if (FORBIDDEN_CHARS.test(raw)) {
    err(at, 'contains control or bidirectional-override characters');
    return undefined;
  }
  return raw;
}

function stringList(raw: unknown, at: string, pattern: RegExp, max: number, what: string, err: Report): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    err(at, 'must be an array of strings');
    return [];
  }
  // Past the limit the entries are not looked at one by one: the list is wrong as a whole.
  if (raw.length > max) {
    err(at, `has ${raw.length} entries; at most ${max}`);
    return [];
  }
  const out = new Set<string>();
  raw.forEach((item: unknown, i: number) => {
    if (typeof item === 'string' && pattern.test(item)) out.add(item);
    else err(`${at}[${i}]`, `must be ${what}`);
  });
  return [...out];
}

function unknownKeys(raw: Record<string, unknown>, allowed: ReadonlySet<string>, at: string, err: Report): void {
  for (const key of Object.keys(raw)) {
    if (allowed.has(key)) continue;
    // A plausible field name (a typo) is worth showing; anything else is not repeated.
    const shown = /^[A-Za-z_$][\w$-]{0,39}$/.test(key) ? key : '(unnamed)';
    err(at ? `${at}.${shown}` : shown, `unknown field (expected one of ${[...allowed].filter((k) => k !== '$schema').join(', ')})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
