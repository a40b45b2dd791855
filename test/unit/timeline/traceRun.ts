// Runs small programs under the real tracer with a real Python, one process at a time (the
// callers await each run). ASYNC_COACH_TRACER_PYTHON picks another interpreter (3.9-3.14) to
// check the tracer against it; by default python3 from PATH.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTracer, TRACER_SCRIPT, type TracerRun } from '../../../src/timeline/runTracer';
import type { Trace, TraceTask } from '../../../src/timeline/trace';
import { repoRoot } from '../helpers';

export const TRACER_PYTHON = process.env.ASYNC_COACH_TRACER_PYTHON ?? 'python3';
/** Generous: these programs run for about a second, but a loaded 2-core machine starts Python slowly. */
export const RUN_TIMEOUT_S = 60;

let version: [number, number] | null | undefined;

/** The interpreter's (major, minor), or null when it is missing. */
export function tracerPythonVersion(): [number, number] | null {
  if (version !== undefined) return version;
  const probe = spawnSync(TRACER_PYTHON, ['-c', 'import sys; print(*sys.version_info[:2])'], { encoding: 'utf8' });
  const m = probe.status === 0 ? /^(\d+) (\d+)/.exec(probe.stdout) : null;
  version = m ? [Number(m[1]), Number(m[2])] : null;
  return version;
}

/** Writes `files` (the first is the program) into a fresh folder and traces the program. */
export async function traceProgram(files: Record<string, string>, timeoutSeconds = RUN_TIMEOUT_S): Promise<TracerRun & { dir: string; script: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-tracer-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const script = path.join(dir, Object.keys(files)[0] ?? 'main.py');
  try {
    const run = await runTracer({ pythons: [TRACER_PYTHON], tracer: path.join(repoRoot(), TRACER_SCRIPT), script, cwd: dir, timeoutSeconds });
    return { ...run, dir, script };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The trace, or a failure that shows what the program printed. */
export function traceOf(run: TracerRun): Trace {
  if (!run.trace) throw new Error(`no trace: ${run.problem ?? '?'}\n${run.output}`);
  return run.trace;
}

export function tasksRunning(trace: Trace, coroutine: string): TraceTask[] {
  return trace.tasks.filter((t) => t.coroutine === coroutine);
}

/** The 1-based line of the first line of `source` containing `text`. */
export function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}
