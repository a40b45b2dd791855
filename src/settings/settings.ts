/**
 * The extension's settings as the analysis and the adapters use them, whatever the user typed.
 * `normalizeSettings` turns the raw `asyncCoach.*` configuration object into this, falling back
 * to defaults for anything missing or malformed, so a typo in settings.json never breaks linting.
 */
export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Milliseconds to wait after the last keystroke before analysing (onType). */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  debounceMs: 200,
});

/** Keys read from the `asyncCoach` section; a unit test checks them against the manifest. */
export const SETTING_KEYS = ['enable', 'run', 'debounceMs'] as const satisfies readonly (keyof Settings)[];

export function normalizeSettings(raw: Readonly<Record<string, unknown>>): Settings {
  const run = raw.run === 'onSave' || raw.run === 'onType' ? raw.run : DEFAULT_SETTINGS.run;
  const debounce = typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) ? Math.min(Math.max(Math.round(raw.debounceMs), 0), 5000) : DEFAULT_SETTINGS.debounceMs;
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    run,
    debounceMs: debounce,
  };
}
