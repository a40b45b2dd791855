import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzeOptions } from '../analysis/analyzer';
import type { RuleCode } from '../analysis/types';
import { ExcludeMatcher } from '../settings/exclude';
import { findPyproject, type FoundPyproject } from '../settings/pyproject';
import type { CheckArgs } from './args';

/**
 * The pyproject.toml configuration for each directory the CLI visits, found by walking up and
 * cached per directory, merged with the command line: `--select` replaces the file's `select`,
 * `--ignore` adds to its `ignore`, `--target-version` wins over the file's.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, FoundPyproject | undefined>();
  private readonly matchers = new Map<string, ExcludeMatcher>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly args: CheckArgs,
    private readonly warn: (line: string) => void,
    private readonly readFile: (file: string) => string | undefined = readTextIfExists,
  ) {}

  /** The pyproject.toml that governs files in `dir`, if any. */
  pyprojectFor(dir: string): FoundPyproject | undefined {
    const key = path.resolve(dir);
    if (this.byDir.has(key)) return this.byDir.get(key);
    const found = findPyproject(key, this.readFile);
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

  /** Analysis options for one file: its pyproject.toml merged with the command line. */
  optionsFor(file: string): AnalyzeOptions {
    const config = this.pyprojectFor(path.dirname(path.resolve(file)))?.config ?? {};
    const select = this.args.select ?? (config.select ? new Set<RuleCode>(config.select) : undefined);
    const ignore = new Set<RuleCode>([...(config.ignore ?? []), ...(this.args.ignore ?? [])]);
    return {
      ...(select ? { select } : {}),
      ...(ignore.size > 0 ? { ignore } : {}),
      ...(config.severity ? { severity: config.severity } : {}),
      ...((this.args.targetVersion ?? config.targetVersion) ? { targetVersion: this.args.targetVersion ?? config.targetVersion } : {}),
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
