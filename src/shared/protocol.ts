/**
 * The one message protocol between the extension and the flashcard webview. Both sides import
 * these types, and both run every incoming message through a parser below: a webview is a web
 * page, so what arrives is `unknown` until checked.
 */

/**
 * Limits both sides keep: the extension never sends more (it summarises: the most used tags, the
 * first problems, with counts of the rest), and the webview checks every message against them
 * and says so when one does not fit, instead of dropping it. A unit test checks that the deck
 * format's own limits fit inside these.
 */
export const PROTOCOL_LIMITS = Object.freeze({
  /** Characters of any one text (a card side is at most 4,000 in a deck). */
  text: 10_000,
  key: 200,
  /** Tags, rules or snippets of one card. */
  cardList: 100,
  /** Tags offered by the filter, and tags a filter may choose. */
  tags: 500,
  /** Deck problems listed in the view. */
  problems: 200,
});

export type Rating = 1 | 2 | 3 | 4;
export type CardDifficulty = 'easy' | 'medium' | 'hard';
/** Why this card is up: new, a learning step, a review, a learning card shown early, or asked for. */
export type CardKind = 'new' | 'learning' | 'review' | 'learn-ahead' | 'pinned';

export interface CardView {
  /** `deckId/cardId`: the rating message echoes it, so a late keypress cannot rate another card. */
  key: string;
  deckName: string;
  front: string;
  back: string;
  frontCode?: string;
  code?: string;
  difficulty: CardDifficulty;
  tags: string[];
  rules: string[];
  snippets: string[];
  /** Video position, shown as text; `canOpenSource` says whether there is a link to open. */
  timestamp?: string;
  canOpenSource: boolean;
  kind: CardKind;
}

export interface StudyFilterView {
  tags: string[];
  difficulties: CardDifficulty[];
}

export interface DeckProblem {
  /** The deck file, relative to the workspace when possible. */
  source: string;
  /** Where in the file (`cards[2].front`), empty for the whole file. */
  path: string;
  message: string;
}

export interface ViewState {
  counts: { new: number; learning: number; review: number };
  card: CardView | null;
  /** Next interval per answer, Again..Easy (`1m`, `10m`, `3d`, ...); null without a card. */
  intervals: [string, string, string, string] | null;
  canUndo: boolean;
  /** Answers this session, Again..Easy. */
  session: { answers: [number, number, number, number]; startedAt: number };
  filter: StudyFilterView;
  /** `tags`: the most used tags (at most PROTOCOL_LIMITS.tags); `moreTags`: how many were left out. */
  available: { tags: string[]; difficulties: CardDifficulty[]; moreTags: number };
  /** When nothing is left: how long until the next card is due (`8m`, `1d`). */
  nextDueIn?: string;
  /** The first PROTOCOL_LIMITS.problems problems; `problemCount` is how many there are in all. */
  deckProblems: DeckProblem[];
  problemCount: number;
  notice?: { level: 'info' | 'warning' | 'error'; text: string };
  totalCards: number;
}

export interface StatsView {
  forecast: { label: string; count: number }[];
  reviewsToday: number;
  streakDays: number;
  retention: { percent: number | null; reviews: number };
  totals: { new: number; learning: number; review: number };
}

export type ExtensionAction = 'importAnki' | 'exportAnki' | 'openDecksFolder' | 'reloadDecks';

/** Webview -> extension. */
export type ToExtension =
  | { type: 'ready' }
  | { type: 'rate'; key: string; rating: Rating }
  | { type: 'undo' }
  | { type: 'setFilter'; filter: StudyFilterView }
  | { type: 'openSource'; key: string }
  | { type: 'requestStats' }
  | { type: 'action'; action: ExtensionAction }
  /** The page could not show a message it got: the extension logs why. */
  | { type: 'viewError'; message: string };

/** Extension -> webview. */
export type ToWebview = { type: 'state'; state: ViewState } | { type: 'stats'; stats: StatsView };

const DIFFICULTY_VALUES: readonly string[] = ['easy', 'medium', 'hard'];
const KINDS: readonly string[] = ['new', 'learning', 'review', 'learn-ahead', 'pinned'];
const ACTIONS: readonly string[] = ['importAnki', 'exportAnki', 'openDecksFolder', 'reloadDecks'];
const LIMITS = PROTOCOL_LIMITS;

/** Checks a message from the webview; undefined for anything malformed. */
export function parseToExtension(raw: unknown): ToExtension | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'undo':
    case 'requestStats':
      return { type: raw.type };
    case 'rate':
      return isKey(raw.key) && isRating(raw.rating) ? { type: 'rate', key: raw.key, rating: raw.rating } : undefined;
    case 'openSource':
      return isKey(raw.key) ? { type: 'openSource', key: raw.key } : undefined;
    case 'setFilter': {
      const filter = parseFilter(raw.filter);
      return filter ? { type: 'setFilter', filter } : undefined;
    }
    case 'action':
      return typeof raw.action === 'string' && ACTIONS.includes(raw.action) ? { type: 'action', action: raw.action as ExtensionAction } : undefined;
    case 'viewError':
      return typeof raw.message === 'string' ? { type: 'viewError', message: raw.message.slice(0, 500) } : undefined;
    default:
      return undefined;
  }
}

/** What the webview makes of a message: the checked message, or what is wrong with it. */
export type WebviewInbox = { ok: true; message: ToWebview } | { ok: false; problem: string; ours: boolean };

/**
 * Checks a message from the extension. `ours` is false for messages that are not this protocol's
 * at all (other scripts may post to a page); a message of ours that fails says which field.
 */
export function inspectToWebview(raw: unknown): WebviewInbox {
  if (!isObject(raw) || (raw.type !== 'state' && raw.type !== 'stats')) return { ok: false, problem: 'not a flashcard message', ours: false };
  const problem = raw.type === 'state' ? viewStateProblem(raw.state) : statsProblem(raw.stats);
  if (problem !== undefined) return { ok: false, problem: `${raw.type} message: ${problem}`, ours: true };
  return { ok: true, message: raw.type === 'state' ? { type: 'state', state: raw.state as ViewState } : { type: 'stats', stats: raw.stats as StatsView } };
}

/** Checks a message from the extension; undefined for anything malformed. */
export function parseToWebview(raw: unknown): ToWebview | undefined {
  const inbox = inspectToWebview(raw);
  return inbox.ok ? inbox.message : undefined;
}

function parseFilter(raw: unknown): StudyFilterView | undefined {
  if (!isObject(raw) || listProblem(raw.tags, LIMITS.tags) !== undefined || listProblem(raw.difficulties, 3) !== undefined) return undefined;
  const tags = raw.tags as string[];
  const difficulties = raw.difficulties as string[];
  if (!difficulties.every((d) => DIFFICULTY_VALUES.includes(d))) return undefined;
  return { tags: [...tags], difficulties: [...difficulties] as CardDifficulty[] };
}

/** The first field of a state that is malformed or over its limit, named; undefined when it is fine. */
function viewStateProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'the state is not an object';
  const session = v.session;
  const available = v.available;
  const checks: [string, () => string | undefined][] = [
    ['counts', () => expect(isCounts(v.counts))],
    ['card', () => (v.card === null ? undefined : cardProblem(v.card))],
    ['intervals', () => expect(v.intervals === null || (Array.isArray(v.intervals) && v.intervals.length === 4 && v.intervals.every((x) => isText(x))))],
    ['canUndo', () => expect(typeof v.canUndo === 'boolean')],
    ['session', () => expect(isObject(session) && Array.isArray(session.answers) && session.answers.length === 4 && session.answers.every(isCount) && isCount(session.startedAt))],
    ['filter', () => expect(parseFilter(v.filter) !== undefined)],
    ['available', () => expect(isObject(available) && isCount(available.moreTags))],
    ['available.tags', () => (isObject(available) ? listProblem(available.tags, LIMITS.tags) : undefined)],
    ['available.difficulties', () => (isObject(available) ? listProblem(available.difficulties, 3) : undefined)],
    ['nextDueIn', () => expect(v.nextDueIn === undefined || isText(v.nextDueIn))],
    ['deckProblems', () => problemsProblem(v.deckProblems)],
    ['problemCount', () => expect(isCount(v.problemCount))],
    ['notice', () => expect(v.notice === undefined || (isObject(v.notice) && ['info', 'warning', 'error'].includes(String(v.notice.level)) && isText(v.notice.text)))],
    ['totalCards', () => expect(isCount(v.totalCards))],
  ];
  for (const [field, check] of checks) {
    const problem = check();
    if (problem !== undefined) return `${field} ${problem}`;
  }
  return undefined;
}

function cardProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'is not an object';
  const lists = ['tags', 'rules', 'snippets'] as const;
  for (const name of lists) {
    const problem = listProblem(v[name], LIMITS.cardList);
    if (problem !== undefined) return `${name} ${problem}`;
  }
  return expect(
    isKey(v.key) &&
      isText(v.deckName) &&
      isText(v.front) &&
      isText(v.back) &&
      (v.frontCode === undefined || isText(v.frontCode)) &&
      (v.code === undefined || isText(v.code)) &&
      typeof v.difficulty === 'string' &&
      DIFFICULTY_VALUES.includes(v.difficulty) &&
      (v.timestamp === undefined || isText(v.timestamp)) &&
      typeof v.canOpenSource === 'boolean' &&
      typeof v.kind === 'string' &&
      KINDS.includes(v.kind),
  );
}

function problemsProblem(v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'is not a list';
  if (v.length > LIMITS.problems) return `has ${v.length} entries (at most ${LIMITS.problems})`;
  return expect(v.every((p) => isObject(p) && isText(p.source) && isText(p.path) && isText(p.message)));
}

function statsProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'the statistics are not an object';
  return expect(
    Array.isArray(v.forecast) &&
      v.forecast.length <= 31 &&
      v.forecast.every((d) => isObject(d) && isText(d.label) && isCount(d.count)) &&
      isCount(v.reviewsToday) &&
      isCount(v.streakDays) &&
      isObject(v.retention) &&
      (v.retention.percent === null || (isCount(v.retention.percent) && v.retention.percent <= 100)) &&
      isCount(v.retention.reviews) &&
      isCounts(v.totals),
  );
}

function expect(ok: boolean): string | undefined {
  return ok ? undefined : 'is missing or malformed';
}

function isCounts(v: unknown): v is ViewState['counts'] {
  return isObject(v) && isCount(v.new) && isCount(v.learning) && isCount(v.review);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= LIMITS.text;
}

function isKey(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= LIMITS.key;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isRating(v: unknown): v is Rating {
  return v === 1 || v === 2 || v === 3 || v === 4;
}

/** Undefined for a list of at most `max` texts; else what is wrong with it. */
function listProblem(v: unknown, max: number): string | undefined {
  if (!Array.isArray(v)) return 'is not a list';
  if (v.length > max) return `has ${v.length} entries (at most ${max})`;
  return v.every((x) => isText(x)) ? undefined : 'holds an entry that is not text or is too long';
}
