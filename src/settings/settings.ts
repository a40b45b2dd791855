/**
 * The editor's settings as the analysis and the adapters use them, whatever the user typed.
 * `normalizeSettings` turns the raw `asyncCoach.*` configuration into this, falling back to
 * defaults for anything missing or malformed, so a typo in settings.json never stops linting.
 */
import { ALL_RULES, isRuleCode } from '../analysis/rules';
import type { RuleCode, Severity } from '../analysis/types';

export type RunMode = 'onType' | 'onSave';

/** A rule's severity as users set it: one of the four, or off. */
export type SeveritySetting = Severity | 'off';

/** `pyXY`, or `auto` to take it from pyproject.toml (`target-version`, else `requires-python`). */
export type TargetVersionSetting = 'auto' | `py3${number}`;

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Milliseconds to wait after the last keystroke before analysing (onType). */
  debounceMs: number;
  /** Per-rule overrides; rules not listed keep their default (or pyproject's) severity. */
  severity: Partial<Record<RuleCode, SeveritySetting>>;
  targetVersion: TargetVersionSetting;
  /** Glob patterns (relative to the workspace folder) of files not to lint. */
  exclude: string[];
  /** ACO101 also counts bare `await call()` statements (off: they are often ordered side effects). */
  includeBareAwaits: boolean;
  /** ACO101/ACO102 also run in test files (off: test setup is ordered on purpose). */
  concurrencyInTests: boolean;
  /** Offer the TaskGroup rewrite first (and on fix-all) where the target is 3.11+. */
  preferTaskGroup: boolean;
  /** Larger files are not analysed in the editor (they would stall typing); the log says so. */
  maxFileSizeKb: number;
  /** The workspace's Python interpreter (empty: python3 from PATH); see settings/pythonPath.ts. */
  pythonPath: string;
  /** How long a program may run under the tracer (seconds). */
  timelineTimeoutSeconds: number;
  /** Open the challenge walkthrough the first time Async Coach runs. */
  openWalkthroughOnFirstRun: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  debounceMs: 200,
  severity: {},
  targetVersion: 'auto',
  exclude: [],
  includeBareAwaits: false,
  concurrencyInTests: false,
  preferTaskGroup: false,
  maxFileSizeKb: 2048,
  pythonPath: '',
  timelineTimeoutSeconds: 30,
  openWalkthroughOnFirstRun: true,
});

/**
 * Configuration keys under `asyncCoach.` and the Settings field each one feeds. A unit test checks
 * this list against the manifest, so a contributed setting cannot go unread.
 */
export const SETTING_KEYS = {
  enable: 'enable',
  run: 'run',
  debounceMs: 'debounceMs',
  severity: 'severity',
  targetVersion: 'targetVersion',
  exclude: 'exclude',
  'sequentialAwaits.includeBareAwaits': 'includeBareAwaits',
  concurrencyInTests: 'concurrencyInTests',
  'fixes.preferTaskGroup': 'preferTaskGroup',
  maxFileSizeKb: 'maxFileSizeKb',
  pythonPath: 'pythonPath',
  'timeline.timeoutSeconds': 'timelineTimeoutSeconds',
  'walkthrough.openOnFirstRun': 'openWalkthroughOnFirstRun',
} as const satisfies Record<string, keyof Settings>;

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads raw values keyed as in {@link SETTING_KEYS}. */
export function normalizeSettings(raw: Readonly<Record<string, unknown>>): Settings {
  return {
    enable: bool(raw.enable, DEFAULT_SETTINGS.enable),
    run: raw.run === 'onSave' || raw.run === 'onType' ? raw.run : DEFAULT_SETTINGS.run,
    debounceMs: clampNumber(raw.debounceMs, 0, 5000, DEFAULT_SETTINGS.debounceMs),
    severity: normalizeSeverity(raw.severity),
    targetVersion: typeof raw.targetVersion === 'string' && /^(auto|py3\d{1,2})$/.test(raw.targetVersion) ? (raw.targetVersion as TargetVersionSetting) : DEFAULT_SETTINGS.targetVersion,
    exclude: Array.isArray(raw.exclude) ? raw.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    includeBareAwaits: bool(raw['sequentialAwaits.includeBareAwaits'], DEFAULT_SETTINGS.includeBareAwaits),
    concurrencyInTests: bool(raw.concurrencyInTests, DEFAULT_SETTINGS.concurrencyInTests),
    preferTaskGroup: bool(raw['fixes.preferTaskGroup'], DEFAULT_SETTINGS.preferTaskGroup),
    maxFileSizeKb: clampNumber(raw.maxFileSizeKb, 1, 1_000_000, DEFAULT_SETTINGS.maxFileSizeKb),
    pythonPath: typeof raw.pythonPath === 'string' ? raw.pythonPath.trim() : DEFAULT_SETTINGS.pythonPath,
    timelineTimeoutSeconds: clampNumber(raw['timeline.timeoutSeconds'], 1, 3600, DEFAULT_SETTINGS.timelineTimeoutSeconds),
    openWalkthroughOnFirstRun: bool(raw['walkthrough.openOnFirstRun'], DEFAULT_SETTINGS.openWalkthroughOnFirstRun),
  };
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.round(value), min), max) : fallback;
}

/** Each entry of `asyncCoach.severity`, read leniently: any case, `info` for `information`. */
function severityEntries(value: unknown): { key: string; code: string; level: string; raw: unknown }[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([key, raw]) => {
    const level = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    return { key, code: key.trim().toUpperCase(), level: level === 'info' ? 'information' : level, raw };
  });
}

/** Keeps the rules the analyzer has with known severities, drops the rest (see {@link severityProblems}). */
function normalizeSeverity(value: unknown): Partial<Record<RuleCode, SeveritySetting>> {
  const out: Partial<Record<RuleCode, SeveritySetting>> = {};
  for (const { code, level } of severityEntries(value)) {
    if (isRuleCode(code) && (SEVERITIES as readonly string[]).includes(level)) out[code] = level as SeveritySetting;
  }
  return out;
}

/**
 * What `asyncCoach.severity` holds that {@link normalizeSettings} has to drop: a code of no rule
 * (`ACO103`) or an unknown level. One line each, naming the setting, for the log and a notification.
 */
export function severityProblems(value: unknown): string[] {
  const problems: string[] = [];
  for (const { key, code, level, raw } of severityEntries(value)) {
    if (!isRuleCode(code)) {
      problems.push(`asyncCoach.severity: "${key}" is not an Async Coach rule code (the rules are ${ALL_RULES.map((r) => r.meta.code).join(', ')}); it is ignored`);
    } else if (!(SEVERITIES as readonly string[]).includes(level)) {
      problems.push(`asyncCoach.severity: ${code} is set to ${JSON.stringify(raw)}, not one of ${SEVERITIES.join(', ')}; its default applies`);
    }
  }
  return problems;
}
