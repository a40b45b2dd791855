import { PROTOCOL_LIMITS, type CardDifficulty, type CardView, type DeckProblem, type Rating, type ViewState } from '../shared/protocol';
import { DIFFICULTIES } from './deck';
import type { Library } from './library';
import type { Progress } from './progress';
import { formatInterval, type Scheduler, type StoredCard } from './scheduler';
import { computeStats, type StudyStats } from './stats';
import { answer, buildQueue, undoAnswer, type CardRef, type QueueResult, type StudyFilter, type StudySettings, type UndoEntry } from './study';

const MAX_UNDO = 50;
/** Characters of a problem's file, place or message in the view (a path may be long). */
const MAX_PROBLEM_TEXT = 500;

/** Why a card was put up next: asked for from the editor, or brought back by undo. */
type PinReason = 'editor' | 'undo';

/**
 * One study session: the progress being changed, the undo stack, the filter and the card asked
 * for by "Study this". Pure (the clock is passed in), so the whole study loop is unit-tested;
 * the VS Code side only stores progress and posts `view()` to the webview.
 */
export class StudySession {
  private progress: Progress;
  private undoStack: UndoEntry[] = [];
  private readonly answers: [number, number, number, number] = [0, 0, 0, 0];
  private pinnedKey: string | undefined;
  private pinReason: PinReason = 'editor';
  private lastKey: string | undefined;
  private filter: StudyFilter = { tags: [], difficulties: [] };
  /** Every tag of the library, most used first (computed once per library: it can be 100,000). */
  private tagsByUse: string[];
  private libraryTags: ReadonlySet<string>;
  readonly startedAt: number;

  constructor(
    progress: Progress,
    private library: Library,
    private scheduler: Scheduler,
    private settings: StudySettings,
    now: Date,
    /** Told when the scheduler cannot use a card's stored state (the view still shows the card). */
    private readonly onSchedulerError: (key: string, err: unknown) => void = () => undefined,
  ) {
    this.progress = progress;
    this.startedAt = now.getTime();
    this.tagsByUse = tagsByUse(library);
    this.libraryTags = new Set(this.tagsByUse);
  }

  getProgress(): Progress {
    return this.progress;
  }

  setLibrary(library: Library): void {
    this.library = library;
    this.tagsByUse = tagsByUse(library);
    this.libraryTags = new Set(this.tagsByUse);
    if (this.pinnedKey !== undefined && !library.cards.some((c) => c.key === this.pinnedKey)) this.pinnedKey = undefined;
  }

  setSettings(settings: StudySettings, scheduler?: Scheduler): void {
    this.settings = settings;
    if (scheduler) this.scheduler = scheduler;
  }

  /** Takes progress back from storage after a save merged in another window's answers. */
  adoptProgress(progress: Progress): void {
    this.progress = progress;
  }

  cards(): readonly CardRef[] {
    return this.library.cards;
  }

  sourceUrl(key: string): string | undefined {
    return this.library.sourceUrls.get(key);
  }

  stats(now: Date): StudyStats {
    return computeStats(this.progress, this.library.cards.map((c) => c.key), now);
  }

  setFilter(filter: StudyFilter): void {
    this.filter = { tags: [...filter.tags], difficulties: [...filter.difficulties] };
  }

  /** Puts a card up next, due or not (`asyncCoach.studyCard`). False when no loaded deck has it. */
  pin(key: string): boolean {
    if (!this.library.cards.some((c) => c.key === key)) return false;
    this.pinnedKey = key;
    this.pinReason = 'editor';
    return true;
  }

  queue(now: Date): QueueResult {
    return buildQueue({
      cards: this.library.cards,
      progress: this.progress,
      now,
      settings: this.settings,
      filter: this.filter,
      ...(this.pinnedKey !== undefined ? { pinnedKey: this.pinnedKey } : {}),
      ...(this.lastKey !== undefined ? { avoidKey: this.lastKey } : {}),
    });
  }

  /**
   * Answers the current card. Ignored (false) unless `key` is the card on screen, so a keypress
   * that raced a change of card cannot rate the wrong one.
   */
  rate(key: string, rating: Rating, now: Date): boolean {
    if (this.queue(now).next?.ref.key !== key) return false;
    const { progress, undo } = answer(this.progress, key, rating, now, this.scheduler);
    this.progress = progress;
    this.undoStack.push(undo);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.answers[rating - 1] = (this.answers[rating - 1] ?? 0) + 1;
    if (this.pinnedKey === key) this.pinnedKey = undefined;
    this.lastKey = key;
    return true;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Takes back the last answer and shows that card again, as Anki does. */
  undo(): string | undefined {
    const entry = this.undoStack.pop();
    if (!entry) return undefined;
    this.progress = undoAnswer(this.progress, entry, this.scheduler);
    const i = entry.review.rating - 1;
    this.answers[i] = Math.max(0, (this.answers[i] ?? 0) - 1);
    this.pinnedKey = entry.key;
    this.pinReason = 'undo';
    this.lastKey = undefined;
    return entry.key;
  }

  /**
   * Everything the webview shows, as one message, within the protocol's limits: the most used
   * tags and the first problems, with counts of the rest.
   */
  view(now: Date, extra: Pick<ViewState, 'notice'> = {}): ViewState {
    const q = this.queue(now);
    const ref = q.next?.ref;
    let card: CardView | null = null;
    let intervals: ViewState['intervals'] = null;
    if (ref && q.next) {
      const c = ref.card;
      const stored = this.progress.cards[ref.key];
      // Undo brings a card back as what it is again (new, learning...), not as "opened from the editor".
      const kind = q.next.kind === 'pinned' && this.pinReason === 'undo' ? kindOf(stored) : q.next.kind;
      card = {
        key: ref.key,
        deckName: ref.deckName,
        front: c.front,
        back: c.back,
        difficulty: c.difficulty,
        tags: [...c.tags],
        rules: [...c.rules],
        snippets: [...c.snippets],
        canOpenSource: this.library.sourceUrls.has(ref.key),
        kind,
        ...(c.frontCode !== undefined ? { frontCode: c.frontCode } : {}),
        ...(c.code !== undefined ? { code: c.code } : {}),
        ...(c.source?.timestamp !== undefined ? { timestamp: c.source.timestamp } : {}),
      };
      intervals = this.intervals(ref.key, stored, now);
    }
    const difficulties = new Set<CardDifficulty>(this.library.cards.map((r) => r.card.difficulty));
    const offered = this.offeredTags();
    const problems = this.library.problems;
    const state: ViewState = {
      counts: q.counts,
      card,
      intervals,
      canUndo: this.canUndo(),
      session: { answers: [...this.answers], startedAt: this.startedAt },
      filter: { tags: [...this.filter.tags], difficulties: [...this.filter.difficulties] },
      available: { tags: offered.tags, difficulties: DIFFICULTIES.filter((d) => difficulties.has(d)), moreTags: offered.more },
      deckProblems: problems.slice(0, PROTOCOL_LIMITS.problems).map(clipProblem),
      problemCount: problems.length,
      totalCards: this.library.cards.length,
    };
    if (q.nextDueAt !== undefined) state.nextDueIn = formatInterval(q.nextDueAt - now.getTime());
    if (extra.notice) state.notice = extra.notice;
    return state;
  }

  /** The answer buttons' intervals; null (buttons without times) if the scheduler fails on this card. */
  private intervals(key: string, stored: StoredCard | undefined, now: Date): ViewState['intervals'] {
    try {
      const preview = this.scheduler.preview(stored, now);
      const label = (g: Rating): string => formatInterval(preview[g].card.due - now.getTime());
      return [label(1), label(2), label(3), label(4)];
    } catch (err) {
      this.onSchedulerError(key, err);
      return null;
    }
  }

  /**
   * The most used tags, as many as the protocol carries, always with the ones the filter chose;
   * `more` counts the library's tags left out.
   */
  private offeredTags(): { tags: string[]; more: number } {
    const picked = new Set(this.filter.tags.slice(0, PROTOCOL_LIMITS.tags));
    for (const tag of this.tagsByUse) {
      if (picked.size >= PROTOCOL_LIMITS.tags) break;
      picked.add(tag);
    }
    const shown = [...picked].filter((t) => this.libraryTags.has(t)).length;
    return { tags: [...picked].sort(), more: this.tagsByUse.length - shown };
  }
}

/** A state with no cards and one notice: what the view gets when nothing else can be built. */
export function emptyViewState(notice: NonNullable<ViewState['notice']>): ViewState {
  return {
    counts: { new: 0, learning: 0, review: 0 },
    card: null,
    intervals: null,
    canUndo: false,
    session: { answers: [0, 0, 0, 0], startedAt: 0 },
    filter: { tags: [], difficulties: [] },
    available: { tags: [], difficulties: [], moreTags: 0 },
    deckProblems: [],
    problemCount: 0,
    totalCards: 0,
    notice,
  };
}

function tagsByUse(library: Library): string[] {
  const uses = new Map<string, number>();
  for (const ref of library.cards) for (const t of ref.card.tags) uses.set(t, (uses.get(t) ?? 0) + 1);
  return [...uses.keys()].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

function kindOf(stored: StoredCard | undefined): CardView['kind'] {
  if (!stored || stored.state === 0) return 'new';
  return stored.state === 2 ? 'review' : 'learning';
}

function clipProblem(p: DeckProblem): DeckProblem {
  const clip = (text: string): string => (text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT - 1)}…` : text);
  return { source: clip(p.source), path: clip(p.path), message: clip(p.message) };
}
