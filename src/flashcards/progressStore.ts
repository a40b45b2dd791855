import { emptyProgress, loadProgress, type LoadResult, type Progress } from './progress';
import { mergeProgress } from './progressMerge';

/** Synced with Settings Sync: progress follows the learner to other machines. */
export const PROGRESS_KEY = 'asyncCoach.flashcards.progress';
/** Not synced: the raw data as it was before a migration, repair or reset, in case it is needed. */
export const BACKUP_KEY = 'asyncCoach.flashcards.progressBackup';

/** What the store needs of VS Code's `ExtensionContext.globalState` (so it is testable without VS Code). */
export interface SyncedMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
  setKeysForSync(keys: readonly string[]): void;
}

export interface StoreLog {
  warn(message: string): void;
}

/**
 * Progress in `globalState`. Loading never throws (see `loadProgress`); saving merges with what
 * storage holds now, so two windows studying at once do not overwrite each other's answers.
 */
export class ProgressStore {
  /** What this window last read or wrote: the merge base. */
  private base: Progress = emptyProgress();
  private readOnly = false;

  constructor(
    private readonly memento: SyncedMemento,
    private readonly log: StoreLog,
  ) {
    memento.setKeysForSync([PROGRESS_KEY]);
  }

  /** Reads progress; keeps a backup first when the stored data had to be changed. */
  async load(): Promise<LoadResult> {
    const raw: unknown = this.memento.get(PROGRESS_KEY);
    const result = loadProgress(raw);
    this.readOnly = result.readOnly;
    this.base = result.progress;
    if (result.backup) {
      await this.memento.update(BACKUP_KEY, { savedAt: new Date().toISOString(), status: result.status, data: raw });
      this.log.warn(`Flashcard progress ${result.status}; the previous value is kept under ${BACKUP_KEY}`);
    }
    if (result.status === 'migrated' || result.status === 'repaired' || result.status === 'reset') await this.write(result.progress);
    return result;
  }

  /** Saves `mine`, merged with any change another window made since the last load or save. */
  async save(mine: Progress): Promise<Progress> {
    if (this.readOnly) return mine;
    const stored = loadProgress(this.memento.get(PROGRESS_KEY));
    const merged = stored.status === 'ok' ? mergeProgress(this.base, mine, stored.progress) : mine;
    await this.write(merged);
    return merged;
  }

  isReadOnly(): boolean {
    return this.readOnly;
  }

  private async write(progress: Progress): Promise<void> {
    await this.memento.update(PROGRESS_KEY, progress);
    this.base = progress;
  }
}
