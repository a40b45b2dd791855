// Runs python3 for the snippet tests. python3 is on the project's machines, but a contributor
// without it gets skipped tests with a clear message rather than failures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PythonInfo {
  command: string;
  major: number;
  minor: number;
}

let probed: PythonInfo | null | undefined;

/** python3 and its version, or null when it is not on PATH. */
export function findPython(): PythonInfo | null {
  if (probed !== undefined) return probed;
  const result = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])'], { encoding: 'utf8' });
  const match = result.status === 0 ? /^(\d+) (\d+)/.exec(result.stdout) : null;
  probed = match ? { command: 'python3', major: Number(match[1]), minor: Number(match[2]) } : null;
  return probed;
}

export const NO_PYTHON_MESSAGE = 'python3 is not on PATH: skipping the snippet compile/run checks (install Python 3.11+ to run them)';

/** True when the found Python is at least `3.N` as written in the catalog. */
export function pythonAtLeast(python: PythonInfo, version: string): boolean {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return python.major > major || (python.major === major && python.minor >= minor);
}

export interface PythonRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Wall-clock milliseconds from spawn to exit, interpreter start-up included. */
  ms: number;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Extra directories put first on PYTHONPATH (to shadow a module, for example). */
  pythonPath?: string[];
  stdin?: string;
}

/**
 * Writes `source` to a temporary file and runs it in development mode (-X dev), which turns on
 * asyncio's debug checks: a never-awaited coroutine or a task destroyed while pending is reported
 * on stderr, where the tests look for it.
 */
export function runPython(python: PythonInfo, source: string, name: string, options: RunOptions = {}): Promise<PythonRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'async-coach-snippet-'));
  const file = path.join(dir, `${name.replace(/[^\w-]/g, '_')}.py`);
  writeFileSync(file, source);
  return runPythonArgs(python, ['-X', 'dev', file], options).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export function runPythonArgs(python: PythonInfo, args: string[], options: RunOptions = {}): Promise<PythonRun> {
  const { timeoutMs = 10_000, pythonPath = [], stdin } = options;
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
  if (pythonPath.length > 0) env.PYTHONPATH = [...pythonPath, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(python.command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Messages asyncio's debug mode and Python print when async code is wrong. */
export const ASYNC_MISTAKES = /never awaited|Task was destroyed but it is pending|exception was never retrieved|Traceback/;
