import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { PythonParser } from '../analysis/parser';
import { VERSION } from '../version';
import { FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND } from './codeActions';
import { ServerCore, type CoreLog } from './core';
import { RuleDocsFiles } from './ruleDocs';
import { Scheduler } from './scheduler';

/**
 * Serves Async Coach over an LSP connection: one {@link ServerCore} holding a Project per workspace
 * folder. Diagnostics are pulled when the client can (`textDocument/diagnostic`), else pushed after
 * each change (debounced per `asyncCoach.run`/`debounceMs`). Resolves when the client says `exit`.
 */
export function serve(connection: Connection, parser: PythonParser, docsDir: string): Promise<{ shutdownRequested: boolean }> {
  const log: CoreLog = (level, message) => connection.console[level](message);
  const core = new ServerCore(parser, new RuleDocsFiles(docsDir), log);
  let client: ClientCapabilities = {};
  let pull = false;
  let shuttingDown = false;
  let indexing: { cancelled: boolean } | undefined;
  const scheduler = new Scheduler((uri) => publish(uri));

  /** Analyses a document and pushes its diagnostics (push mode); a cross-file change re-analyses the others. */
  function publish(uri: string): void {
    const result = safely(() => core.analyze(uri));
    if (!result) return;
    if (!pull) void connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics });
    if (result.crossFile) othersChanged(uri);
  }

  function othersChanged(except?: string): void {
    core.invalidate(except);
    if (pull) {
      if (client.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const uri of core.openUris()) if (uri !== except) scheduler.schedule(uri, CROSS_FILE_DELAY_MS);
  }

  function safely<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (err) {
      log('error', `Async Coach: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  }

  async function readConfiguration(): Promise<void> {
    if (!client.workspace?.configuration) return;
    const uris = core.folderUris();
    const sections: unknown[] = await connection.workspace.getConfiguration([{ section: 'asyncCoach' }, ...uris.map((scopeUri) => ({ scopeUri, section: 'asyncCoach' }))]);
    // Some clients answer with their whole settings object instead of the section asked for.
    const section = (value: unknown): unknown => (value && typeof value === 'object' && 'asyncCoach' in value ? (value as { asyncCoach: unknown }).asyncCoach : value);
    core.setSettings(section(sections[0]));
    uris.forEach((uri, i) => core.setSettings(section(sections[i + 1]), uri));
  }

  async function indexWorkspace(): Promise<void> {
    if (indexing) indexing.cancelled = true;
    const run = { cancelled: false };
    indexing = run;
    const progress = client.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Async Coach: indexing Python files', 0, undefined, false);
    const started = Date.now();
    try {
      const count = await core.indexWorkspace((done, total) => progress?.report(total === 0 ? 100 : Math.round((done / total) * 100), `${done} of ${total}`), () => run.cancelled || shuttingDown);
      log('info', `Indexed ${count} Python files in ${Date.now() - started} ms`);
    } catch (err) {
      log('error', `Workspace indexing failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      progress?.done();
    }
    if (!run.cancelled && !shuttingDown) othersChanged();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = params.capabilities;
    pull = client.textDocument?.diagnostic !== undefined;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    core.setFolders(folders.filter((u) => u.startsWith('file:')));
    // Clients without workspace/configuration can pass the settings up front: `{ "asyncCoach": { ... } }`.
    const options = params.initializationOptions as { asyncCoach?: unknown } | undefined;
    if (options?.asyncCoach !== undefined) core.setSettings(options.asyncCoach);
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
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        core.setFolders([...core.folderUris().filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)]);
        void readConfiguration().then(indexWorkspace);
      });
    }
    void readConfiguration()
      .catch((err: unknown) => log('warn', `Could not read the client's settings, using the defaults: ${String(err)}`))
      .then(() => {
        othersChanged();
        return indexWorkspace();
      });
  });

  connection.onDidChangeConfiguration((params) => {
    // Clients without workspace/configuration send the settings here.
    const settings = (params.settings as { asyncCoach?: unknown } | null)?.asyncCoach;
    const update = client.workspace?.configuration ? readConfiguration() : Promise.resolve(settings !== undefined ? core.setSettings(settings) : undefined);
    void update.then(() => othersChanged(), (err: unknown) => log('warn', `Could not read the client's settings: ${String(err)}`));
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    // Some clients name the language only by the file type they detected: a `.py` file is Python either way.
    if (textDocument.languageId !== 'python' && !/\.pyi?$/.test(textDocument.uri)) return;
    core.open(textDocument.uri, textDocument.text, textDocument.version);
    if (!pull) scheduler.schedule(textDocument.uri, 0);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    core.change(textDocument.uri, contentChanges.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })), textDocument.version);
    const settings = core.settingsFor(textDocument.uri);
    if (!pull && settings.run === 'onType') scheduler.schedule(textDocument.uri, settings.debounceMs);
  });
  connection.onDidSaveTextDocument(({ textDocument }) => {
    if (!pull && core.settingsFor(textDocument.uri).run === 'onSave') scheduler.schedule(textDocument.uri, 0);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    scheduler.cancel(textDocument.uri);
    core.close(textDocument.uri);
    if (!pull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let relint = false;
    for (const change of changes) relint = (await core.fileChanged(change.uri, change.type === FileChangeType.Deleted)) || relint;
    if (relint) othersChanged();
  });

  connection.languages.diagnostics.on((params, token) => {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const result = safely(() => core.analyze(params.textDocument.uri));
    if (result?.crossFile) othersChanged(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: result?.diagnostics ?? [] };
  });
  connection.onCodeAction((params, token) => (token.isCancellationRequested ? null : (safely(() => core.codeActions(params)) ?? [])));
  connection.onHover(async (params, token) => (token.isCancellationRequested ? null : await core.hover(params).catch(() => null)));
  connection.onExecuteCommand(async (params) => {
    if (params.command !== OPEN_RULE_DOCS_COMMAND) return null;
    const code = String(params.arguments?.[0] ?? '');
    const href = new RuleDocsFiles(docsDir).href(code as never);
    if (client.window?.showDocument?.support) await connection.window.showDocument({ uri: href });
    else connection.window.showInformationMessage(`Async Coach: the documentation of ${code} is at ${href}`);
    return null;
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    if (indexing) indexing.cancelled = true;
    scheduler.dispose();
    core.dispose();
  });
  return new Promise((resolve) => {
    connection.onExit(() => resolve({ shutdownRequested: shuttingDown }));
    connection.listen();
  });
}

/** Quiet time after another file's summary changed before open documents are re-linted (as in the editor). */
const CROSS_FILE_DELAY_MS = 150;
