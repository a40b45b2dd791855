/**
 * The message protocol between the extension and the timeline webview ("See it run"), and the
 * view model it carries. Both sides import these types; both run every incoming message through
 * a parser below, because a webview is a web page: what arrives is `unknown` until checked.
 * The extension builds the model (src/timeline/layout.ts); the page only draws it.
 */

/** running: a step on the loop; waiting: suspended on an await; blocked: ready, but the loop was frozen; blocking: the step that froze it. */
export type SegmentKind = 'running' | 'waiting' | 'blocked' | 'blocking';
export type TaskOutcome = 'result' | 'exception' | 'cancelled' | 'pending';

export interface SegmentView {
  kind: SegmentKind;
  start: number;
  end: number;
  /** One sentence for the hover: what the task did or waited on, and for how long. */
  text: string;
  /** A short name drawn inside the bar when it is wide enough: the coroutine it waits in. */
  label?: string;
  /** The program's line this segment is about (where it awaits, or the blocking call). */
  file?: string;
  line?: number;
}

export interface LaneView {
  id: number;
  /** Nesting under the parent task, 0 for a task the program started directly. */
  depth: number;
  /** The coroutine (`fetch_user`). */
  title: string;
  /** The task's name when the program gave it one (not the default `Task-7`). */
  name?: string;
  file?: string;
  line?: number;
  start: number;
  end: number | null;
  outcome: TaskOutcome;
  /** `ValueError: bad value` for an exception. */
  error?: string;
  segments: SegmentView[];
}

export interface StallView {
  start: number;
  end: number;
  /** The lane whose step froze the loop. */
  lane: number;
  file?: string;
  line?: number;
  code: string;
  text: string;
}

export interface RunView {
  /** `As it is`, `With the fix`, or the file name for a single run. */
  label: string;
  total: number;
  /** `1.5 s`. */
  totalText: string;
  lanes: LaneView[];
  stalls: StallView[];
  /** Things to know about this run: stopped at the timeout, no event loop, steps left out. */
  notes: string[];
  /** What the program printed (stdout and stderr, in order), and how it ended. */
  output: string;
  exitText: string;
  failed: boolean;
}

export interface TimelineView {
  /** The file that ran, for the heading. */
  title: string;
  runs: RunView[];
  /** With two runs: `1.5 s → 0.5 s`. */
  comparison?: string;
  /** A sentence above the runs (why this file was compared, what went wrong). */
  message?: string;
  /** The documentation page the stall marks link to. */
  stallRule: string;
}

/** Webview -> extension. */
export type TimelineToExtension =
  | { type: 'ready' }
  | { type: 'openSource'; run: number; file: string; line: number }
  | { type: 'openRuleDocs' }
  | { type: 'rerun' };

/** Extension -> webview. */
export type TimelineToWebview = { type: 'running'; title: string; text: string } | { type: 'show'; view: TimelineView } | { type: 'error'; title: string; text: string };

const MAX_TEXT = 20_000;
const MAX_OUTPUT = 300_000;
const SEGMENT_KINDS: readonly string[] = ['running', 'waiting', 'blocked', 'blocking'];
const OUTCOMES: readonly string[] = ['result', 'exception', 'cancelled', 'pending'];

/** Checks a message from the webview; undefined for anything malformed. */
export function parseTimelineToExtension(raw: unknown): TimelineToExtension | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'openRuleDocs':
    case 'rerun':
      return { type: raw.type };
    case 'openSource':
      return isCount(raw.run) && raw.run < 2 && isText(raw.file) && raw.file !== '' && isCount(raw.line) && raw.line > 0
        ? { type: 'openSource', run: raw.run, file: raw.file, line: raw.line }
        : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the extension; undefined for anything malformed. */
export function parseTimelineToWebview(raw: unknown): TimelineToWebview | undefined {
  if (!isObject(raw)) return undefined;
  if ((raw.type === 'running' || raw.type === 'error') && isText(raw.title) && isText(raw.text)) return { type: raw.type, title: raw.title, text: raw.text };
  if (raw.type === 'show' && isTimelineView(raw.view)) return { type: 'show', view: raw.view };
  return undefined;
}

function isTimelineView(v: unknown): v is TimelineView {
  return (
    isObject(v) &&
    isText(v.title) &&
    Array.isArray(v.runs) &&
    v.runs.length >= 1 &&
    v.runs.length <= 2 &&
    v.runs.every(isRunView) &&
    (v.comparison === undefined || isText(v.comparison)) &&
    (v.message === undefined || isText(v.message)) &&
    isText(v.stallRule)
  );
}

function isRunView(v: unknown): v is RunView {
  return (
    isObject(v) &&
    isText(v.label) &&
    isSeconds(v.total) &&
    isText(v.totalText) &&
    Array.isArray(v.lanes) &&
    v.lanes.every(isLaneView) &&
    Array.isArray(v.stalls) &&
    v.stalls.every(isStallView) &&
    Array.isArray(v.notes) &&
    v.notes.every(isText) &&
    typeof v.output === 'string' &&
    v.output.length <= MAX_OUTPUT &&
    isText(v.exitText) &&
    typeof v.failed === 'boolean'
  );
}

function isLaneView(v: unknown): v is LaneView {
  return (
    isObject(v) &&
    isCount(v.id) &&
    isCount(v.depth) &&
    isText(v.title) &&
    (v.name === undefined || isText(v.name)) &&
    isLocation(v) &&
    isSeconds(v.start) &&
    (v.end === null || isSeconds(v.end)) &&
    typeof v.outcome === 'string' &&
    OUTCOMES.includes(v.outcome) &&
    (v.error === undefined || isText(v.error)) &&
    Array.isArray(v.segments) &&
    v.segments.every(isSegmentView)
  );
}

function isSegmentView(v: unknown): v is SegmentView {
  return isObject(v) && typeof v.kind === 'string' && SEGMENT_KINDS.includes(v.kind) && isSeconds(v.start) && isSeconds(v.end) && v.end >= v.start && isText(v.text) && (v.label === undefined || isText(v.label)) && isLocation(v);
}

function isStallView(v: unknown): v is StallView {
  return isObject(v) && isSeconds(v.start) && isSeconds(v.end) && isCount(v.lane) && isLocation(v) && isText(v.code) && isText(v.text);
}

function isLocation(v: Record<string, unknown>): boolean {
  return (v.file === undefined || isText(v.file)) && (v.line === undefined || (isCount(v.line) && v.line > 0));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
