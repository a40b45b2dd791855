import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzeOptions } from '../analysis/analyzer';
import type { RuleCode, Severity } from '../analysis/types';
import { isTestFile } from '../analysis/workspace/testFiles';
import { ExcludeMatcher } from './exclude';
import { findPyproject, type FoundPyproject } from './pyproject';

/**
 * What the caller's own configuration says on top of pyproject.toml: the CLI's flags, or the
 * editor's settings. Absent fields leave the file's value in place.
 */
export interface ConfigOverrides {
  /** Replaces the file's `select`. */
  select?: ReadonlySet<RuleCode>;
  /** Added to the file's `extend-select`: on top of the selection, or of the default rules (how an off-by-default rule joins them). */
  extendSelect?: ReadonlySet<RuleCode>;
  /** Added to the file's `ignore`. */
  ignore?: ReadonlySet<RuleCode>;
  /** Per rule, wins over the file's `severity`. */
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** `pyXY`, wins over the file's `target-version` (and its `requires-python`). */
  targetVersion?: string;
  /** Turns on ACO101's bare awaits (a `true` here or in the file turns it on). */
  includeBareAwaits?: boolean;
  /** Turns on the concurrency suggestions in test files (a `true` here or in the file turns it on). */
  concurrencyInTests?: boolean;
  /**
   * The folder test files are recognised from when no pyproject.toml governs the file (the workspace
   * folder, the folder given to the CLI): `tests/` above it does not make everything a test.
   */
  root?: string;
}

/**
 * The pyproject.toml configuration for each directory, found by walking up from a file and cached
 * per directory, merged with the caller's overrides. The CLI and the editor share it, so a project's
 * `[tool.async-coach]` means the same in both; the editor's settings win over the file.
 */
export class ProjectConfig {
  private readonly byDir = new Map<string, FoundPyproject | undefined>();
  private readonly matchers = new Map<string, ExcludeMatcher>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly warn: (line: string) => void,
    private readonly readFile: (file: string) => string | undefined = readTextIfExists,
    /** One configuration for every file (the CLI's `--config`), instead of the nearest pyproject.toml. */
    private readonly fixed?: FoundPyproject,
  ) {}

  /** Forgets every file read so far (a pyproject.toml was created, changed or deleted). */
  clear(): void {
    this.byDir.clear();
    this.matchers.clear();
    this.warned.clear();
  }

  /** The pyproject.toml that governs files in `dir`, if any. */
  pyprojectFor(dir: string): FoundPyproject | undefined {
    const key = path.resolve(dir);
    if (this.byDir.has(key)) return this.byDir.get(key);
    const found = this.fixed ?? findPyproject(key, this.readFile);
    this.byDir.set(key, found);
    if (found && !this.warned.has(found.path)) {
      this.warned.add(found.path);
      for (const w of found.warnings) this.warn(`${found.path}: warning: ${w}`);
    }
    return found;
  }

  /** True when the file or folder is excluded by the `exclude` of the pyproject.toml that governs it. */
  isExcluded(file: string): boolean {
    const found = this.pyprojectFor(path.dirname(path.resolve(file)));
    const patterns = found?.config.exclude;
    if (!found || !patterns || patterns.length === 0) return false;
    let matcher = this.matchers.get(found.path);
    if (!matcher) this.matchers.set(found.path, (matcher = new ExcludeMatcher(patterns)));
    const relative = path.relative(found.dir, path.resolve(file));
    return !relative.startsWith('..') && matcher.matches(relative);
  }

  /** Analysis options for one file: its pyproject.toml merged with the caller's overrides. */
  optionsFor(file: string, overrides: ConfigOverrides = {}): AnalyzeOptions {
    const found = this.pyprojectFor(path.dirname(path.resolve(file)));
    const config = found?.config ?? {};
    const select = overrides.select ?? (config.select ? new Set<RuleCode>(config.select) : undefined);
    const extendSelect = new Set<RuleCode>([...(config.extendSelect ?? []), ...(overrides.extendSelect ?? [])]);
    const ignore = new Set<RuleCode>([...(config.ignore ?? []), ...(overrides.ignore ?? [])]);
    const severity = { ...config.severity, ...overrides.severity };
    const targetVersion = overrides.targetVersion ?? config.targetVersion;
    const projectRoot = found?.dir ?? overrides.root;
    const testFile = isTestFile(projectRoot ? path.relative(projectRoot, path.resolve(file)) : path.basename(file));
    return {
      ...(testFile ? { testFile } : {}),
      ...(overrides.includeBareAwaits || config.includeBareAwaits ? { includeBareAwaits: true } : {}),
      ...(overrides.concurrencyInTests || config.concurrencyInTests ? { concurrencyInTests: true } : {}),
      ...(select ? { select } : {}),
      ...(extendSelect.size > 0 ? { extendSelect } : {}),
      ...(ignore.size > 0 ? { ignore } : {}),
      ...(Object.keys(severity).length > 0 ? { severity } : {}),
      ...(targetVersion ? { targetVersion } : {}),
    };
  }
}

function readTextIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
