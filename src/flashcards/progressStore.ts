import { emptyProgress, loadProgress, type LoadResult, type Progress } from './progress';
import type { ProgressFiles } from './progressFile';
import { combineProgress, mergeProgress } from './progressMerge';

/** Synced with Settings Sync: progress follows the learner to other machines. */
export const PROGRESS_KEY = 'asyncCoach.flashcards.progress';

/** What the store needs of VS Code's `ExtensionContext.globalState` (so it is testable without VS Code). */
export interface SyncedMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
  setKeysForSync(keys: readonly string[]): void;
}

export interface StoreLog {
  warn(message: string): void;
}

/** Something the learner should know about their progress (repaired, restored, kept aside). */
export interface StoreNotice {
  level: 'info' | 'warning';
  text: string;
}

export interface StoreResult {
  progress: Progress;
  notices: StoreNotice[];
}

/** Both stored copies, read and checked. */
interface Stored {
  progress: Progress;
  readOnly: boolean;
  /** True when the copies differ from `progress` or needed repair: both get rewritten. */
  stale: boolean;
  notices: StoreNotice[];
}

/**
 * Progress in two copies: `globalState` (synced by Settings Sync, but kept by the window's client:
 * a browser's storage on code-server) and Async Coach's file beside the extension host (see
 * `ProgressFiles`). Loading reads both and keeps everything either learned; saving merges with
 * what the copies hold now, so windows studying at the same time keep each other's answers.
 * Nothing unreadable is ever overwritten before a copy of it is kept in the backups folder.
 */
export class ProgressStore {
  /** What this window last read or wrote: the merge base. */
  private base: Progress = emptyProgress();
  private readOnly = false;

  constructor(
    private readonly memento: SyncedMemento,
    private readonly files: ProgressFiles,
    private readonly log: StoreLog,
  ) {
    memento.setKeysForSync([PROGRESS_KEY]);
  }

  /** Reads progress as a new window does; repairs, restores and backs up as needed, and says so. */
  async load(now: Date = new Date()): Promise<StoreResult> {
    const stored = await this.readStored(now, true);
    this.readOnly = stored.readOnly;
    this.base = stored.progress;
    if (stored.stale && !stored.readOnly) await this.write(stored.progress);
    return { progress: stored.progress, notices: stored.notices };
  }

  /** Saves `mine`, merged with any change another window made since the last load or save. */
  async save(mine: Progress, now: Date = new Date()): Promise<StoreResult> {
    if (this.readOnly) return { progress: mine, notices: [] };
    const stored = await this.readStored(now, true);
    if (stored.readOnly) {
      this.readOnly = true;
      return { progress: mine, notices: stored.notices };
    }
    const merged = mergeProgress(this.base, mine, stored.progress);
    await this.write(merged);
    return { progress: merged, notices: stored.notices };
  }

  /**
   * Takes in what other windows saved since this one last read or wrote, without writing (a
   * window coming back into focus, the player shown again).
   */
  async refresh(mine: Progress, now: Date = new Date()): Promise<Progress> {
    const stored = await this.readStored(now, false);
    const merged = mergeProgress(this.base, mine, stored.progress);
    this.base = stored.progress;
    return merged;
  }

  isReadOnly(): boolean {
    return this.readOnly;
  }

  /** Where the file copy lives, for the log and the tests. */
  fileLocation(): string {
    return this.files.location;
  }

  /**
   * Reads and checks both copies. With `keepCopies`, data that had to be changed (unreadable,
   * repaired, migrated) is first copied to the backups folder, since the next write replaces it.
   */
  private async readStored(now: Date, keepCopies: boolean): Promise<Stored> {
    const rawMemento: unknown = this.memento.get(PROGRESS_KEY);
    const fromMemento = loadProgress(rawMemento, now);
    let fromFile: LoadResult;
    try {
      const text = await this.files.read();
      fromFile = loadProgress(text === undefined ? undefined : parseJson(text), now);
    } catch (err) {
      // The file cannot be reached at all (permissions, I/O): go on with globalState alone.
      this.log.warn(`Flashcard progress file unreadable: ${err instanceof Error ? err.message : String(err)}`);
      fromFile = loadProgress(undefined, now);
    }
    const notices: StoreNotice[] = [];
    let keptNote = '';
    if (keepCopies && (fromMemento.backup || fromFile.backup)) {
      const kept = await this.keep([
        ...(fromMemento.backup ? [() => this.files.keepCopy(`vscode-storage-${fromMemento.status}`, safeStringify(rawMemento))] : []),
        ...(fromFile.backup ? [() => this.files.setAside(`file-${fromFile.status}`)] : []),
      ]);
      if (!kept) {
        const text = 'Your flashcard progress needs repair, but a backup of it could not be written, so nothing is saved this session (see the Async Coach log).';
        return { progress: (fromFile.backup ? fromMemento : fromFile).progress, readOnly: true, stale: false, notices: [{ level: 'warning', text }] };
      }
      keptNote = ' A copy of the old data was kept in the backups folder (see the Async Coach log).';
    }

    const newer = [fromMemento, fromFile].find((r) => r.status === 'newer');
    if (newer) return { progress: newer.progress, readOnly: true, stale: false, notices: [{ level: 'warning', text: newer.message ?? '' }] };

    const usable = [fromMemento, fromFile].filter((r) => r.status !== 'empty' && r.status !== 'reset');
    const progress = usable.length === 2 ? combineProgress(fromMemento.progress, fromFile.progress) : (usable[0]?.progress ?? emptyProgress());
    const unreadable = [fromMemento.status === 'reset' ? "VS Code's stored flashcard progress" : '', fromFile.status === 'reset' ? "Async Coach's copy of your progress on disk" : ''].filter((x) => x !== '');
    if (unreadable.length > 0) {
      const outcome = usable.length > 0 ? 'it was restored from the other copy.' : 'so progress starts over.';
      notices.push({ level: 'warning', text: `${unreadable.join(' and ')} could not be read; ${outcome}${keptNote}` });
    } else if (fromMemento.status === 'empty' && fromFile.status !== 'empty' && Object.keys(progress.cards).length > 0) {
      notices.push({ level: 'info', text: "Progress restored from Async Coach's copy on disk: VS Code's storage here had none." });
    }
    for (const r of usable) if (r.message && !notices.some((n) => n.text === r.message)) notices.push({ level: r.status === 'migrated' ? 'info' : 'warning', text: r.message });
    const same = (r: LoadResult): boolean => r.status === 'ok' && JSON.stringify(r.progress) === JSON.stringify(progress);
    const stale = usable.length > 0 && !(same(fromMemento) && same(fromFile));
    return { progress, readOnly: false, stale, notices };
  }

  /** Runs the backups; false (and logged) when one failed, and then nothing may be overwritten. */
  private async keep(backups: (() => Promise<string>)[]): Promise<boolean> {
    for (const backup of backups) {
      try {
        this.log.warn(`Flashcard progress: the previous data is kept in ${await backup()}`);
      } catch (err) {
        this.log.warn(`Flashcard progress: a backup could not be written: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      }
    }
    return true;
  }

  /** The file first (it is the copy every window of a server shares), then `globalState`. */
  private async write(progress: Progress): Promise<void> {
    try {
      await this.files.write(JSON.stringify(progress));
    } catch (err) {
      this.log.warn(`Flashcard progress could not be written to ${this.files.location}: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.memento.update(PROGRESS_KEY, progress);
    this.base = progress;
  }
}

/** Text that is not JSON (a truncated file) reads as this, which loadProgress calls unreadable. */
const NOT_JSON = 'not JSON';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}
