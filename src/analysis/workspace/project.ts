import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzeOptions } from '../analyzer';
import { ProjectConfig, type ConfigOverrides } from '../../settings/projectConfig';
import { collectPythonFiles, type Collected, type DiscoveryFileSystem } from './discovery';
import type { FunctionSummary } from './effects';
import { moduleFingerprint } from './moduleFingerprint';
import { modulePathsOf } from './modulePaths';
import { WorkspaceIndex, type ModuleSummary } from './workspaceIndex';

/** What a {@link Project} asks of its surroundings; every field has a plain-Node default. */
export interface ProjectHost {
  /** Whether a file exists (asked of `__init__.py` files; the answer is cached until {@link Project.fileChanged}). */
  isFile?: (file: string) => boolean;
  /** The walk's file system (node's `fs.promises` by default). */
  fileSystem?: DiscoveryFileSystem;
  /** `[tool.async-coach]` per folder: the caller's, when it carries a `--config` or a warning channel. */
  config?: ProjectConfig;
}

/**
 * One Python project as every front end sees it (the CLI over its paths, the language server per
 * workspace folder, the editor): which files belong to it (ignored folders, `exclude`), the
 * `pyproject.toml` configuration of each, the module paths of each file, and the workspace index of
 * their summaries. File system access is passed in; watching is the caller's, who reports changes
 * with {@link fileChanged}.
 */
export class Project {
  readonly index = new WorkspaceIndex();
  readonly config: ProjectConfig;
  private roots: string[];
  private readonly isFile: (file: string) => boolean;
  private readonly fileSystem: DiscoveryFileSystem | undefined;
  private readonly packageDirs = new Map<string, boolean>();
  /** The module paths each file's summary is registered under, to move or remove them. */
  private readonly registered = new Map<string, string[]>();
  private readonly fingerprints = new Map<string, string>();
  /** Function summaries as text: an open document's unchanged functions keep their summary objects between edits. */
  private readonly functionTexts = new WeakMap<FunctionSummary, string>();

  /** @param roots absolute folders imports may start from (workspace folders, the CLI's folders) */
  constructor(roots: readonly string[], host: ProjectHost = {}) {
    this.roots = roots.map((r) => path.resolve(r));
    this.isFile = host.isFile ?? existsSync;
    this.fileSystem = host.fileSystem;
    this.config = host.config ?? new ProjectConfig(() => undefined);
  }

  /** The folders imports may start from. */
  get folders(): readonly string[] {
    return this.roots;
  }

  /** Replaces the folders (workspace folders added or removed); registered summaries stay until refreshed. */
  setFolders(roots: readonly string[]): void {
    this.roots = roots.map((r) => path.resolve(r));
  }

  /** True when the absolute file lies under one of the project's folders. */
  contains(file: string): boolean {
    return this.roots.some((root) => {
      const relative = path.relative(root, file);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  }

  /** The dotted module paths of a file, most likely first (the first one resolves its relative imports). */
  modulePaths(file: string): string[] {
    return modulePathsOf(path.resolve(file), this.roots, (dir) => this.isPackage(dir));
  }

  /**
   * The Python files under `inputs` (the project's folders by default), without ignored folders and
   * what `exclude` in a pyproject.toml leaves out; a file named explicitly is always kept.
   */
  discover(inputs: readonly string[] = this.roots, cwd: string = process.cwd()): Promise<Collected> {
    return collectPythonFiles(inputs, (p) => this.config.isExcluded(p), cwd, this.fileSystem);
  }

  /** Analysis options for a file: its pyproject.toml with the caller's overrides on top. */
  optionsFor(file: string, overrides: ConfigOverrides = {}): AnalyzeOptions {
    return this.config.optionsFor(file, overrides);
  }

  /** Declares the files about to be read: lookups into them answer `pending` until their summaries arrive. */
  expect(files: readonly string[]): void {
    this.index.expect(files.flatMap((f) => this.modulePaths(f)));
  }

  /** Records a file's summary under each of its module paths; true when other files may see a change. */
  setSummary(file: string, summary: ModuleSummary): boolean {
    const key = path.resolve(file);
    const fingerprint = moduleFingerprint(summary, (f) => this.functionText(f));
    const modules = this.modulePaths(key);
    const before = this.registered.get(key) ?? [];
    if (this.fingerprints.get(key) === fingerprint && sameList(before, modules)) return false;
    this.fingerprints.set(key, fingerprint);
    for (const old of before) if (!modules.includes(old)) this.index.delete(old);
    for (const mod of modules) this.index.set(mod, summary);
    this.registered.set(key, modules);
    return true;
  }

  /** Forgets a file (deleted, or no longer part of the project). */
  forget(file: string): void {
    const key = path.resolve(file);
    for (const mod of this.registered.get(key) ?? []) this.index.delete(mod);
    this.registered.delete(key);
    this.fingerprints.delete(key);
  }

  /**
   * Tells the project a file was created, changed or deleted: an `__init__.py` changes module paths,
   * a `pyproject.toml` the configuration. Returns what the caller should redo.
   */
  fileChanged(file: string): { modulePaths: boolean; config: boolean } {
    const name = path.basename(file);
    const modulePaths = name === '__init__.py' || name === '__init__.pyi';
    if (modulePaths) this.packageDirs.clear();
    const config = name === 'pyproject.toml';
    if (config) this.config.clear();
    return { modulePaths, config };
  }

  private isPackage(dir: string): boolean {
    let known = this.packageDirs.get(dir);
    if (known === undefined) {
      known = this.isFile(path.join(dir, '__init__.py'));
      this.packageDirs.set(dir, known);
    }
    return known;
  }

  private functionText(summary: FunctionSummary): string {
    let text = this.functionTexts.get(summary);
    if (text === undefined) this.functionTexts.set(summary, (text = JSON.stringify(summary)));
    return text;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
