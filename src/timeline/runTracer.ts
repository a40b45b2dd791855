import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTrace, type Trace } from './trace';

/** The tracer's entry script, relative to the extension or package root. */
export const TRACER_SCRIPT = path.join('media', 'tracer', 'run_traced.py');
/** The tracer exits with this when the program is too old a Python. */
const TOO_OLD_EXIT = 3;
/** After the tracer's own time limit, how long it gets to write its trace before it is killed. */
const GRACE_MS = 5_000;
const DEFAULT_MAX_OUTPUT = 256 * 1024;

export interface TracerOptions {
  /** Interpreters to try in order (`python3`, then `python`): the first one that starts is used. */
  pythons: readonly string[];
  /** media/tracer/run_traced.py. */
  tracer: string;
  /** The program to run. */
  script: string;
  args?: readonly string[];
  cwd: string;
  /** The folder for `sys.path[0]` when the script is a temporary copy of a file that lives elsewhere. */
  sysPath?: string;
  timeoutSeconds: number;
  /** A step at least this long is a stall (default: the tracer's, 0.1 s like asyncio's debug mode). */
  stallSeconds?: number;
  env?: NodeJS.ProcessEnv;
  /** Live output, as it arrives. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

export interface TracerRun {
  /** The interpreter that ran, when one started. */
  python?: string;
  trace?: Trace;
  /** Why there is no trace: no Python, a Python too old, an unreadable trace, a crash. */
  problem?: string;
  /** stdout and stderr in the order they arrived (capped). */
  output: string;
  exitCode: number | null;
  /** The tracer or the backstop stopped the program at the time limit. */
  timedOut: boolean;
  cancelled: boolean;
}

/**
 * Runs `script` under the tracer in a child process (no terminal, no shell) and reads its trace.
 * The tracer stops the program itself at the time limit and writes what it has; this process
 * kills it only if that fails. Never rejects: problems come back in `problem`.
 */
export async function runTracer(options: TracerOptions): Promise<TracerRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-trace-'));
  try {
    let last: TracerRun | undefined;
    for (const python of options.pythons) {
      last = await runOnce(python, path.join(work, 'trace.json'), options);
      if (last.python !== undefined) return last;
    }
    return last ?? { problem: 'No Python interpreter was given.', output: '', exitCode: null, timedOut: false, cancelled: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runOnce(python: string, traceFile: string, options: TracerOptions): Promise<TracerRun> {
  const args = [options.tracer, '--out', traceFile, '--timeout', String(options.timeoutSeconds)];
  if (options.stallSeconds !== undefined) args.push('--stall', String(options.stallSeconds));
  if (options.sysPath) args.push('--sys-path', options.sysPath);
  args.push('--', options.script, ...(options.args ?? []));
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve) => {
    let output = '';
    let dropped = 0;
    let started = false;
    let killedByUs = false;
    let cancelled = false;
    const child = spawn(python, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onOutput?.(text, stream);
      if (output.length + text.length <= max) output += text;
      else dropped += text.length;
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    child.on('spawn', () => {
      started = true;
    });
    const backstop = setTimeout(() => {
      killedByUs = true;
      child.kill('SIGKILL');
    }, options.timeoutSeconds * 1000 + GRACE_MS);
    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (code: number | null, error?: Error): void => {
      clearTimeout(backstop);
      options.signal?.removeEventListener('abort', onAbort);
      if (dropped > 0) output += `\n[… ${dropped} more characters of output not shown]\n`;
      if (!started && error) {
        resolve({ problem: `${python} could not be started (${(error as NodeJS.ErrnoException).code ?? error.message}).`, output, exitCode: null, timedOut: false, cancelled });
        return;
      }
      resolve(readResult(python, traceFile, output, code, killedByUs, cancelled, options.timeoutSeconds));
    };
    // A process the program started may keep the pipes open after it exits: stop reading then.
    child.on('exit', () => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 2_000).unref();
    });
    child.on('error', (err) => finish(null, err));
    child.on('close', (code) => finish(code));
  });
}

function readResult(python: string, traceFile: string, output: string, code: number | null, killed: boolean, cancelled: boolean, timeout: number): TracerRun {
  const base = { python, output, exitCode: code, cancelled };
  let raw: string;
  try {
    raw = readFileSync(traceFile, 'utf8');
  } catch {
    const problem = cancelled
      ? 'The run was cancelled.'
      : killed
        ? `The program did not stop at the ${timeout} s time limit and was killed; no trace was written.`
        : code === TOO_OLD_EXIT
          ? output.trim() || `${python} is older than Python 3.9, which the tracer needs.`
          : `The tracer wrote no trace (exit code ${String(code)}). Did the program end the process with os._exit()?`;
    return { ...base, problem, timedOut: killed };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ...base, problem: `The trace is not valid JSON: ${String(err)}`, timedOut: killed };
  }
  const parsed = parseTrace(json);
  if (!parsed.ok) return { ...base, problem: `The trace does not have the expected shape: ${parsed.error}`, timedOut: killed };
  return { ...base, trace: parsed.trace, timedOut: killed || parsed.trace.stopped === 'timeout' };
}
