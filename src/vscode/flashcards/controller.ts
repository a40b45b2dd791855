import * as vscode from 'vscode';
import { buildLibrary, isOpenableUrl, type Library } from '../../flashcards/library';
import { emptyProgress } from '../../flashcards/progress';
import type { ProgressStore } from '../../flashcards/progressStore';
import { Scheduler } from '../../flashcards/scheduler';
import { StudySession } from '../../flashcards/session';
import type { Rating, ToExtension, ViewState } from '../../shared/protocol';
import { COMMANDS } from '../commandIds';
import { describeError } from '../logger';
import { loadLibrary } from './deckLoader';
import { readFlashcardSettings } from './flashcardConfig';
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

  /** Reads progress and decks, as a new window does. */
  private async load(): Promise<void> {
    try {
      const loaded = await this.store.load();
      if (loaded.message) {
        this.notice = { level: loaded.status === 'migrated' ? 'info' : 'warning', text: loaded.message };
        this.log.warn(`Flashcards: ${loaded.message}`);
        if (loaded.status !== 'migrated') void vscode.window.showWarningMessage(`Async Coach: ${loaded.message}`);
      }
      this.session = this.newSession(loaded.progress, await this.readLibrary());
    } catch (err) {
      this.log.error(`Flashcards could not load: ${describeError(err)}`);
      this.notice = { level: 'error', text: 'Flashcards could not load; see the "Async Coach" output.' };
    }
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
  async snapshot(): Promise<{ ready: boolean; state: ViewState }> {
    await this.ready;
    return { ready: this.view.isReady(), state: this.session.view(new Date(), this.extra()) };
  }

  handle(message: ToExtension): void {
    switch (message.type) {
      case 'ready':
        this.push();
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
      case 'showTimeline': {
        const example = this.session.cards().find((c) => c.key === message.key)?.card.timeline;
        if (example) void vscode.commands.executeCommand(COMMANDS.showTimelineExample, example);
        return;
      }
      case 'action':
        if (message.action === 'reloadDecks') void this.reloadDecks();
        else this.onAction(message.action);
        return;
    }
  }

  /** Answers the card on screen (the view's buttons, and the test hook). */
  async rate(key: string, rating: Rating): Promise<boolean> {
    await this.ready;
    const done = this.session.rate(key, rating, new Date());
    if (done) await this.persist();
    this.push();
    return done;
  }

  dispose(): void {
    clearTimeout(this.dueTimer);
  }

  private async persist(): Promise<void> {
    const progress = this.session.getProgress();
    this.saving = this.saving.then(async () => {
      try {
        this.session.adoptProgress(await this.store.save(progress));
      } catch (err) {
        this.log.error(`Flashcard progress was not saved: ${describeError(err)}`);
        this.notice = { level: 'error', text: 'Your last answer could not be saved; see the "Async Coach" output.' };
      }
    });
    await this.saving;
  }

  private push(): void {
    const now = new Date();
    this.view.post({ type: 'state', state: this.session.view(now, this.extra()) });
    // Wake up when the next card comes due, so the counts and the card appear without a click.
    clearTimeout(this.dueTimer);
    const next = this.session.queue(now).nextDueAt;
    if (next !== undefined && this.view.isVisible()) {
      this.dueTimer = setTimeout(() => this.push(), Math.min(Math.max(next - now.getTime() + 500, 1_000), 6 * 3_600_000));
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
    return loadLibrary(this.globalDecks, readFlashcardSettings().deckPaths);
  }

  private newSession(progress: ReturnType<typeof emptyProgress>, library: Library): StudySession {
    const s = readFlashcardSettings();
    return new StudySession(progress, library, new Scheduler({ desiredRetention: s.desiredRetention }), { newPerDay: s.newCardsPerDay, learnAheadMinutes: s.learnAheadMinutes }, new Date());
  }
}
