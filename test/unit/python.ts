// Runs python3 for the tests that execute Python (snippets, flashcard samples). python3 is on the
// project's machines, but a contributor without it gets skipped tests with a clear message rather
// than failures. Runs go through one small queue, so a test file can never start dozens at once on a
// busy machine, and each run's time limit is a hang guard sized for a slow machine, not a speed check.
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
  const result = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])'], { encoding: 'utf8', timeout: PYTHON_RUN_LIMIT_MS });
  const match = result.status === 0 ? /^(\d+) (\d+)/.exec(result.stdout) : null;
  probed = match ? { command: 'python3', major: Number(match[1]), minor: Number(match[2]) } : null;
  return probed;
}

export const NO_PYTHON_MESSAGE = 'python3 is not on PATH: skipping the checks that run Python (install Python 3.11+ to run them)';

/** True when the found Python is at least `3.N` as written in the catalog. */
export function pythonAtLeast(python: PythonInfo, version: string): boolean {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return python.major > major || (python.major === major && python.minor >= minor);
}

/**
 * How long one run may take before it is killed. The runs take well under a second on a quiet
 * machine; at a load of 20 on two cores the interpreter's start alone took up to 30 s.
 */
export const PYTHON_RUN_LIMIT_MS = 180_000;

/** Python processes alive at once across the whole test process. */
const MAX_CONCURRENT_RUNS = 2;

export interface PythonRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  /** Hang guard; {@link PYTHON_RUN_LIMIT_MS} unless a test has reason to wait longer. */
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
  const dir = mkdtempSync(path.join(tmpdir(), 'async-coach-python-'));
  const file = path.join(dir, `${name.replace(/[^\w-]/g, '_')}.py`);
  writeFileSync(file, source);
  return runPythonArgs(python, ['-X', 'dev', file], options).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Runs python with `args` once a slot in the queue is free; the time limit starts at the spawn. */
export function runPythonArgs(python: PythonInfo, args: string[], options: RunOptions = {}): Promise<PythonRun> {
  return inQueue(() => spawnPython(python, args, options));
}

let running = 0;
const waiting: (() => void)[] = [];

async function inQueue<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_RUNS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnPython(python: PythonInfo, args: string[], options: RunOptions): Promise<PythonRun> {
  const { timeoutMs = PYTHON_RUN_LIMIT_MS, pythonPath = [], stdin } = options;
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
  if (pythonPath.length > 0) env.PYTHONPATH = [...pythonPath, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
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
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Messages asyncio's debug mode and Python print when async code is wrong. */
export const ASYNC_MISTAKES = /never awaited|Task was destroyed but it is pending|exception was never retrieved|Traceback/;
