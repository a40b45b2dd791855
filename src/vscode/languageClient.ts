import * as vscode from 'vscode';
import { CodeActionRequest, type CodeAction as LspCodeAction, type ClientCapabilities, type Command as LspCommand } from 'vscode-languageclient';
import { CloseAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { DocumentStatus } from '../editing/documentStatus';
import {
  ANALYZE_REQUEST,
  FIX_ALL_KIND,
  ENTRY_POINTS_REQUEST,
  fixAllCount,
  STATUS_NOTIFICATION,
  type AnalyzeParams,
  type AnalyzeResult,
  type CoachInitializationOptions,
  type EntryPointsParams,
  type EntryPointsResult,
  type StatusParams,
} from '../server/protocol';
import { COMMANDS } from './commandIds';
import { describeError } from './logger';

/** Python files on disk and unsaved ones: what the server analyses. */
const PYTHON_DOCUMENTS = [
  { language: 'python', scheme: 'file' },
  { language: 'python', scheme: 'untitled' },
];

/** Restarts after a crash before the client gives up (within 3 minutes), as vscode-languageclient counts them. */
const MAX_RESTARTS = 4;

/**
 * The extension's side of the bundled language server (`async-coach server`, in dist/cli.js): it
 * starts the server in its own process, where the analysis runs on a worker thread, and keeps what
 * the server says about each document (its status) for the status item. Diagnostics, quick fixes,
 * fix-all and the hover come from the server through vscode-languageclient.
 */
export class CoachClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly statusEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a document whose {@link status} changed. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const module = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
    // vscode-languageclient adds `--stdio` to the arguments.
    const server: ServerOptions = { module, args: ['server'], transport: TransportKind.stdio };
    const initializationOptions: CoachInitializationOptions = { commands: { docs: COMMANDS.showRuleDocs, study: COMMANDS.studyRule }, status: true };
    const options: LanguageClientOptions = {
      documentSelector: PYTHON_DOCUMENTS,
      outputChannel: log,
      revealOutputChannelOn: 4, // RevealOutputChannelOn.Never: the status item and the log say what went wrong.
      initializationOptions,
      diagnosticCollectionName: 'async-coach',
      // The hover's links run only these two commands of ours.
      markdown: { isTrusted: { enabledCommands: [COMMANDS.showRuleDocs, COMMANDS.studyRule] } },
      errorHandler: this.errorHandler(),
    };
    this.client = new LanguageClient('asyncCoach', 'Async Coach', server, options);
    this.client.registerFeature(new PushDiagnosticsOnly());
    this.client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.setStatus(params));
  }

  /** Starts the server; rejects with why when it cannot start. */
  async start(): Promise<void> {
    await this.client.start();
  }

  /** Stops the server and starts a new one ("Async Coach: Restart Server"). */
  async restart(): Promise<void> {
    this.log.info('Restarting the Async Coach server');
    this.statuses.clear();
    await this.client.restart();
  }

  /** What the server did with a Python document: checking until it says otherwise. */
  status(doc: vscode.TextDocument): DocumentStatus | undefined {
    if (doc.languageId !== 'python') return undefined;
    return this.statuses.get(doc.uri.toString()) ?? { kind: 'checking' };
  }

  /** Asks the server to analyse the document now (its diagnostics follow); answers with their count. */
  async analyze(doc: vscode.TextDocument): Promise<number> {
    const params: AnalyzeParams = { uri: this.client.code2ProtocolConverter.asUri(doc.uri) };
    const result = await this.client.sendRequest<AnalyzeResult>(ANALYZE_REQUEST, params);
    return result.problems;
  }

  /** The server's fix-all action for the document (primary safe fixes only), as an edit and its fix count. */
  async fixAll(doc: vscode.TextDocument): Promise<{ edit: vscode.WorkspaceEdit; applied: number }> {
    const uri = this.client.code2ProtocolConverter.asUri(doc.uri);
    const range = this.client.code2ProtocolConverter.asRange(new vscode.Range(0, 0, doc.lineCount, 0));
    const answer = await this.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } });
    const action = (answer ?? []).find((a: LspCommand | LspCodeAction): a is LspCodeAction => 'kind' in a && a.kind === FIX_ALL_KIND);
    if (!action?.edit) return { edit: new vscode.WorkspaceEdit(), applied: 0 };
    return { edit: await this.client.protocol2CodeConverter.asWorkspaceEdit(action.edit), applied: fixAllCount(action) };
  }

  /** Where the document starts its program (`asyncio.run(...)`), for the timeline's code lenses. */
  async entryPoints(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.Range[]> {
    const params: EntryPointsParams = { uri: this.client.code2ProtocolConverter.asUri(doc.uri) };
    const ranges = await this.client.sendRequest<EntryPointsResult>(ENTRY_POINTS_REQUEST, params, token);
    return ranges.map((r) => this.client.protocol2CodeConverter.asRange(r));
  }

  private setStatus({ uri, status }: StatusParams): void {
    const key = this.client.protocol2CodeConverter.asUri(uri).toString();
    if (JSON.stringify(this.statuses.get(key)) === JSON.stringify(status)) return;
    if (status) this.statuses.set(key, status);
    else this.statuses.delete(key);
    this.statusEmitter.fire(vscode.Uri.parse(key));
  }

  /** vscode-languageclient's restart policy, with a line in the log each time the server stops. */
  private errorHandler(): ErrorHandler {
    let fallback: ErrorHandler | undefined;
    const defaults = (): ErrorHandler => (fallback ??= this.client.createDefaultErrorHandler(MAX_RESTARTS));
    return {
      error: (error, message, count) => {
        this.log.error(`Async Coach server connection error: ${describeError(error)}`);
        return defaults().error(error, message, count);
      },
      closed: async () => {
        const result = await defaults().closed();
        this.statuses.clear();
        if (result.action === CloseAction.Restart) this.log.warn('The Async Coach server stopped unexpectedly; starting it again');
        else this.log.error(`The Async Coach server stopped unexpectedly and will not be restarted: ${result.message ?? 'it crashed too often'}. Run "Async Coach: Restart Server" to try again.`);
        return result;
      },
    };
  }

  async dispose(): Promise<void> {
    this.statusEmitter.dispose();
    await this.client.dispose().catch((err: unknown) => this.log.warn(`Stopping the Async Coach server: ${describeError(err)}`));
  }
}

/**
 * Keeps the server pushing diagnostics: with pull diagnostics VS Code decides when to ask, and
 * `asyncCoach.run` (on type or on save), `asyncCoach.debounceMs` and the status item would no
 * longer hold. Registered after the built-in features, so it runs after the one that claims pull.
 */
class PushDiagnosticsOnly {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    delete capabilities.textDocument?.diagnostic;
    delete capabilities.workspace?.diagnostics;
  }

  initialize(): void {}

  getState(): { kind: 'static' } {
    return { kind: 'static' };
  }

  clear(): void {}
}
