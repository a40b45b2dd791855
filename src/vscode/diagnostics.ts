import * as vscode from 'vscode';
import type { Tree } from 'web-tree-sitter';
import type { AnalyzeOptions } from '../analysis/analyzer';
import { IncrementalDocument } from '../analysis/document';
import type { PythonParser } from '../analysis/parser';
import type { Finding } from '../analysis/types';
import type { DocumentStatus } from '../editing/documentStatus';
import { DocumentGate, documentOptions, type SkipReason } from '../settings/editorAnalysis';
import { ProjectConfig } from '../settings/projectConfig';
import type { Settings } from '../settings/settings';
import { readSettings } from './config';
import { CoachDiagnostic, fromRange } from './convert';
import { describeError } from './logger';
import type { RuleDocs } from './ruleDocs';
import type { WorkspaceIndexer } from './workspaceIndexer';

/** Quiet time after another file's summary changed before open documents are re-linted. */
const CROSS_FILE_DELAY_MS = 150;

/**
 * What the last analysis of a document saw and found; code actions and the hover read it. The tree
 * belongs to the document's IncrementalDocument: valid while `version` is the document's version.
 */
export interface DocumentAnalysis {
  readonly version: number;
  readonly text: string;
  readonly tree: Tree;
  readonly findings: readonly Finding[];
}

/**
 * Keeps the "Async Coach" diagnostics of open Python documents current: analyses on open, on
 * change (debounced) or on save per `asyncCoach.run`, re-lints everything when settings change,
 * and forgets a document (and frees its tree) when it closes.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('async-coach');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly analyses = new Map<string, DocumentAnalysis>();
  /** One parsed document per open file: edits re-parse incrementally and reuse unchanged units' findings. */
  private readonly documents = new Map<string, IncrementalDocument>();
  private crossFileTimer: NodeJS.Timeout | undefined;
  /** `[tool.async-coach]` of the pyproject.toml governing each file, as the CLI reads it. */
  private readonly project: ProjectConfig;
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly gate = new DocumentGate();
  /** What happened to each open Python document, for the language status item. */
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly statusEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a document whose {@link status} changed. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    /** Shared with the code actions, which re-parse a fix's result before offering it. */
    readonly parser: PythonParser,
    private readonly log: vscode.LogOutputChannel,
    private readonly docs: RuleDocs,
    private readonly workspace: WorkspaceIndexer,
  ) {
    this.project = new ProjectConfig((line) => this.log.warn(line));
    this.disposables.push(this.statusEmitter);
  }

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.analyze(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !isPython(e.document)) return;
        // Keep the tree in step with every edit, so the next analysis re-parses only what changed.
        this.documents.get(e.document.uri.toString())?.applyChanges(e.contentChanges.map((c) => ({ range: fromRange(c.range), text: c.text })));
        const settings = readSettings(e.document);
        if (settings.run === 'onType') this.schedule(e.document, settings.debounceMs);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.analyze(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('asyncCoach')) this.analyzeAllOpen();
      }),
      // Another file's async defs changed: calls into it may now (or no longer) be coroutines.
      this.workspace.onDidChange((changed) => this.scheduleOthers(changed)),
    );
    const pyprojects = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
    const reread = (): void => {
      this.project.clear();
      this.analyzeAllOpen();
    };
    this.disposables.push(pyprojects, pyprojects.onDidCreate(reread), pyprojects.onDidChange(reread), pyprojects.onDidDelete(reread));
    this.analyzeAllOpen();
  }

  /** Re-analyses every open Python document now. */
  analyzeAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.analyze(doc);
  }

  /** What Async Coach did with a Python document: checking, checked, or why not (undefined for other documents). */
  status(doc: vscode.TextDocument): DocumentStatus | undefined {
    if (!isPython(doc)) return undefined;
    return this.statuses.get(doc.uri.toString()) ?? { kind: 'checking' };
  }

  private setStatus(uri: vscode.Uri, status: DocumentStatus): void {
    const key = uri.toString();
    if (JSON.stringify(this.statuses.get(key)) === JSON.stringify(status)) return;
    this.statuses.set(key, status);
    this.statusEmitter.fire(uri);
  }

  /** The analysis of a document at its current version, if there is one. */
  current(doc: vscode.TextDocument): DocumentAnalysis | undefined {
    const analysis = this.analyses.get(doc.uri.toString());
    return analysis?.version === doc.version ? analysis : undefined;
  }

  /** Analyses one document now and publishes its diagnostics; returns its findings. */
  analyze(doc: vscode.TextDocument): readonly Finding[] {
    this.cancel(doc.uri);
    if (!isPython(doc)) return [];
    const settings = readSettings(doc);
    const text = doc.getText();
    const skip = this.reasonToSkip(doc, settings, text.length);
    if (skip) {
      if (skip.why) this.log.info(`Not analysing ${doc.uri.toString(true)}: ${skip.why}`);
      this.forget(doc.uri);
      this.setStatus(doc.uri, skip.status);
      return [];
    }
    try {
      const started = performance.now();
      const key = doc.uri.toString();
      let parsed = this.documents.get(key);
      if (!parsed) {
        parsed = new IncrementalDocument(this.parser, text);
        this.documents.set(key, parsed);
      } else if (parsed.text !== text) {
        // An edit event was missed (or the run was skipped while it was too large): start over.
        this.log.debug(`Re-synchronised ${doc.uri.toString(true)} with the editor's text`);
        parsed.setText(text);
      }
      const options = { ...this.optionsFor(doc, settings), workspace: this.workspace.index, modulePath: this.workspace.modulePathOf(doc.uri) };
      const { findings, summary } = parsed.analyze(options);
      this.analyses.set(key, { version: doc.version, text, tree: parsed.tree, findings });
      if (doc.uri.scheme === 'file') this.workspace.update(doc.uri, summary);
      this.collection.set(doc.uri, findings.map((f) => new CoachDiagnostic(f, this.docs.link(f.code), doc.uri)));
      this.log.trace(`Analysed ${doc.uri.toString(true)} v${doc.version} in ${(performance.now() - started).toFixed(1)} ms: ${findings.length} findings`);
      this.setStatus(doc.uri, { kind: 'checked', problems: findings.length });
      return findings;
    } catch (err) {
      this.log.error(`Analysis failed for ${doc.uri.toString(true)}: ${describeError(err)}`);
      this.setStatus(doc.uri, { kind: 'failed' });
      return [];
    }
  }

  /** Why a document is not analysed (its status, and a line for the log), or undefined when it is. */
  private reasonToSkip(doc: vscode.TextDocument, settings: Settings, chars: number): SkipReason | undefined {
    const { file, folder } = this.locate(doc);
    return this.gate.reasonToSkip(settings, chars, this.project, file, folder);
  }

  /** The file's pyproject.toml configuration with the editor's settings on top, as analysis options. */
  private optionsFor(doc: vscode.TextDocument, settings: Settings): AnalyzeOptions {
    const { file, folder } = this.locate(doc);
    return documentOptions(this.project, settings, file, folder);
  }

  /** The document's path on disk and its workspace folder's, when it has them. */
  private locate(doc: vscode.TextDocument): { file: string | undefined; folder: string | undefined } {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    return { file: doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined, folder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined };
  }

  /** Re-lints open documents other than `changed`, once the index stops changing for a moment. */
  private scheduleOthers(changed: vscode.Uri | undefined): void {
    if (this.crossFileTimer) clearTimeout(this.crossFileTimer);
    this.crossFileTimer = setTimeout(() => {
      this.crossFileTimer = undefined;
      for (const doc of vscode.workspace.textDocuments) {
        if (changed === undefined || doc.uri.toString() !== changed.toString()) this.analyze(doc);
      }
    }, CROSS_FILE_DELAY_MS);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    this.cancel(doc.uri);
    this.setStatus(doc.uri, { kind: 'checking' });
    this.timers.set(doc.uri.toString(), setTimeout(() => this.analyze(doc), delay));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  /**
   * VS Code fires the close event some time after the editor closes; by then a new document with
   * the same URI (a reopened file, a reused `Untitled-1`) may be open. Keep that one's diagnostics.
   */
  private closed(doc: vscode.TextDocument): void {
    const reopened = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === doc.uri.toString());
    if (reopened) this.analyze(reopened);
    else this.forget(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.collection.delete(uri);
    const key = uri.toString();
    this.analyses.delete(key);
    this.statuses.delete(key);
    this.documents.get(key)?.dispose();
    this.documents.delete(key);
  }

  dispose(): void {
    if (this.crossFileTimer) clearTimeout(this.crossFileTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.documents.values()) d.dispose();
    this.documents.clear();
    this.analyses.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isPython(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python' && doc.uri.scheme !== 'output' && doc.uri.scheme !== 'git';
}
