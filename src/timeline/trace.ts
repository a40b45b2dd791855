/**
 * The JSON trace the Python tracer (media/tracer/run_traced.py) writes, and its validation. A
 * trace comes from another process that runs the learner's program, so it is `unknown` until
 * `parseTrace` has checked every field. Times are seconds from the start of the run (the moment
 * the first event loop was created).
 */

export const TRACE_VERSION = 1;

/** What a suspended task waited on (see media/tracer/coach_waits.py). */
export type WaitKind = 'sleep' | 'task' | 'gather' | 'lock' | 'queue' | 'io' | 'thread' | 'children' | 'yield' | 'future';
export type Outcome = 'result' | 'exception' | 'cancelled' | 'pending';

export interface Wait {
  kind: WaitKind;
  /** Where the program's own code awaits; null when the chain holds no code of the program. */
  file: string | null;
  line: number | null;
  /** The program's coroutine that awaits there (`fetch_user`), when there is one. */
  in: string | null;
  /** `sleep`: when the sleep was due to end. */
  due?: number;
  /** `task`: the awaited task's id. */
  task?: number;
  /** `gather`: the gathered tasks' ids. */
  tasks?: number[];
  /** The asyncio function it waits in (`Semaphore.acquire`, `StreamReader.read`). */
  what?: string;
}

export interface TraceTask {
  id: number;
  name: string;
  parent: number | null;
  /** The coroutine's qualified name (`fetch_user`, `main.<locals>.worker`). */
  coroutine: string;
  /** Where the coroutine is defined. */
  file: string | null;
  line: number | null;
  /** The program's line that created the task (`create_task`, `gather`, `asyncio.run`). */
  createdFile: string | null;
  createdLine: number | null;
  start: number;
  end: number | null;
  outcome: Outcome;
  /** `ValueError: bad value` when the outcome is an exception. */
  error: string | null;
  /** Each step the task ran: [start, end]. */
  steps: [number, number][];
  /** What the task waited on after each step (null after its last one). Same length as steps. */
  waits: (Wait | null)[];
}

export interface Stall {
  start: number;
  end: number;
  /** The task whose step froze the loop. */
  task: number;
  /** The program's line it was blocked on, as sampled while it ran. */
  file: string | null;
  line: number | null;
  /** That line's source text, stripped. */
  code: string;
}

export interface Trace {
  version: 1;
  python: string;
  file: string;
  total: number;
  tasks: TraceTask[];
  stalls: Stall[];
  stallThreshold: number;
  /** `timeout`: the tracer stopped the program at the time limit; the trace covers what ran. */
  stopped: 'timeout' | null;
  exit: { code: number; error: string | null };
  /** Past the tracer's step limit, steps were counted but not kept. */
  truncated: boolean;
  /** The program never created an event loop. */
  noLoop: boolean;
}

const WAIT_KINDS: readonly string[] = ['sleep', 'task', 'gather', 'lock', 'queue', 'io', 'thread', 'children', 'yield', 'future'];
const OUTCOMES: readonly string[] = ['result', 'exception', 'cancelled', 'pending'];

export type TraceResult = { ok: true; trace: Trace } | { ok: false; error: string };

/** Checks a parsed JSON value against the trace format; says what is wrong when it does not match. */
export function parseTrace(raw: unknown): TraceResult {
  try {
    return { ok: true, trace: readTrace(raw) };
  } catch (err) {
    return { ok: false, error: err instanceof TraceError ? err.message : String(err) };
  }
}

class TraceError extends Error {}

function fail(path: string, expected: string): never {
  throw new TraceError(`${path} must be ${expected}`);
}

function readTrace(raw: unknown): Trace {
  const o = record(raw, 'the trace');
  if (o.version !== TRACE_VERSION) fail('version', `${TRACE_VERSION} (a tracer from another Async Coach version wrote this trace)`);
  const exit = record(o.exit, 'exit');
  return {
    version: TRACE_VERSION,
    python: text(o.python, 'python'),
    file: text(o.file, 'file'),
    total: seconds(o.total, 'total'),
    tasks: list(o.tasks, 'tasks').map((t, i) => readTask(t, `tasks[${i}]`)),
    stalls: list(o.stalls, 'stalls').map((s, i) => readStall(s, `stalls[${i}]`)),
    stallThreshold: seconds(o.stallThreshold, 'stallThreshold'),
    stopped: o.stopped === 'timeout' ? 'timeout' : o.stopped === null || o.stopped === undefined ? null : fail('stopped', '"timeout" or null'),
    exit: { code: integer(exit.code, 'exit.code', true), error: optionalText(exit.error, 'exit.error') },
    truncated: o.truncated === true,
    noLoop: o.noLoop === true,
  };
}

function readTask(raw: unknown, at: string): TraceTask {
  const o = record(raw, at);
  const steps = list(o.steps, `${at}.steps`).map((s, i) => {
    const pair = list(s, `${at}.steps[${i}]`);
    if (pair.length !== 2) fail(`${at}.steps[${i}]`, 'a [start, end] pair');
    return [seconds(pair[0], `${at}.steps[${i}][0]`), seconds(pair[1], `${at}.steps[${i}][1]`)] as [number, number];
  });
  const waits = list(o.waits, `${at}.waits`).map((w, i) => (w === null ? null : readWait(w, `${at}.waits[${i}]`)));
  if (waits.length !== steps.length) fail(`${at}.waits`, 'as long as steps');
  const outcome = o.outcome;
  if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) fail(`${at}.outcome`, OUTCOMES.join(', '));
  return {
    id: integer(o.id, `${at}.id`),
    name: text(o.name, `${at}.name`),
    parent: o.parent === null ? null : integer(o.parent, `${at}.parent`),
    coroutine: text(o.coroutine, `${at}.coroutine`),
    file: optionalText(o.file, `${at}.file`),
    line: optionalLine(o.line, `${at}.line`),
    createdFile: optionalText(o.createdFile, `${at}.createdFile`),
    createdLine: optionalLine(o.createdLine, `${at}.createdLine`),
    start: seconds(o.start, `${at}.start`),
    end: o.end === null ? null : seconds(o.end, `${at}.end`),
    outcome: outcome as Outcome,
    error: optionalText(o.error, `${at}.error`),
    steps,
    waits,
  };
}

function readWait(raw: unknown, at: string): Wait {
  const o = record(raw, at);
  if (typeof o.kind !== 'string' || !WAIT_KINDS.includes(o.kind)) fail(`${at}.kind`, `one of ${WAIT_KINDS.join(', ')}`);
  const wait: Wait = { kind: o.kind as WaitKind, file: optionalText(o.file, `${at}.file`), line: optionalLine(o.line, `${at}.line`), in: optionalText(o.in, `${at}.in`) };
  if (o.due !== undefined) wait.due = seconds(o.due, `${at}.due`);
  if (o.task !== undefined) wait.task = integer(o.task, `${at}.task`);
  if (o.tasks !== undefined) wait.tasks = list(o.tasks, `${at}.tasks`).map((t, i) => integer(t, `${at}.tasks[${i}]`));
  if (o.what !== undefined) wait.what = text(o.what, `${at}.what`);
  return wait;
}

function readStall(raw: unknown, at: string): Stall {
  const o = record(raw, at);
  return {
    start: seconds(o.start, `${at}.start`),
    end: seconds(o.end, `${at}.end`),
    task: integer(o.task, `${at}.task`),
    file: optionalText(o.file, `${at}.file`),
    line: optionalLine(o.line, `${at}.line`),
    code: typeof o.code === 'string' ? o.code : '',
  };
}

function record(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'an object');
  return v as Record<string, unknown>;
}

function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) fail(at, 'an array');
  return v;
}

function text(v: unknown, at: string): string {
  if (typeof v !== 'string') fail(at, 'a string');
  return v;
}

function optionalText(v: unknown, at: string): string | null {
  return v === null || v === undefined ? null : text(v, at);
}

function seconds(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(at, 'a number of seconds (0 or more)');
  return v;
}

function integer(v: unknown, at: string, allowNegative = false): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || (!allowNegative && v < 0)) fail(at, 'a whole number');
  return v;
}

function optionalLine(v: unknown, at: string): number | null {
  return v === null || v === undefined ? null : integer(v, at);
}
