import * as vscode from 'vscode';
import { analyzeSource } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { ignoredFoldersGlob } from '../analysis/workspace/ignoredFolders';
import { Project } from '../analysis/workspace/project';
import type { ModuleSummary, WorkspaceIndex } from '../analysis/workspace/workspaceIndex';
import { describeError } from './logger';

/** Folders never indexed: the same list the CLI's walk and the language server skip. */
const EXCLUDE = ignoredFoldersGlob();
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
  /** Module paths and the index, shared with the CLI and the language server; the workspace folders are its roots. */
  private readonly project = new Project(fileFolders());
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the file whose summary changed (undefined after the initial build). */
  readonly onDidChange = this.changeEmitter.event;
  private building: Promise<void> | undefined;

  constructor(
    private readonly parser: PythonParser,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.changeEmitter);
  }

  get index(): WorkspaceIndex {
    return this.project.index;
  }

  /** Starts the background build and the file watcher. Resolves when the first build is done. */
  start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.created(uri)),
      watcher.onDidChange((uri) => void this.refreshFromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.project.setFolders(fileFolders());
        void this.build();
      }),
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

  /** A new `__init__.py` can change the module paths of every file below it: rebuild; else read the one file. */
  private created(uri: vscode.Uri): void {
    if (uri.scheme === 'file' && this.project.fileChanged(uri.fsPath).modulePaths) void this.build();
    else void this.refreshFromDisk(uri);
  }

  private remove(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    this.project.forget(uri.fsPath);
    if (this.project.fileChanged(uri.fsPath).modulePaths) void this.build();
    this.changeEmitter.fire(uri);
  }

  /** Stores a summary under every module path of the file; true when anything changed. */
  private set(uri: vscode.Uri, summary: ModuleSummary): boolean {
    return this.candidates(uri) !== undefined && this.project.setSummary(uri.fsPath, summary);
  }

  /** The file's module paths, for files of the workspace folders only. */
  private candidates(uri: vscode.Uri): string[] | undefined {
    if (uri.scheme !== 'file' || !this.project.contains(uri.fsPath)) return undefined;
    return this.project.modulePaths(uri.fsPath);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The workspace folders on disk: the roots imports may start from. */
function fileFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}
