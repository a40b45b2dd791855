import path from 'node:path';
import type { AnalyzeOptions } from '../analysis/analyzer';
import type { DocumentStatus } from '../editing/documentStatus';
import { ExcludeMatcher } from './exclude';
import type { ProjectConfig } from './projectConfig';
import { normalizeSettings, SETTING_KEYS, type Settings } from './settings';

/** The analysis options the editor's settings ask for (before pyproject.toml is merged in). */
export function analyzeOptions(settings: Settings): AnalyzeOptions {
  return {
    severity: settings.severity,
    // `auto` leaves the version to the project's pyproject.toml (and the engine's default).
    ...(settings.targetVersion === 'auto' ? {} : { targetVersion: settings.targetVersion }),
    includeBareAwaits: settings.includeBareAwaits,
    concurrencyInTests: settings.concurrencyInTests,
    preferTaskGroup: settings.preferTaskGroup,
  };
}

/**
 * Options for an open document: the file's pyproject.toml with the editor's settings on top. `file`
 * is its path on disk (undefined for an unsaved buffer), `folder` the workspace folder it lies in.
 */
export function documentOptions(config: ProjectConfig, settings: Settings, file: string | undefined, folder: string | undefined): AnalyzeOptions {
  const editor = analyzeOptions(settings);
  if (file === undefined) return editor;
  return {
    ...editor,
    ...config.optionsFor(file, {
      severity: settings.severity,
      ...(settings.targetVersion === 'auto' ? {} : { targetVersion: settings.targetVersion }),
      includeBareAwaits: settings.includeBareAwaits,
      concurrencyInTests: settings.concurrencyInTests,
      // Test files are recognised from the workspace folder when no pyproject.toml governs the file.
      ...(folder !== undefined ? { root: folder } : {}),
    }),
  };
}

/** Why a document is not analysed: its status (for the language status item) and a line for the log (none when turned off). */
export interface SkipReason {
  readonly status: DocumentStatus;
  readonly why?: string;
}

/**
 * Why an open document is not analysed, or undefined: turned off, too large for typing to stay
 * responsive, excluded by `asyncCoach.exclude` or by its pyproject.toml.
 */
export class DocumentGate {
  /** `asyncCoach.exclude` compiled once, until the patterns change. */
  private settingsExclude: { patterns: string; matcher: ExcludeMatcher } | undefined;

  reasonToSkip(settings: Settings, chars: number, config: ProjectConfig, file: string | undefined, folder: string | undefined): SkipReason | undefined {
    if (!settings.enable) return { status: { kind: 'disabled' } };
    if (chars > settings.maxFileSizeKb * 1024) {
      const sizeKb = Math.round(chars / 1024);
      return { status: { kind: 'tooLarge', sizeKb, limitKb: settings.maxFileSizeKb }, why: `${sizeKb} KB is over asyncCoach.maxFileSizeKb (${settings.maxFileSizeKb} KB); the CLI still checks it` };
    }
    if (file !== undefined && folder !== undefined && settings.exclude.length > 0 && this.matcher(settings.exclude).matches(path.relative(folder, file))) {
      return { status: { kind: 'excluded', by: 'setting' }, why: 'matches asyncCoach.exclude' };
    }
    if (file !== undefined && config.isExcluded(file)) return { status: { kind: 'excluded', by: 'pyproject' }, why: 'excluded by `exclude` in its pyproject.toml' };
    return undefined;
  }

  private matcher(patterns: readonly string[]): ExcludeMatcher {
    const key = patterns.join('\u0000');
    if (this.settingsExclude?.patterns !== key) this.settingsExclude = { patterns: key, matcher: new ExcludeMatcher(patterns) };
    return this.settingsExclude.matcher;
  }
}

/**
 * Settings from a nested `asyncCoach` object, as LSP clients send them (`{ fixes: { preferTaskGroup: true } }`),
 * or with dotted keys (`{ "fixes.preferTaskGroup": true }`); anything else falls back to the defaults.
 */
export function settingsFromObject(section: unknown): Settings {
  const raw: Record<string, unknown> = {};
  const object = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  for (const key of Object.keys(SETTING_KEYS)) {
    if (key in object) {
      raw[key] = object[key];
      continue;
    }
    let value: unknown = object;
    for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    raw[key] = value;
  }
  return normalizeSettings(raw);
}
