import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../unit/helpers';

/** The built CLI (`npm run build`; the cli layer of `npm test` builds it first). */
export function cliPath(): string {
  return path.join(repoRoot(), 'dist', 'cli.js');
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end and collects its output. Generous limit: these tests run on a loaded
 * 2-core machine; the limit only stops a hang, it asserts nothing about speed.
 */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `node dist/cli.js ARGS` in `cwd`. */
export function runCli(cwd: string, ...args: string[]): Promise<ProcessRun> {
  return runProcess(process.execPath, [cliPath(), ...args], { cwd });
}

/** Starts `node dist/cli.js ARGS` and returns the child with its output so far, for long-running modes. */
export function startCli(cwd: string, ...args: string[]): { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp, count?: number) => Promise<void>; exited: Promise<ProcessRun> } {
  const child = spawn(process.execPath, [cliPath(), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    waiters.forEach((w) => w());
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<ProcessRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const waitFor = (pattern: RegExp, count = 1): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const matches = stdout.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
        if (matches >= count) resolve();
      };
      waiters.push(check);
      check();
      void exited.then(() => reject(new Error(`exited before printing ${String(pattern)} ${count} times:\n${stdout}\n${stderr}`)));
    });
  return { child, output: () => stdout, waitFor, exited };
}
