import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadPythonParser, type WasmPaths } from '../analysis/parser';
import { ServerCore, type CoreLog } from './core';
import { RuleDocsFiles } from './ruleDocs';

const ROLE = 'async-coach-server-core';

interface CoreSetup {
  role: typeof ROLE;
  wasm: WasmPaths;
  docsDir: string;
}

type ToCore = { id: number; method: string; args: unknown[] };
type FromCore =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'log'; level: Parameters<CoreLog>[0]; message: string }
  | { kind: 'progress'; done: number; total: number };

/** The server core's methods, each answered by a promise (the core runs on another thread). */
export type RemoteCore = {
  [K in keyof ServerCore as ServerCore[K] extends (...args: never[]) => unknown ? K : never]: ServerCore[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
} & {
  /** Stops the thread. */
  terminate(): Promise<void>;
};

/**
 * Starts the server core (parsing, analysis, the workspace index) on a worker thread, so a long
 * analysis never holds up the thread that reads the protocol: cancellations, new edits and
 * `shutdown` are read while a large file is analysed. `script` is the bundle that calls
 * {@link serveCoreIfWorker} at load.
 */
export function startCoreWorker(script: string, wasm: WasmPaths, docsDir: string, log: CoreLog, progress: (done: number, total: number) => void): RemoteCore {
  const setup: CoreSetup = { role: ROLE, wasm, docsDir };
  const worker = new Worker(script, { workerData: setup });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (err: Error): void => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (message: FromCore) => {
    if (message.kind === 'log') return log(message.level, message.message);
    if (message.kind === 'progress') return progress(message.done, message.total);
    const w = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.kind === 'result') w?.resolve(message.value);
    else w?.reject(new Error(message.message));
  });
  worker.on('error', (err) => {
    log('error', `The analysis thread failed: ${err.message}`);
    failAll(err);
  });
  worker.on('exit', (code) => failAll(new Error(`the analysis thread exited (${code})`)));
  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies ToCore);
    });
  };
  return new Proxy({} as RemoteCore, {
    get: (_target, method: string) => (method === 'terminate' ? () => worker.terminate().then(() => undefined) : (...args: unknown[]) => call(method, args)),
  });
}

/**
 * The same core in the calling thread, behind the same promise-returning face: what the server was
 * before its core moved to a worker. Kept for the benchmark that compares the two.
 */
export function inThreadCore(core: ServerCore): RemoteCore {
  return new Proxy({} as RemoteCore, {
    get: (_target, method: string) =>
      method === 'terminate'
        ? () => Promise.resolve()
        : (...args: unknown[]) => {
            try {
              return Promise.resolve((core as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args));
            } catch (err) {
              return Promise.reject(err instanceof Error ? err : new Error(String(err)));
            }
          },
  });
}

/** In the core's worker thread: builds the core and answers calls; true when this thread is one. */
export function serveCoreIfWorker(): boolean {
  const setup = workerData as Partial<CoreSetup> | undefined;
  if (isMainThread || !parentPort || setup?.role !== ROLE || !setup.wasm || !setup.docsDir) return false;
  const port = parentPort;
  const send = (message: FromCore): void => port.postMessage(message);
  const ready = loadPythonParser(setup.wasm).then(
    (parser) =>
      new ServerCore(parser, new RuleDocsFiles(setup.docsDir!), (level, message) => send({ kind: 'log', level, message }), (done, total) => send({ kind: 'progress', done, total })),
  );
  port.on('message', (message: ToCore) => {
    void ready
      .then(async (core) => {
        const method = (core as unknown as Record<string, unknown>)[message.method];
        if (typeof method !== 'function') throw new Error(`no core method ${message.method}`);
        const value: unknown = await (method as (...args: unknown[]) => unknown).apply(core, message.args);
        send({ kind: 'result', id: message.id, value });
      })
      .catch((err: unknown) => send({ kind: 'error', id: message.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  });
  return true;
}
