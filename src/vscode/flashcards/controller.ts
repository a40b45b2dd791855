import * as vscode from 'vscode';
import { buildLibrary, isOpenableUrl, type Library } from '../../flashcards/library';
import { emptyProgress, type Progress } from '../../flashcards/progress';
import { mergeProgress } from '../../flashcards/progressMerge';
import type { ProgressStore, StoreNotice } from '../../flashcards/progressStore';
import { Scheduler } from '../../flashcards/scheduler';
import { emptyViewState, StudySession } from '../../flashcards/session';
import { inspectToWebview, type Rating, type ToExtension, type ToWebview, type ViewState } from '../../shared/protocol';
import { describeError } from '../logger';
import { loadLibrary } from './deckLoader';
import { readDeckPaths, readFlashcardSettings } from './flashcardConfig';
import type { PlayerView } from './playerView';

type Notice = NonNullable<ViewState['notice']>;

/**
 * Glue between the player view, the pure study session and storage: loads decks and progress,
 * answers the view's messages, saves after every answer, and keeps the view current as cards
 * come due. All study logic is in `StudySession`.
 */
export class FlashcardController implements vscode.Disposable {
  private session: StudySession;
  private notice: Notice | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  private dueTimer: NodeJS.Timeout | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly view: PlayerView,
    private readonly store: ProgressStore,
    private readonly globalDecks: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly onAction: (action: 'importAnki' | 'exportAnki' | 'openDecksFolder') => void,
  ) {
    this.session = this.newSession(emptyProgress(), buildLibrary([]));
    this.ready = this.load();
  }

  /** Reads progress and decks, as a new window does. Never rejects: failures show in the view and the log. */
  private async load(): Promise<void> {
    try {
      const loaded = await this.store.load();
      this.tell(loaded.notices);
      this.session = this.newSession(loaded.progress, await this.readLibrary());
    } catch (err) {
      this.log.error(`Flashcards could not load: ${describeError(err)}`);
      this.notice = { level: 'error', text: 'Flashcards could not load; see the "Async Coach" output.' };
    }
    this.push();
  }

  /** Shows what the store reported in the view and the log; warnings also as a notification. */
  private tell(notices: readonly StoreNotice[]): void {
    if (notices.length === 0) return;
    const text = notices.map((n) => n.text).join(' ');
    const level = notices.some((n) => n.level === 'warning') ? 'warning' : 'info';
    this.notice = { level, text };
    for (const n of notices) this.log.warn(`Flashcards: ${n.text}`);
    if (level === 'warning') void vscode.window.showWarningMessage(`Async Coach: ${text}`);
  }

  /** Takes in what other windows saved (the view shown again, the window focused again). */
  async refresh(): Promise<void> {
    await this.ready;
    if (this.store.isReadOnly()) return;
    this.saving = this.saving.then(async () => {
      try {
        const mine = this.session.getProgress();
        this.adopt(mine, await this.store.refresh(mine));
      } catch (err) {
        this.log.warn(`Flashcard progress could not be re-read: ${describeError(err)}`);
      }
    });
    await this.saving;
    this.push();
  }

  library(): Promise<Library> {
    return this.readLibrary();
  }

  async reloadDecks(): Promise<void> {
    await this.ready;
    this.session.setLibrary(await this.readLibrary());
    this.push();
  }

  settingsChanged(): void {
    const s = readFlashcardSettings();
    this.session.setSettings({ newPerDay: s.newCardsPerDay, learnAheadMinutes: s.learnAheadMinutes }, new Scheduler({ desiredRetention: s.desiredRetention }));
    void this.reloadDecks();
  }

  /** Opens the player; with `cardIdOrKey`, on that card. Returns the key shown, if any. */
  async open(cardIdOrKey?: string): Promise<string | undefined> {
    await this.ready;
    let key: string | undefined;
    if (cardIdOrKey !== undefined) {
      key = this.resolveKey(cardIdOrKey);
      if (!key || !this.session.pin(key)) {
        void vscode.window.showWarningMessage(`Async Coach: no flashcard with the id "${cardIdOrKey}" in the loaded decks.`);
        return undefined;
      }
    }
    this.push();
    await this.view.show();
    this.push();
    return key ?? this.session.queue(new Date()).next?.ref.key;
  }

  /** The view state as the webview last got it (for the integration tests and for debugging). */
  async snapshot(): Promise<{ ready: boolean; state: ViewState; progressFile: string }> {
    await this.ready;
    await this.saving;
    return { ready: this.view.isReady(), state: this.viewState(new Date()), progressFile: this.store.fileLocation() };
  }

  handle(message: ToExtension): void {
    switch (message.type) {
      case 'ready':
        this.push();
        void this.refresh();
        return;
      case 'viewError':
        this.log.error(`Flashcards: the view could not show an update: ${message.message}`);
        return;
      case 'rate':
        void this.rate(message.key, message.rating);
        return;
      case 'undo':
        if (this.session.undo() !== undefined) void this.persist();
        this.push();
        return;
      case 'setFilter':
        this.session.setFilter(message.filter);
        this.push();
        return;
      case 'requestStats':
        void this.ready.then(() => this.view.post({ type: 'stats', stats: this.session.stats(new Date()) }));
        return;
      case 'openSource':
        void this.openSource(message.key);
        return;
      case 'action':
        if (message.action === 'reloadDecks') void this.reloadDecks();
        else this.onAction(message.action);
        return;
    }
  }

  /** Answers the card on screen (the view's buttons, and the test hook). */
  async rate(key: string, rating: Rating): Promise<boolean> {
    await this.ready;
    let done = false;
    try {
      done = this.session.rate(key, rating, new Date());
    } catch (err) {
      this.log.error(`Flashcards: answering ${key} failed: ${describeError(err)}`);
      this.notice = { level: 'error', text: 'That answer could not be recorded; see the "Async Coach" output.' };
    }
    if (done) await this.persist();
    this.push();
    return done;
  }

  dispose(): void {
    clearTimeout(this.dueTimer);
  }

  private async persist(): Promise<void> {
    this.saving = this.saving.then(async () => {
      try {
        // Read when the save runs, not when it was asked for: a refresh queued before it may have
        // taken in another window's answers, which an older copy would undo in the merge.
        const mine = this.session.getProgress();
        const saved = await this.store.save(mine);
        this.adopt(mine, saved.progress);
        this.tell(saved.notices);
      } catch (err) {
        this.log.error(`Flashcard progress was not saved: ${describeError(err)}`);
        this.notice = { level: 'error', text: 'Your last answer could not be saved; see the "Async Coach" output.' };
      }
    });
    await this.saving;
  }

  /**
   * Takes the stored result of `sent` back into the session, keeping any answer (or undo) given
   * while the store was busy: those are the changes from `sent` to what the session holds now.
   */
  private adopt(sent: Progress, stored: Progress): void {
    const now = this.session.getProgress();
    this.session.adoptProgress(now === sent ? stored : mergeProgress(sent, now, stored));
  }

  /** Posts the view state. Never throws: a failure becomes an error state in the view and a log line. */
  private push(): void {
    const now = new Date();
    const message: ToWebview = { type: 'state', state: this.viewState(now) };
    // The view checks every message against the protocol's limits; a refusal here is a bug to log.
    const checked = inspectToWebview(message);
    if (!checked.ok) this.log.error(`Flashcards: the view state does not fit the protocol: ${checked.problem}`);
    this.view.post(message);
    // Wake up when the next card comes due, so the counts and the card appear without a click.
    clearTimeout(this.dueTimer);
    let next: number | undefined;
    try {
      next = this.session.queue(now).nextDueAt;
    } catch {
      next = undefined;
    }
    if (next !== undefined && this.view.isVisible()) {
      this.dueTimer = setTimeout(() => this.push(), Math.min(Math.max(next - now.getTime() + 500, 1_000), 6 * 3_600_000));
    }
  }

  private viewState(now: Date): ViewState {
    try {
      return this.session.view(now, this.extra());
    } catch (err) {
      this.log.error(`Flashcards: the view could not be built: ${describeError(err)}`);
      return emptyViewState({ level: 'error', text: 'The flashcards could not be shown; see the "Async Coach" output.' });
    }
  }

  private extra(): Pick<ViewState, 'notice'> {
    const notice = this.store.isReadOnly() && !this.notice ? ({ level: 'warning', text: 'Progress is not being saved (written by a newer Async Coach).' } as const) : this.notice;
    return notice ? { notice } : {};
  }

  private resolveKey(idOrKey: string): string | undefined {
    const cards = this.session.cards();
    if (cards.some((c) => c.key === idOrKey)) return idOrKey;
    return cards.find((c) => c.card.id === idOrKey)?.key;
  }

  private async openSource(key: string): Promise<void> {
    await this.ready;
    const url = this.session.sourceUrl(key);
    if (!url || !isOpenableUrl(url)) {
      this.log.warn(`Flashcards: refused to open a source link for ${key}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private async readLibrary(): Promise<Library> {
    return loadLibrary(this.globalDecks, readDeckPaths());
  }

  private newSession(progress: Progress, library: Library): StudySession {
    const s = readFlashcardSettings();
    const onSchedulerError = (key: string, err: unknown): void => this.log.error(`Flashcards: the scheduler could not use the progress of ${key}: ${describeError(err)}`);
    return new StudySession(progress, library, new Scheduler({ desiredRetention: s.desiredRetention }), { newPerDay: s.newCardsPerDay, learnAheadMinutes: s.learnAheadMinutes }, new Date(), onSchedulerError);
  }
}
