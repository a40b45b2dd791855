import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

/** A real LSP client over the server process's stdin/stdout (vscode-jsonrpc), recording what it receives. */
export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Server-to-client requests and notifications received, by method. */
  received: { method: string; params: unknown }[];
  /** Resolves with the next diagnostics for `uri` that satisfy `accept` (already received ones count). */
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]>;
  /** Resolves once the server reported the end of its workspace index (needs `window.workDoneProgress`). */
  indexed(): Promise<void>;
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, version: number, changes: { range?: Diagnostic['range']; text: string }[]): Promise<void>;
  /** shutdown + exit; resolves with the process's exit code. */
  stop(): Promise<number | null>;
}

/** The test server's entry, bundled by the test build next to this file. */
const SERVER = path.join(__dirname, 'serverProcess.js');

/**
 * Starts the server and initialises it. Child processes here stay few (one per test) and timeouts are
 * generous: the machine is loaded, and the limits only stop a hang.
 */
export async function startClient(rootDir: string, capabilities: ClientCapabilities = {}, settings: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const received: { method: string; params: unknown }[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    waiters.forEach((w) => w());
  });
  for (const method of ['$/progress', 'window/logMessage', 'window/showMessage', 'asyncCoach/status']) {
    connection.onNotification(method, (params: unknown) => {
      received.push({ method, params });
      waiters.forEach((w) => w());
    });
  }
  for (const method of ['window/workDoneProgress/create', 'client/registerCapability', 'window/showDocument', 'workspace/diagnostic/refresh']) {
    connection.onRequest(method, (params: unknown) => {
      received.push({ method, params });
      return method === 'window/showDocument' ? { success: true } : null;
    });
  }
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    received.push({ method: 'workspace/configuration', params });
    return params.items.map(() => settings);
  });
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const rootUri = pathToFileURL(rootDir).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities, initializationOptions });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    child,
    published,
    received,
    diagnostics: (uri, accept = () => true) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = published.find((p) => p.uri === uri && accept(p));
          if (found) resolve(found.diagnostics);
          return found !== undefined;
        };
        if (check()) return;
        waiters.push(() => void check());
        void exited.then(() => reject(new Error(`the server exited before publishing for ${uri}:\n${stderr}`)));
      }),
    indexed: () =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (received.some((r) => r.method === '$/progress' && (r.params as { value?: { kind?: string } }).value?.kind === 'end')) resolve();
        };
        waiters.push(check);
        check();
        void exited.then(() => reject(new Error(`the server exited before indexing:\n${stderr}`)));
      }),
    open: (uri, text, version = 1) => connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version, text } }),
    change: (uri, version, changes) => connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes.map((c) => (c.range ? { range: c.range, text: c.text } : { text: c.text })) }),
    stop: async () => {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await exited;
      clearTimeout(timer);
      connection.dispose();
      return code;
    },
  };
}

/** A fresh copy of examples/ for each test, with servers started in it and stopped after the test. */
export interface ServerWorkspace {
  /** The copy of the current test. */
  readonly dir: string;
  /** Starts a server for {@link dir}; it is stopped (or killed, if it hangs) after the test. */
  start(capabilities?: ClientCapabilities, settings?: Record<string, unknown>, initializationOptions?: unknown): Promise<TestClient>;
  /** A file of the copy as a `file:` URI, and its text. */
  readonly uriOf: (name: string) => string;
  readonly textOf: (name: string) => string;
}

/** Registers the hooks of a suite whose tests each get a {@link ServerWorkspace}; call it in `describe`. */
export function serverWorkspace(prefix: string): ServerWorkspace {
  let dir = '';
  let clients: TestClient[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    cpSync(path.join(repoRoot(), 'examples'), dir, { recursive: true });
  });
  afterEach(async () => {
    for (const client of clients) if (client.child.exitCode === null) await client.stop().catch(() => client.child.kill('SIGKILL'));
    clients = [];
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async start(capabilities, settings, initializationOptions) {
      const client = await startClient(dir, capabilities, settings, initializationOptions);
      clients.push(client);
      return client;
    },
    uriOf: (name) => pathToFileURL(path.join(dir, name)).href,
    textOf: (name) => readFileSync(path.join(dir, name), 'utf8'),
  };
}
