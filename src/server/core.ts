import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, CodeActionParams, Diagnostic, Hover, HoverParams } from 'vscode-languageserver';
import { analyzeSource } from '../analysis/analyzer';
import { IncrementalDocument, type TextChange } from '../analysis/document';
import type { PythonParser } from '../analysis/parser';
import type { Finding, Fix, Range } from '../analysis/types';
import { installedPackages, packageSearchPaths } from '../analysis/workspace/environment';
import { Project } from '../analysis/workspace/project';
import type { DocumentStatus } from '../editing/documentStatus';
import { hoverMarkdown } from '../editing/hoverText';
import { entryPointCalls } from '../timeline/entryPoints';
import { DocumentGate, documentOptions, settingsFromObject } from '../settings/editorAnalysis';
import { ProjectConfig } from '../settings/projectConfig';
import { pythonCandidates } from '../settings/pythonPath';
import type { Settings } from '../settings/settings';
import { fixAllAction, FIX_ALL_KIND, kindRequested, quickFixes, type AnalysedText, type ClientCommands } from './codeActions';
import { rangeContains, toDiagnostic } from './convert';
import { commandUri } from './protocol';
import type { RuleDocsFiles } from './ruleDocs';

/** Where the core's notes go (the client's log). */
export type CoreLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** A workspace folder: its project (module paths, index, pyproject.toml) and the client's settings for it. */
interface Folder {
  readonly uri: string;
  readonly path: string | undefined;
  readonly project: Project;
  settings: Settings;
  /** The interpreter whose installed packages the project reads ('' for the default), once chosen. */
  interpreter?: string;
}

/** An open document: its text kept parsed between edits, and the last analysis. */
interface OpenDocument {
  version: number;
  readonly parsed: IncrementalDocument;
  analysis?: AnalysedText & { readonly version: number; readonly diagnostics: Diagnostic[]; readonly status: DocumentStatus };
}

/** What analysing a document produced for the server to send. */
export interface DocumentDiagnostics {
  readonly version: number;
  readonly diagnostics: Diagnostic[];
  /** Other files' findings may have changed (this file's async defs did): re-analyse the other open documents. */
  readonly crossFile: boolean;
  /** Checked with N problems, or why it was skipped. */
  readonly status: DocumentStatus;
}

/**
 * The language server's state without the protocol: workspace folders (one {@link Project} each),
 * open documents, analyses, code actions and hovers. Every method takes and returns plain LSP data,
 * so the protocol side stays thin and the core can be driven directly in tests.
 */
export class ServerCore {
  private folders: Folder[] = [];
  /** For documents outside every folder (and before the folders are known). */
  private readonly loose: Folder;
  private readonly documents = new Map<string, OpenDocument>();
  private readonly gate = new DocumentGate();
  private readonly verified = new WeakMap<Fix, boolean>();
  private indexing: { cancelled: boolean } | undefined;
  /** The client's own docs and study commands, when it has them (the VS Code extension does). */
  private commands: ClientCommands | undefined;

  constructor(
    private readonly parser: PythonParser,
    private readonly docs: RuleDocsFiles,
    private readonly log: CoreLog,
    /** Told how far the workspace index is (files done of total). */
    private readonly progress: (done: number, total: number) => void = () => undefined,
  ) {
    this.loose = this.folder('', []);
  }

  /** The workspace folders, as `file:` URIs; others are ignored. Replaces the previous ones. */
  setFolders(uris: readonly string[]): void {
    const old = new Map(this.folders.map((f) => [f.uri, f]));
    this.folders = uris.filter((uri) => filePath(uri) !== undefined).map((uri) => old.get(uri) ?? this.folder(uri, [filePath(uri)!]));
  }

  /** Links to a rule's docs and flashcard run these client commands from now on (see CoachInitializationOptions). */
  setClientCommands(commands: ClientCommands | undefined): void {
    this.commands = commands;
    this.invalidate();
  }

  /** The folder URIs, for `workspace/configuration` requests. */
  folderUris(): string[] {
    return this.folders.map((f) => f.uri);
  }

  /** The client's `asyncCoach` section for one folder (undefined: for every folder and loose files). */
  setSettings(section: unknown, folderUri?: string): void {
    const settings = settingsFromObject(section);
    for (const f of [...this.folders, this.loose]) if (folderUri === undefined || f.uri === folderUri) f.settings = settings;
  }

  /** The settings that govern a document. */
  settingsFor(uri: string): Settings {
    return this.folderOf(uri).settings;
  }

  open(uri: string, text: string, version: number): void {
    this.documents.get(uri)?.parsed.dispose();
    this.documents.set(uri, { version, parsed: new IncrementalDocument(this.parser, text) });
  }

  /** Applies LSP content changes in order (incremental sync): the tree is edited, not rebuilt. */
  change(uri: string, changes: readonly TextChange[], version: number): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.parsed.applyChanges(changes);
    doc.version = version;
  }

  close(uri: string): void {
    this.documents.get(uri)?.parsed.dispose();
    this.documents.delete(uri);
  }

  /** The open documents' URIs. */
  openUris(): string[] {
    return [...this.documents.keys()];
  }

  /** The document's version, if it is open. */
  versionOf(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /** Analyses an open document at its current version (or returns the analysis it already has). */
  analyze(uri: string): DocumentDiagnostics | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    if (doc.analysis?.version === doc.version) return { version: doc.version, diagnostics: doc.analysis.diagnostics, crossFile: false, status: doc.analysis.status };
    const folder = this.folderOf(uri);
    const file = filePath(uri);
    const skip = this.gate.reasonToSkip(folder.settings, doc.parsed.text.length, folder.project.config, file, folder.path);
    if (skip) {
      if (skip.why) this.log('info', `Not analysing ${uri}: ${skip.why}`);
      doc.analysis = { version: doc.version, text: doc.parsed.text, tree: doc.parsed.tree, findings: [], diagnostics: [], status: skip.status };
      return { version: doc.version, diagnostics: [], crossFile: false, status: skip.status };
    }
    this.useEnvironment(folder);
    const modulePath = file !== undefined ? folder.project.modulePaths(file)[0] : undefined;
    const options = { ...documentOptions(folder.project.config, folder.settings, file, folder.path), workspace: folder.project.index, ...(modulePath ? { modulePath } : {}) };
    const { findings, summary } = doc.parsed.analyze(options);
    const diagnostics = findings.map((f) => toDiagnostic(f, uri, (code) => this.docsLink(code)));
    const status: DocumentStatus = { kind: 'checked', problems: diagnostics.length };
    doc.analysis = { version: doc.version, text: doc.parsed.text, tree: doc.parsed.tree, findings, diagnostics, status };
    const crossFile = file !== undefined && folder.path !== undefined && folder.project.setSummary(file, summary);
    return { version: doc.version, diagnostics, crossFile, status };
  }

  /**
   * Lets the folder's project resolve third-party imports through installed packages: those of
   * `asyncCoach.pythonPath`, else of a `.venv`/`venv` in the folder, else of `python3` (as the CLI
   * does). Asked once per interpreter; modules are read only when a lookup needs them.
   */
  private useEnvironment(folder: Folder): void {
    if (folder.path === undefined) return;
    const configured = folder.settings.pythonPath ? pythonCandidates(folder.settings.pythonPath, folder.path, os.homedir())[0] : undefined;
    if (folder.interpreter === (configured ?? '')) return;
    folder.interpreter = configured ?? '';
    const searchPaths = packageSearchPaths(configured, [folder.path], (line) => this.log('warn', line));
    folder.project.index.useEnvironment(searchPaths.length > 0 ? installedPackages(searchPaths, this.parser) : undefined);
  }

  /** Marks every open document for re-analysis (settings or the index changed). */
  invalidate(except?: string): void {
    for (const [uri, doc] of this.documents) if (uri !== except) doc.analysis = undefined;
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const analysis = this.current(uri);
    if (!analysis) return [];
    const only = params.context.only;
    if (only && kindRequested(only, FIX_ALL_KIND) && !kindRequested(only, 'quickfix')) {
      const action = fixAllAction(this.parser, uri, analysis);
      return action ? [action] : [];
    }
    if (!kindRequested(only, 'quickfix')) return [];
    return quickFixes(this.parser, uri, analysis, params.context.diagnostics, this.verified, this.commands);
  }

  /** Where the document starts its program (`asyncio.run(...)` and the like), from its current tree. */
  entryPoints(uri: string): Range[] {
    const doc = this.documents.get(uri);
    return doc ? entryPointCalls(doc.parsed.tree.rootNode) : [];
  }

  async hover(params: HoverParams): Promise<Hover | null> {
    const analysis = this.current(params.textDocument.uri);
    const here = analysis?.findings.filter((f) => rangeContains(f.range, params.position)) ?? [];
    const first = here[0];
    if (!first) return null;
    const parts: string[] = [];
    for (const finding of here) {
      const study = this.commands?.study;
      const links = { docs: this.docsLink(finding.code), ...(study ? { study: commandUri(study, [finding.code]) } : {}) };
      parts.push(hoverMarkdown(finding, await this.docs.text(finding.code), links));
    }
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: first.range };
  }

  /**
   * Summarises every Python file of every folder from disk (open documents excepted: their text is
   * fresher), yielding between files so requests keep flowing. A new call (or {@link cancelIndexing})
   * stops the previous one; resolves with the number of files, or undefined when stopped.
   */
  async indexWorkspace(): Promise<number | undefined> {
    this.cancelIndexing();
    const run = { cancelled: false };
    this.indexing = run;
    const report = this.progress;
    const cancelled = (): boolean => run.cancelled;
    const files: { folder: Folder; file: string }[] = [];
    for (const folder of this.folders) {
      const found = await folder.project.discover();
      folder.project.expect(found.files);
      for (const file of found.files) files.push({ folder, file });
    }
    const open = new Set(this.openUris().map(filePath));
    for (const [i, { folder, file }] of files.entries()) {
      if (cancelled()) break;
      if (!open.has(file)) await this.summarise(folder, file);
      if (i % 20 === 19) {
        report(i + 1, files.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (cancelled()) return undefined;
    report(files.length, files.length);
    this.invalidate();
    return files.length;
  }

  /** Stops a running {@link indexWorkspace} at its next file. */
  cancelIndexing(): void {
    if (this.indexing) this.indexing.cancelled = true;
  }

  /**
   * A file changed on disk (`workspace/didChangeWatchedFiles`): re-summarise it, or forget it;
   * an `__init__.py` or a `pyproject.toml` re-reads what depends on it. True when open documents need re-analysis.
   */
  async fileChanged(uri: string, deleted: boolean): Promise<boolean> {
    const file = filePath(uri);
    if (file === undefined) return false;
    const folder = this.folderOf(uri);
    const { modulePaths, config } = folder.project.fileChanged(file);
    if (this.documents.has(uri) && !deleted) return modulePaths || config;
    if (deleted) folder.project.forget(file);
    else if (file.endsWith('.py') && folder.path !== undefined) await this.summarise(folder, file);
    this.invalidate();
    return true;
  }

  dispose(): void {
    this.cancelIndexing();
    for (const doc of this.documents.values()) doc.parsed.dispose();
    this.documents.clear();
  }

  /** Where a rule code links: the client's docs command, else the docs page's file. */
  private docsLink(code: Finding['code']): string {
    return this.commands ? commandUri(this.commands.docs, [code]) : this.docs.href(code);
  }

  private current(uri: string): AnalysedText | undefined {
    const doc = this.documents.get(uri);
    if (doc && doc.analysis?.version !== doc.version) this.analyze(uri);
    return doc?.analysis;
  }

  private async summarise(folder: Folder, file: string): Promise<void> {
    try {
      const bytes = await readFile(file);
      if (bytes.byteLength > folder.settings.maxFileSizeKb * 1024 || bytes.includes(0)) return;
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      const { summary } = analyzeSource(this.parser, text, { rules: [], modulePath: folder.project.modulePaths(file)[0] });
      folder.project.setSummary(file, summary);
    } catch {
      // Unreadable or undecodable files simply stay out of the index.
    }
  }

  private folderOf(uri: string): Folder {
    const file = filePath(uri);
    if (file === undefined) return this.loose;
    // The innermost folder wins for nested workspace folders.
    const inside = this.folders.filter((f) => f.project.contains(file)).sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0));
    return inside[0] ?? this.loose;
  }

  private folder(uri: string, roots: string[]): Folder {
    const config = new ProjectConfig((line) => this.log('warn', line));
    return { uri, path: roots[0], project: new Project(roots, { config }), settings: settingsFromObject({}) };
  }
}

/** The path of a `file:` URI, else undefined (unsaved buffers). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path. */
export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
