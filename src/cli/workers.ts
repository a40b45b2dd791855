import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadPythonParser, type WasmPaths } from '../analysis/parser';
import { WorkspaceIndex } from '../analysis/workspace/workspaceIndex';
import { checkFile, inProcessEngine, type CheckEngine, type FileJob, type FileResult } from './jobs';

const ROLE = 'async-coach-check-worker';

interface WorkerSetup {
  role: typeof ROLE;
  wasm: WasmPaths;
  /** Every module of the run: lookups into the ones this worker has not read answer `pending`. */
  expected: string[];
}

type ToWorker = { type: 'job'; index: number; job: FileJob } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'result'; index: number; result: FileResult };

/** Files per worker below which a thread costs more than it saves. */
const FILES_PER_WORKER = 16;
/** Young-generation cap per worker: the copies of one file's syntax die young, so a small nursery keeps memory low. */
const YOUNG_GENERATION_MB = 8;

/**
 * Checks files in this thread for small runs, and on worker threads (one per core, up to 4, or
 * `jobs` when given) for larger ones. Each worker parses and analyses whole files; calls into
 * modules another worker read come back as pending findings, which runCheck settles at the end,
 * so the findings are the same either way.
 */
export function autoEngine(wasm: WasmPaths, script: string, jobs: number | undefined): CheckEngine {
  const inThisThread = inProcessEngine(() => loadPythonParser(wasm));
  return {
    recheck: (fileJobs, index) => inThisThread.recheck(fileJobs, index),
    check(fileJobs) {
      const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
      const count = Math.min(jobs ?? Math.min(cores, 4), Math.floor(fileJobs.length / FILES_PER_WORKER));
      const here = (): Promise<FileResult[]> => inThisThread.check(fileJobs);
      if (count < 2) return here();
      // A worker that cannot start (no threads in this Node, a sandbox) must not stop the check.
      return checkInWorkers(fileJobs, wasm, script, count).catch(here);
    },
  };
}

function checkInWorkers(jobs: readonly FileJob[], wasm: WasmPaths, script: string, count: number): Promise<FileResult[]> {
  const setup: WorkerSetup = { role: ROLE, wasm, expected: jobs.flatMap((j) => j.modules) };
  const results: FileResult[] = new Array<FileResult>(jobs.length);
  let next = 0;
  let running = count;
  return new Promise((resolve, reject) => {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const feed = (): void => {
        const index = next++;
        const job = jobs[index];
        worker.postMessage(job ? ({ type: 'job', index, job } satisfies ToWorker) : ({ type: 'stop' } satisfies ToWorker));
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'result') {
          results[message.index] = message.result;
          feed();
        } else {
          // Two jobs in flight per worker, so it never waits for the round trip.
          feed();
          feed();
        }
      });
      worker.on('error', (err) => reject(err));
      worker.on('exit', () => {
        if (--running === 0) resolve(results);
      });
    }
  });
}

/** In a worker started by {@link autoEngine}: serve jobs and return true; elsewhere return false. */
export function serveIfWorker(): boolean {
  const setup = workerData as WorkerSetup | undefined;
  if (isMainThread || setup?.role !== ROLE || !parentPort) return false;
  const port = parentPort;
  void loadPythonParser(setup.wasm).then((parser) => {
    const index = new WorkspaceIndex();
    index.expect(setup.expected);
    // One job at a time, in order: a `stop` queued behind a job waits for its result to be sent.
    let chain = Promise.resolve();
    let stopped = false;
    port.on('message', (message: ToWorker) => {
      chain = chain.then(async () => {
        if (stopped) return;
        if (message.type === 'stop') {
          stopped = true;
          port.close();
          return;
        }
        const result = await checkFile(message.job, parser, index);
        port.postMessage({ type: 'result', index: message.index, result } satisfies FromWorker);
      });
    });
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  });
  return true;
}
