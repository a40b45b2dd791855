import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { VERSION } from '../version';
import { FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND } from './codeActions';
import type { CoreLog } from './core';
import type { RemoteCore } from './coreWorker';
import { ANALYZE_REQUEST, ENTRY_POINTS_REQUEST, STATUS_NOTIFICATION, type AnalyzeParams, type AnalyzeResult, type CoachInitializationOptions, type EntryPointsParams, type EntryPointsResult, type StatusParams } from './protocol';
import { RuleDocsFiles } from './ruleDocs';
import { Scheduler } from './scheduler';

/** Starts the core (on a worker thread) with where its log lines and index progress go. */
export type CoreStarter = (log: CoreLog, progress: (done: number, total: number) => void) => RemoteCore;

/**
 * Serves Async Coach over an LSP connection. This thread only speaks the protocol; the core (one
 * Project per workspace folder, the documents, the analyses) runs on its own thread, so analysing a
 * large file never stops this one from reading cancellations, edits or `shutdown`. Diagnostics are
 * pulled when the client can (`textDocument/diagnostic`), else pushed after each change (debounced
 * per `asyncCoach.run`/`debounceMs`). Resolves when the client says `exit`.
 */
export function serve(connection: Connection, startCore: CoreStarter, docsDir: string): Promise<{ shutdownRequested: boolean }> {
  const log: CoreLog = (level, message) => connection.console[level](message);
  let reporter: WorkDoneProgressServerReporter | undefined;
  const core = startCore(log, (done, total) => reporter?.report(total === 0 ? 100 : Math.round((done / total) * 100), `${done} of ${total}`));
  let client: ClientCapabilities = {};
  let pull = false;
  let shuttingDown = false;
  /** The client asked for `asyncCoach/status` notifications. */
  let statusWanted = false;
  const scheduler = new Scheduler((uri) => publish(uri).then(() => undefined));

  function sendStatus(uri: string, status: StatusParams['status']): void {
    if (statusWanted && !shuttingDown) void connection.sendNotification(STATUS_NOTIFICATION, { uri, status } satisfies StatusParams);
  }

  /** Analyses a document and pushes its diagnostics (push mode); a cross-file change re-analyses the others. */
  async function publish(uri: string): Promise<AnalyzeResult> {
    const result = await safely(core.analyze(uri));
    if (shuttingDown) return { problems: 0 };
    if (!result) {
      // Not open (any more), or the analysis failed: the log has said which.
      if ((await safely(core.versionOf(uri))) !== undefined) sendStatus(uri, { kind: 'failed' });
      return { problems: 0 };
    }
    if (!pull) void connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics });
    sendStatus(uri, result.status);
    if (result.crossFile) await othersChanged(uri);
    return { problems: result.diagnostics.length };
  }

  async function othersChanged(except?: string): Promise<void> {
    await safely(core.invalidate(except));
    if (pull) {
      if (client.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const uri of (await safely(core.openUris())) ?? []) if (uri !== except) scheduler.schedule(uri, CROSS_FILE_DELAY_MS);
  }

  /** The core's answer, or undefined after logging its failure: a failed analysis never reaches the client as an error. */
  async function safely<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      return await work;
    } catch (err) {
      if (!shuttingDown) log('error', `Async Coach: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  function cancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }

  async function readConfiguration(): Promise<void> {
    if (!client.workspace?.configuration) return;
    const uris = await core.folderUris();
    const sections: unknown[] = await connection.workspace.getConfiguration([{ section: 'asyncCoach' }, ...uris.map((scopeUri) => ({ scopeUri, section: 'asyncCoach' }))]);
    // Some clients answer with their whole settings object instead of the section asked for.
    const section = (value: unknown): unknown => (value && typeof value === 'object' && 'asyncCoach' in value ? (value).asyncCoach : value);
    await core.setSettings(section(sections[0]));
    for (const [i, uri] of uris.entries()) await core.setSettings(section(sections[i + 1]), uri);
  }

  async function indexWorkspace(): Promise<void> {
    const progress = client.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Async Coach: indexing Python files', 0, undefined, false);
    reporter = progress;
    const started = Date.now();
    try {
      const count = await core.indexWorkspace();
      if (count !== undefined) log('info', `Indexed ${count} Python files in ${Date.now() - started} ms`);
      if (count !== undefined && !shuttingDown) await othersChanged();
    } catch (err) {
      if (!shuttingDown) log('error', `Workspace indexing failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (reporter === progress) reporter = undefined;
      progress?.done();
    }
  }

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    client = params.capabilities;
    pull = client.textDocument?.diagnostic !== undefined;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    await core.setFolders(folders.filter((u) => u.startsWith('file:')));
    // Clients without workspace/configuration can pass the settings up front: `{ "asyncCoach": { ... } }`.
    const options = params.initializationOptions as CoachInitializationOptions | undefined;
    if (options?.asyncCoach !== undefined) await core.setSettings(options.asyncCoach);
    if (options?.commands) await core.setClientCommands(options.commands);
    statusWanted = options?.status === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [OPEN_RULE_DOCS_COMMAND] },
        ...(pull ? { diagnosticProvider: { identifier: 'async-coach', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'async-coach', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'asyncCoach' });
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.py' }, { globPattern: '**/pyproject.toml' }] });
    }
    if (client.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        const kept = ((await safely(core.folderUris())) ?? []).filter((u) => !removed.has(u));
        await safely(core.setFolders([...kept, ...e.added.map((f) => f.uri)]));
        await readConfiguration().catch((err: unknown) => log('warn', `Could not read the client's settings: ${String(err)}`));
        await indexWorkspace();
      });
    }
    void readConfiguration()
      .catch((err: unknown) => log('warn', `Could not read the client's settings, using the defaults: ${String(err)}`))
      .then(() => othersChanged())
      .then(() => indexWorkspace());
  });

  connection.onDidChangeConfiguration(async (params) => {
    try {
      if (client.workspace?.configuration) await readConfiguration();
      else {
        // Clients without workspace/configuration send the settings here.
        const settings = (params.settings as { asyncCoach?: unknown } | null)?.asyncCoach;
        if (settings !== undefined) await core.setSettings(settings);
      }
      await othersChanged();
    } catch (err) {
      log('warn', `Could not read the client's settings: ${String(err)}`);
    }
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    // Some clients name the language only by the file type they detected: a `.py` file is Python either way.
    if (textDocument.languageId !== 'python' && !/\.pyi?$/.test(textDocument.uri)) return;
    void safely(core.open(textDocument.uri, textDocument.text, textDocument.version));
    if (!pull) scheduler.schedule(textDocument.uri, 0);
  });
  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    // Posted at once, so the core sees the changes in the order they came.
    const changed = safely(core.change(textDocument.uri, contentChanges.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })), textDocument.version));
    const settings = await safely(core.settingsFor(textDocument.uri));
    await changed;
    if (!pull && settings?.run !== 'onSave') {
      sendStatus(textDocument.uri, { kind: 'checking' });
      scheduler.schedule(textDocument.uri, settings?.debounceMs ?? 200);
    }
  });
  connection.onDidSaveTextDocument(async ({ textDocument }) => {
    if (!pull && (await safely(core.settingsFor(textDocument.uri)))?.run === 'onSave') scheduler.schedule(textDocument.uri, 0);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    scheduler.cancel(textDocument.uri);
    void safely(core.close(textDocument.uri));
    if (!pull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    sendStatus(textDocument.uri, undefined);
  });
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let relint = false;
    for (const change of changes) relint = ((await safely(core.fileChanged(change.uri, change.type === FileChangeType.Deleted))) ?? false) || relint;
    if (relint) await othersChanged();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    cancelled(token);
    const result = await safely(core.analyze(params.textDocument.uri));
    cancelled(token);
    if (result?.crossFile) void othersChanged(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: result?.diagnostics ?? [] };
  });
  connection.onCodeAction(async (params, token) => {
    cancelled(token);
    const actions = await safely(core.codeActions(params));
    cancelled(token);
    return actions ?? [];
  });
  connection.onHover(async (params, token) => {
    cancelled(token);
    const hover = await safely(core.hover(params));
    cancelled(token);
    return hover ?? null;
  });
  connection.onRequest(ANALYZE_REQUEST, async ({ uri }: AnalyzeParams): Promise<AnalyzeResult> => {
    scheduler.cancel(uri);
    return publish(uri);
  });
  connection.onRequest(ENTRY_POINTS_REQUEST, async ({ uri }: EntryPointsParams, token: CancellationToken): Promise<EntryPointsResult> => {
    cancelled(token);
    return (await safely(core.entryPoints(uri))) ?? [];
  });
  connection.onExecuteCommand(async (params) => {
    if (params.command !== OPEN_RULE_DOCS_COMMAND) return null;
    const code = String(params.arguments?.[0] ?? '');
    const href = new RuleDocsFiles(docsDir).href(code as never);
    if (client.window?.showDocument?.support) await connection.window.showDocument({ uri: href });
    else connection.window.showInformationMessage(`Async Coach: the documentation of ${code} is at ${href}`);
    return null;
  });

  connection.onShutdown(async () => {
    shuttingDown = true;
    scheduler.dispose();
    await safely(core.dispose());
    await core.terminate();
  });
  return new Promise((resolve) => {
    connection.onExit(() => {
      void core.terminate();
      resolve({ shutdownRequested: shuttingDown });
    });
    connection.listen();
  });
}

/** Quiet time after another file's summary changed before open documents are re-linted (as in the editor). */
const CROSS_FILE_DELAY_MS = 150;
