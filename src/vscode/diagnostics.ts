import * as vscode from 'vscode';
import { analyzeSource } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { ALL_RULES } from '../analysis/rules';
import type { Finding, RuleCode } from '../analysis/types';
import { readSettings } from './config';
import { CoachDiagnostic } from './convert';
import { describeError } from './logger';

/** Documents larger than this are not analysed on the extension host thread (it would stall typing). */
const MAX_ANALYSED_CHARS = 2_000_000;

/**
 * Keeps the "Async Coach" diagnostics of open Python documents current: analyses on open, on
 * change (debounced) or on save per `asyncCoach.run`, and clears them on close.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('async-coach');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly docsUris: ReadonlyMap<RuleCode, vscode.Uri>;

  constructor(
    private readonly parser: PythonParser,
    private readonly log: vscode.LogOutputChannel,
    extensionUri: vscode.Uri,
  ) {
    this.docsUris = new Map(ALL_RULES.map((r) => [r.meta.code, vscode.Uri.joinPath(extensionUri, 'media', 'docs', `${r.meta.docsSlug}.md`)]));
  }

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.analyze(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && readSettings(e.document).run === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.analyze(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('asyncCoach')) this.analyzeAllOpen();
      }),
    );
    this.analyzeAllOpen();
  }

  /** Re-analyses every open Python document now. */
  analyzeAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.analyze(doc);
  }

  /** Analyses one document now and publishes its diagnostics; returns its findings. */
  analyze(doc: vscode.TextDocument): readonly Finding[] {
    this.cancel(doc.uri);
    if (doc.languageId !== 'python' || doc.uri.scheme === 'output') return [];
    const settings = readSettings(doc);
    if (!settings.enable) {
      this.collection.delete(doc.uri);
      return [];
    }
    const text = doc.getText();
    if (text.length > MAX_ANALYSED_CHARS) {
      this.log.warn(`Skipped ${doc.uri.toString(true)}: ${text.length} characters is over the ${MAX_ANALYSED_CHARS} limit for analysis in the editor`);
      this.collection.delete(doc.uri);
      return [];
    }
    try {
      const started = performance.now();
      const { findings } = analyzeSource(this.parser, text);
      this.collection.set(doc.uri, findings.map((f) => new CoachDiagnostic(f, this.docsUri(f.code), doc.uri)));
      this.log.trace(`Analysed ${doc.uri.toString(true)} v${doc.version} in ${(performance.now() - started).toFixed(1)} ms: ${findings.length} findings`);
      return findings;
    } catch (err) {
      this.log.error(`Analysis failed for ${doc.uri.toString(true)}: ${describeError(err)}`);
      return [];
    }
  }

  private docsUri(code: RuleCode): vscode.Uri {
    return this.docsUris.get(code) ?? vscode.Uri.parse('about:blank');
  }

  private schedule(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    const delay = readSettings(doc).debounceMs;
    this.timers.set(doc.uri.toString(), setTimeout(() => this.analyze(doc), delay));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
