import type { CardDifficulty, CardView, Rating, ViewState } from '../shared/protocol';
import { DIFFICULTIES } from './deck';
import type { Library } from './library';
import type { Progress } from './progress';
import { formatInterval, type Scheduler } from './scheduler';
import { computeStats, type StudyStats } from './stats';
import { answer, buildQueue, undoAnswer, type CardRef, type QueueResult, type StudyFilter, type StudySettings, type UndoEntry } from './study';

const MAX_UNDO = 50;

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
  private lastKey: string | undefined;
  private filter: StudyFilter = { tags: [], difficulties: [] };
  readonly startedAt: number;

  constructor(
    progress: Progress,
    private library: Library,
    private scheduler: Scheduler,
    private settings: StudySettings,
    now: Date,
  ) {
    this.progress = progress;
    this.startedAt = now.getTime();
  }

  getProgress(): Progress {
    return this.progress;
  }

  setLibrary(library: Library): void {
    this.library = library;
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
    this.lastKey = undefined;
    return entry.key;
  }

  /** Everything the webview shows, as one message. */
  view(now: Date, extra: Pick<ViewState, 'notice'> = {}): ViewState {
    const q = this.queue(now);
    const ref = q.next?.ref;
    let card: CardView | null = null;
    let intervals: ViewState['intervals'] = null;
    if (ref && q.next) {
      const c = ref.card;
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
        kind: q.next.kind,
        ...(c.frontCode !== undefined ? { frontCode: c.frontCode } : {}),
        ...(c.code !== undefined ? { code: c.code } : {}),
        ...(c.source?.timestamp !== undefined ? { timestamp: c.source.timestamp } : {}),
        ...(c.timeline !== undefined ? { timeline: c.timeline } : {}),
      };
      const preview = this.scheduler.preview(this.progress.cards[ref.key], now);
      const label = (g: Rating): string => formatInterval(preview[g].card.due - now.getTime());
      intervals = [label(1), label(2), label(3), label(4)];
    }
    const tags = new Set<string>();
    const difficulties = new Set<CardDifficulty>();
    for (const r of this.library.cards) {
      r.card.tags.forEach((t) => tags.add(t));
      difficulties.add(r.card.difficulty);
    }
    const state: ViewState = {
      counts: q.counts,
      card,
      intervals,
      canUndo: this.canUndo(),
      session: { answers: [...this.answers], startedAt: this.startedAt },
      filter: { tags: [...this.filter.tags], difficulties: [...this.filter.difficulties] },
      available: { tags: [...tags].sort(), difficulties: DIFFICULTIES.filter((d) => difficulties.has(d)) },
      deckProblems: [...this.library.problems],
      totalCards: this.library.cards.length,
    };
    if (q.nextDueAt !== undefined) state.nextDueIn = formatInterval(q.nextDueAt - now.getTime());
    if (extra.notice) state.notice = extra.notice;
    return state;
  }
}
