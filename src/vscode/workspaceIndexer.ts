import * as vscode from 'vscode';
import { analyzeSource } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import type { FunctionSummary } from '../analysis/workspace/effects';
import { WorkspaceIndex, type ModuleSummary } from '../analysis/workspace/workspaceIndex';
import { candidateModulePaths } from '../editing/modulePaths';
import { describeError } from './logger';

/** Folders never indexed: virtualenvs, caches and dependencies hold no code of the user's. */
const EXCLUDE = '**/{.git,.hg,.venv,venv,.tox,.nox,node_modules,__pycache__,site-packages,.mypy_cache,.ruff_cache,build,dist}/**';
/** Above this many files, indexing shows a progress notification. */
const NOTIFY_ABOVE = 200;
/** Files summarised between two yields to the event loop, so the extension host stays responsive. */
const BATCH = 20;
/** Files larger than this are not summarised (generated code; the editor skips them too). */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Keeps a {@link WorkspaceIndex} of the workspace's Python modules: built in the background at
 * activation, updated by a file watcher (create, change, delete, rename) and by the analyses of open
 * documents, so a function turned into `async def` in `api.py` reaches the diagnostics of
 * `service.py`. Fires {@link onDidChange} when answers may have changed.
 */
export class WorkspaceIndexer implements vscode.Disposable {
  readonly index = new WorkspaceIndex();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the file whose summary changed (undefined after the initial build). */
  readonly onDidChange = this.changeEmitter.event;
  /** Directories (workspace-relative) holding an `__init__.py`, per workspace folder. */
  private readonly initDirs = new Map<string, Set<string>>();
  /** The module paths each file was registered under, to remove them on delete. */
  private readonly registered = new Map<string, string[]>();
  private readonly summaries = new Map<string, string>();
  /** Function summaries as text: an open document's unchanged functions keep their summary objects between keystrokes. */
  private readonly functionTexts = new WeakMap<FunctionSummary, string>();
  private building: Promise<void> | undefined;

  constructor(
    private readonly parser: PythonParser,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.changeEmitter);
  }

  /** Starts the background build and the file watcher. Resolves when the first build is done. */
  start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.refreshFromDisk(uri)),
      watcher.onDidChange((uri) => void this.refreshFromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.build()),
    );
    return this.build();
  }

  /** The module path to give the analysis of a document (for its relative imports). */
  modulePathOf(uri: vscode.Uri): string | undefined {
    return this.candidates(uri)?.[0];
  }

  /** Records the summary an analysis of an open document produced (fresher than the disk). */
  update(uri: vscode.Uri, summary: ModuleSummary): void {
    if (this.set(uri, summary)) this.changeEmitter.fire(uri);
  }

  private build(): Promise<void> {
    this.building = this.buildNow().catch((err: unknown) => this.log.error(`Workspace indexing failed: ${describeError(err)}`));
    return this.building;
  }

  private async buildNow(): Promise<void> {
    const started = performance.now();
    const files = await vscode.workspace.findFiles('**/*.py', EXCLUDE);
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.initDirs.set(folder.uri.toString(), new Set());
    for (const file of files) {
      if (file.path.endsWith('/__init__.py')) this.initDirSet(file)?.add(this.relativeDir(file));
    }
    // Lookups into modules not read yet answer "pending" (no finding) instead of "unknown".
    this.index.expect(files.flatMap((f) => this.candidates(f) ?? []));
    const work = async (report?: (done: number) => void): Promise<void> => {
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        if (file) await this.refreshFromDisk(file, false);
        if (i % BATCH === BATCH - 1) {
          report?.(i + 1);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    };
    if (files.length > NOTIFY_ABOVE) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Async Coach: indexing Python files' }, async (progress) => {
        let last = 0;
        await work((done) => {
          progress.report({ message: `${done} of ${files.length}`, increment: ((done - last) / files.length) * 100 });
          last = done;
        });
      });
    } else {
      await work();
    }
    this.log.info(`Indexed ${files.length} Python files (${this.index.size} modules) in ${(performance.now() - started).toFixed(0)} ms`);
    this.changeEmitter.fire(undefined);
  }

  /**
   * Re-summarises a file from disk, unless it has unsaved edits in an editor (then the editor's
   * analysis of the document is fresher). A document VS Code merely still holds is not fresher.
   */
  private async refreshFromDisk(uri: vscode.Uri, notify = true): Promise<void> {
    if (vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri.toString())) return;
    if (uri.path.endsWith('/__init__.py')) this.initDirSet(uri)?.add(this.relativeDir(uri));
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_BYTES || bytes.includes(0)) return;
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      const { summary } = analyzeSource(this.parser, text, { rules: [], modulePath: this.modulePathOf(uri) });
      if (this.set(uri, summary) && notify) this.changeEmitter.fire(uri);
    } catch (err) {
      // Unreadable or undecodable files simply stay out of the index.
      this.log.debug(`Not indexed ${uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const mod of this.registered.get(key) ?? []) this.index.delete(mod);
    this.registered.delete(key);
    this.summaries.delete(key);
    this.changeEmitter.fire(uri);
  }

  /** Stores a summary under every candidate module path; true when anything changed. */
  private set(uri: vscode.Uri, summary: ModuleSummary): boolean {
    const key = uri.toString();
    const fingerprint = fingerprintOf(summary, (f) => this.functionText(f));
    if (this.summaries.get(key) === fingerprint) return false;
    this.summaries.set(key, fingerprint);
    const modules = this.candidates(uri) ?? [];
    for (const old of this.registered.get(key) ?? []) if (!modules.includes(old)) this.index.delete(old);
    for (const mod of modules) this.index.set(mod, summary);
    this.registered.set(key, modules);
    return true;
  }

  private functionText(summary: FunctionSummary): string {
    let text = this.functionTexts.get(summary);
    if (text === undefined) this.functionTexts.set(summary, (text = JSON.stringify(summary)));
    return text;
  }

  private candidates(uri: vscode.Uri): string[] | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const relative = vscode.workspace.asRelativePath(uri, false);
    const inits = this.initDirs.get(folder.uri.toString()) ?? new Set<string>();
    return candidateModulePaths(relative, (dir) => inits.has(dir));
  }

  private initDirSet(uri: vscode.Uri): Set<string> | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.initDirs.get(folder.uri.toString()) : undefined;
  }

  private relativeDir(uri: vscode.Uri): string {
    const relative = vscode.workspace.asRelativePath(uri, false);
    const slash = relative.lastIndexOf('/');
    return slash === -1 ? '' : relative.slice(0, slash);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A stable text form of a summary, to tell whether a file's change matters to other files. */
function fingerprintOf(summary: ModuleSummary, functionText: (f: FunctionSummary) => string): string {
  const entries = (m: ReadonlyMap<string, unknown>): string => JSON.stringify([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return [
    entries(summary.names),
    entries(summary.reexports),
    JSON.stringify([...summary.classes.entries()].map(([k, v]) => [k, entries(v)]).sort()),
    entries(summary.classBases),
    // Declared types: an attribute's or a return's type decides which calls of other files make coroutines.
    entries(summary.declared ?? new Map()),
    // Function summaries: a change in what a coroutine does can change another file's concurrency findings.
    [...summary.functions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) => `${name}=${functionText(f)}`).join(';'),
  ].join('|');
}
