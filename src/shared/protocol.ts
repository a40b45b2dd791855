/**
 * The one message protocol between the extension and the flashcard webview. Both sides import
 * these types, and both run every incoming message through a parser below: a webview is a web
 * page, so what arrives is `unknown` until checked.
 */

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
  /** A built-in example program whose timeline the card can show ("See it run"). */
  timeline?: string;
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
  available: { tags: string[]; difficulties: CardDifficulty[] };
  /** When nothing is left: how long until the next card is due (`8m`, `1d`). */
  nextDueIn?: string;
  deckProblems: DeckProblem[];
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
  | { type: 'showTimeline'; key: string }
  | { type: 'requestStats' }
  | { type: 'action'; action: ExtensionAction };

/** Extension -> webview. */
export type ToWebview = { type: 'state'; state: ViewState } | { type: 'stats'; stats: StatsView };

const DIFFICULTY_VALUES: readonly string[] = ['easy', 'medium', 'hard'];
const KINDS: readonly string[] = ['new', 'learning', 'review', 'learn-ahead', 'pinned'];
const ACTIONS: readonly string[] = ['importAnki', 'exportAnki', 'openDecksFolder', 'reloadDecks'];
const MAX_TEXT = 10_000;

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
    case 'showTimeline':
      return isKey(raw.key) ? { type: raw.type, key: raw.key } : undefined;
    case 'setFilter': {
      const filter = parseFilter(raw.filter);
      return filter ? { type: 'setFilter', filter } : undefined;
    }
    case 'action':
      return typeof raw.action === 'string' && ACTIONS.includes(raw.action) ? { type: 'action', action: raw.action as ExtensionAction } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the extension; undefined for anything malformed. */
export function parseToWebview(raw: unknown): ToWebview | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.type === 'state' && isViewState(raw.state)) return { type: 'state', state: raw.state };
  if (raw.type === 'stats' && isStats(raw.stats)) return { type: 'stats', stats: raw.stats };
  return undefined;
}

function parseFilter(raw: unknown): StudyFilterView | undefined {
  if (!isObject(raw) || !isStringArray(raw.tags, 100) || !isStringArray(raw.difficulties, 3)) return undefined;
  if (!raw.difficulties.every((d) => DIFFICULTY_VALUES.includes(d))) return undefined;
  return { tags: [...raw.tags], difficulties: [...raw.difficulties] as CardDifficulty[] };
}

function isViewState(v: unknown): v is ViewState {
  if (!isObject(v)) return false;
  const s = v as Partial<Record<keyof ViewState, unknown>>;
  const session = s.session;
  return (
    isCounts(s.counts) &&
    (s.card === null || isCardView(s.card)) &&
    (s.intervals === null || (Array.isArray(s.intervals) && s.intervals.length === 4 && s.intervals.every((x) => isText(x)))) &&
    typeof s.canUndo === 'boolean' &&
    isObject(session) &&
    Array.isArray(session.answers) &&
    session.answers.length === 4 &&
    session.answers.every(isCount) &&
    isCount(session.startedAt) &&
    parseFilter(s.filter) !== undefined &&
    isObject(s.available) &&
    isStringArray(s.available.tags, 1000) &&
    isStringArray(s.available.difficulties, 3) &&
    (s.nextDueIn === undefined || isText(s.nextDueIn)) &&
    Array.isArray(s.deckProblems) &&
    s.deckProblems.every((p) => isObject(p) && isText(p.source) && typeof p.path === 'string' && isText(p.message)) &&
    (s.notice === undefined || (isObject(s.notice) && ['info', 'warning', 'error'].includes(String(s.notice.level)) && isText(s.notice.text))) &&
    isCount(s.totalCards)
  );
}

function isCardView(v: unknown): v is CardView {
  if (!isObject(v)) return false;
  return (
    isKey(v.key) &&
    isText(v.deckName) &&
    isText(v.front) &&
    isText(v.back) &&
    (v.frontCode === undefined || isText(v.frontCode)) &&
    (v.code === undefined || isText(v.code)) &&
    typeof v.difficulty === 'string' &&
    DIFFICULTY_VALUES.includes(v.difficulty) &&
    isStringArray(v.tags, 100) &&
    isStringArray(v.rules, 100) &&
    isStringArray(v.snippets, 100) &&
    (v.timestamp === undefined || isText(v.timestamp)) &&
    typeof v.canOpenSource === 'boolean' &&
    typeof v.kind === 'string' &&
    KINDS.includes(v.kind) &&
    (v.timeline === undefined || isKey(v.timeline))
  );
}

function isStats(v: unknown): v is StatsView {
  if (!isObject(v)) return false;
  return (
    Array.isArray(v.forecast) &&
    v.forecast.every((d) => isObject(d) && isText(d.label) && isCount(d.count)) &&
    isCount(v.reviewsToday) &&
    isCount(v.streakDays) &&
    isObject(v.retention) &&
    (v.retention.percent === null || (isCount(v.retention.percent) && v.retention.percent <= 100)) &&
    isCount(v.retention.reviews) &&
    isCounts(v.totals)
  );
}

function isCounts(v: unknown): v is ViewState['counts'] {
  return isObject(v) && isCount(v.new) && isCount(v.learning) && isCount(v.review);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

function isKey(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isRating(v: unknown): v is Rating {
  return v === 1 || v === 2 || v === 3 || v === 4;
}

function isStringArray(v: unknown, max: number): v is string[] {
  return Array.isArray(v) && v.length <= max && v.every((x) => isText(x));
}
