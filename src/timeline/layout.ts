import type { LaneView, RunView, SegmentKind, SegmentView, StallView, TimelineView } from '../shared/timelineProtocol';
import { formatSeconds } from '../shared/duration';
import { describeOutcome, describeWait, isDefaultName, lineRef, taskTitle } from './describe';
import type { Stall, Trace, TraceTask, Wait } from './trace';

/** More segments than this in one lane are merged, so a busy task still draws quickly. */
export const MAX_SEGMENTS_PER_LANE = 1500;
/** The rule whose docs a stall links to: the blocking call made visible. */
export const STALL_RULE = 'ACO301';

export interface RunInput {
  label: string;
  /** The trace, when the tracer wrote one. */
  trace: Trace | undefined;
  /** What the program printed, in order. */
  output: string;
  /** The time limit the run had, for the note when it was reached. */
  timeoutSeconds: number;
  /** Why there is no trace (the tracer could not start, the trace was unreadable). */
  problem?: string;
  /** The program's exit code as the runner saw it. */
  exitCode?: number | null;
}

/** One run's lanes, segments and stalls, ready to draw. */
export function buildRun(input: RunInput): RunView {
  const trace = input.trace;
  if (!trace) {
    return { label: input.label, total: 0, totalText: '–', lanes: [], stalls: [], notes: [input.problem ?? 'The run left no trace.'], output: input.output, exitText: exitText(undefined, input), failed: true };
  }
  const tasks = new Map(trace.tasks.map((t) => [t.id, t]));
  const lanes = laneOrder(trace.tasks).map(({ task, depth }) => buildLane(task, depth, trace, tasks));
  const stalls = trace.stalls.map((s) => buildStall(s, trace, tasks));
  return {
    label: input.label,
    total: trace.total,
    totalText: formatSeconds(trace.total),
    lanes,
    stalls,
    notes: notes(trace, input),
    output: input.output,
    exitText: exitText(trace, input),
    failed: trace.stopped !== null || trace.exit.code !== 0,
  };
}

/** The view of one run, or of a run before and after a fix (one above the other). */
export function buildTimeline(title: string, runs: RunView[], message?: string): TimelineView {
  const view: TimelineView = { title, runs, stallRule: STALL_RULE };
  const [before, after] = runs;
  if (before && after && before.lanes.length > 0 && after.lanes.length > 0) view.comparison = `${before.totalText} → ${after.totalText}`;
  if (message) view.message = message;
  return view;
}

/** Tasks depth-first under their parents, siblings in the order they were created. */
export function laneOrder(tasks: readonly TraceTask[]): { task: TraceTask; depth: number }[] {
  const ids = new Set(tasks.map((t) => t.id));
  const children = new Map<number | null, TraceTask[]>();
  for (const t of tasks) {
    const parent = t.parent !== null && ids.has(t.parent) && t.parent !== t.id ? t.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  for (const list of children.values()) list.sort((a, b) => a.start - b.start || a.id - b.id);
  const out: { task: TraceTask; depth: number }[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number): void => {
    for (const t of children.get(parent) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ task: t, depth });
      visit(t.id, depth + 1);
    }
  };
  visit(null, 0);
  // A parent cycle (never written by the tracer) would hide tasks: show them at the top level.
  for (const t of tasks) if (!seen.has(t.id)) out.push({ task: t, depth: 0 });
  return out;
}

function buildLane(task: TraceTask, depth: number, trace: Trace, tasks: ReadonlyMap<number, TraceTask>): LaneView {
  const lane: LaneView = { id: task.id, depth, title: task.coroutine, start: task.start, end: task.end, outcome: task.outcome, segments: mergeTiny(segments(task, trace, tasks), trace.total) };
  if (!isDefaultName(task.name)) lane.name = task.name;
  if (task.file) lane.file = task.file;
  if (task.line) lane.line = task.line;
  if (task.error) lane.error = task.error;
  return lane;
}

function segments(task: TraceTask, trace: Trace, tasks: ReadonlyMap<number, TraceTask>): SegmentView[] {
  const out: SegmentView[] = [];
  const others = trace.stalls.filter((s) => s.task !== task.id);
  const first = task.steps[0];
  if (first && first[0] > task.start) {
    gap(out, task.start, first[0], task.start, others, trace, `waited for its first turn on the loop`);
  }
  task.steps.forEach(([start, end], i) => {
    const wait = task.waits[i] ?? null;
    const isLast = i === task.steps.length - 1;
    const stall = end - start >= trace.stallThreshold ? trace.stalls.find((s) => s.task === task.id && s.start <= start + 1e-6 && s.end >= end - 1e-6) : undefined;
    if (stall) {
      out.push(located<SegmentView>({ kind: 'blocking', start, end, text: `blocked the event loop for ${formatSeconds(end - start)}${stallWhere(stall, trace)}: no other task could run` }, stall.file, stall.line));
    } else {
      const after = wait ? `, up to the await on ${lineRef(wait.file, wait.line, trace.file) || 'its next await'}` : isLast && task.end !== null ? ` and ${describeOutcome(task)}` : '';
      out.push(located<SegmentView>({ kind: 'running', start, end, text: `ran ${formatSeconds(end - start)}${after}` }, wait?.file, wait?.line));
    }
    const next = task.steps[i + 1];
    const until = next ? next[0] : task.end === null ? trace.total : undefined;
    if (wait && until !== undefined && until > end) {
      const where = lineRef(wait.file, wait.line, trace.file);
      const readyFrom = wait.kind === 'sleep' ? Math.max(end, wait.due ?? end) : wait.kind === 'yield' ? end : Infinity;
      const inside = wait.in && wait.in !== task.coroutine ? ` in ${wait.in}` : '';
      gap(out, end, until, readyFrom, others, trace, `waited${inside} on ${describeWait(wait, end, tasks)}${where ? ` at ${where}` : ''}`, wait);
    }
  });
  return out;
}

/**
 * A wait from `start` to `end`. From `readyFrom` on, the task could have run (its sleep was
 * over): any part of that overlapping another task's stall is drawn as blocked.
 */
function gap(out: SegmentView[], start: number, end: number, readyFrom: number, stalls: readonly Stall[], trace: Trace, waitText: string, wait?: Wait): void {
  let cursor = start;
  const blocked = stalls
    .map((s) => ({ s, from: Math.max(s.start, readyFrom, start), to: Math.min(s.end, end) }))
    .filter((b) => b.to > b.from)
    .sort((a, b) => a.from - b.from);
  const waiting = (to: number): void => {
    if (to <= cursor) return;
    const segment: SegmentView = { kind: 'waiting', start: cursor, end: to, text: `${waitText} (${formatSeconds(to - cursor)})` };
    if (wait?.in) segment.label = wait.in.split('.').pop() ?? wait.in;
    out.push(located(segment, wait?.file, wait?.line));
  };
  for (const b of blocked) {
    if (b.from < cursor) continue;
    waiting(b.from);
    out.push(located<SegmentView>({ kind: 'blocked', start: b.from, end: b.to, text: `ready to run but blocked ${formatSeconds(b.to - b.from)}: the loop was frozen${stallWhere(b.s, trace)}` }, b.s.file, b.s.line));
    cursor = b.to;
  }
  waiting(end);
}

function stallWhere(stall: Stall, trace: Trace): string {
  const where = lineRef(stall.file, stall.line, trace.file);
  return where ? ` by ${where}${stall.code ? ` (${stall.code})` : ''}` : '';
}

function buildStall(stall: Stall, trace: Trace, tasks: ReadonlyMap<number, TraceTask>): StallView {
  const task = tasks.get(stall.task);
  const view: StallView = {
    start: stall.start,
    end: stall.end,
    lane: stall.task,
    code: stall.code,
    text: `The loop was blocked ${formatSeconds(stall.end - stall.start)}${stallWhere(stall, trace)}${task ? ` in ${taskTitle(task)}` : ''}: a blocking call freezes every task.`,
  };
  return located(view, stall.file, stall.line);
}

function located<T extends { file?: string; line?: number }>(view: T, file: string | null | undefined, line: number | null | undefined): T {
  if (file && line) {
    view.file = file;
    view.line = line;
  }
  return view;
}

const PRIORITY: Record<SegmentKind, number> = { blocking: 3, blocked: 2, running: 1, waiting: 0 };

/** Merges neighbours narrower than total / MAX_SEGMENTS_PER_LANE when a lane has too many to draw. */
export function mergeTiny(segments: SegmentView[], total: number): SegmentView[] {
  if (segments.length <= MAX_SEGMENTS_PER_LANE) return segments;
  const width = total / MAX_SEGMENTS_PER_LANE;
  const out: SegmentView[] = [];
  let group: SegmentView[] = [];
  const flush = (): void => {
    const [head] = group;
    if (!head) return;
    const tail = group[group.length - 1] ?? head;
    if (group.length === 1) out.push(head);
    else {
      const kind = group.reduce((k, s) => (PRIORITY[s.kind] > PRIORITY[k] ? s.kind : k), head.kind);
      out.push({ kind, start: head.start, end: tail.end, text: `${group.length} steps and waits in ${formatSeconds(tail.end - head.start)} (zoomed out)` });
    }
    group = [];
  };
  for (const s of segments) {
    if (group.length > 0 && (s.end - (group[0]?.start ?? s.start) > width || s.kind === 'blocking')) flush();
    group.push(s);
  }
  flush();
  return out;
}

function notes(trace: Trace, input: RunInput): string[] {
  const out: string[] = [];
  if (trace.stopped === 'timeout') out.push(`Stopped at the ${input.timeoutSeconds} s time limit: the program was still running. The timeline shows what it did until then.`);
  if (trace.noLoop) out.push('The program created no asyncio event loop, so there are no tasks to show. Does it reach asyncio.run(...)?');
  if (trace.truncated) out.push('This run took more steps than the tracer keeps; the timeline shows the first ones.');
  if (input.problem) out.push(input.problem);
  return out;
}

function exitText(trace: Trace | undefined, input: RunInput): string {
  if (trace?.stopped === 'timeout') return `stopped at the ${input.timeoutSeconds} s time limit`;
  const code = trace?.exit.code ?? input.exitCode;
  if (trace?.exit.error) return `ended with ${trace.exit.error}, exit code ${String(code)}`;
  if (code === 0) return 'exited normally, exit code 0';
  return code === undefined || code === null ? 'did not finish' : `exited with code ${code}`;
}
