/**
 * What Async Coach did with one document, as its language status item shows it (next to
 * "Python" in the status bar): checking, checked with N problems, or why it was not checked.
 */
export type DocumentStatus =
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly problems: number }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'tooLarge'; readonly sizeKb: number; readonly limitKb: number }
  | { readonly kind: 'excluded'; readonly by: 'setting' | 'pyproject' }
  | { readonly kind: 'failed' };

/** How a status reads: VS Code shows `text` (with an icon), `detail` beside it, and colours it by `severity`. */
export interface StatusPresentation {
  readonly text: string;
  readonly detail: string;
  readonly severity: 'information' | 'warning' | 'error';
  readonly busy: boolean;
  /** The setting to open from the item, when a setting decides the state. */
  readonly setting?: string;
}

/** The words and icon for a status; `runMode` says when the file is checked again. */
export function presentStatus(status: DocumentStatus, runMode: 'onType' | 'onSave'): StatusPresentation {
  const when = runMode === 'onType' ? 'checked as you type' : 'checked when you save';
  switch (status.kind) {
    case 'checking':
      return { text: 'Async Coach: checking', detail: when, severity: 'information', busy: true };
    case 'checked':
      return status.problems === 0
        ? { text: 'Async Coach: no problems', detail: when, severity: 'information', busy: false }
        : { text: `Async Coach: ${status.problems} problem${status.problems === 1 ? '' : 's'}`, detail: `${when}; see the Problems panel`, severity: 'information', busy: false };
    case 'disabled':
      return { text: 'Async Coach: off', detail: 'asyncCoach.enable is false', severity: 'information', busy: false, setting: 'asyncCoach.enable' };
    case 'tooLarge':
      return {
        text: 'Async Coach: file too large',
        detail: `${status.sizeKb} KB is over asyncCoach.maxFileSizeKb (${status.limitKb} KB)`,
        severity: 'warning',
        busy: false,
        setting: 'asyncCoach.maxFileSizeKb',
      };
    case 'excluded':
      return status.by === 'setting'
        ? { text: 'Async Coach: excluded', detail: 'matches asyncCoach.exclude', severity: 'information', busy: false, setting: 'asyncCoach.exclude' }
        : { text: 'Async Coach: excluded', detail: 'matches `exclude` in its pyproject.toml', severity: 'information', busy: false };
    case 'failed':
      return { text: 'Async Coach: analysis failed', detail: 'the log says why', severity: 'error', busy: false };
  }
}
