import type { Outcome, Trace } from './trace';

/** The `async-coach trace --json` object: the trace's core, in a shape scripts can rely on. */
export interface CliTrace {
  total: number;
  tasks: {
    id: number;
    name: string;
    parent: number | null;
    coroutine: string;
    file: string | null;
    line: number | null;
    start: number;
    end: number | null;
    outcome: Outcome;
    steps: [number, number][];
  }[];
  stalls: { start: number; end: number; file: string | null; line: number | null }[];
}

/** Projects a full trace onto the documented `--json` shape (times in seconds from the run's start). */
export function cliTrace(trace: Trace): CliTrace {
  return {
    total: trace.total,
    tasks: trace.tasks.map((t) => ({ id: t.id, name: t.name, parent: t.parent, coroutine: t.coroutine, file: t.file, line: t.line, start: t.start, end: t.end, outcome: t.outcome, steps: t.steps })),
    stalls: trace.stalls.map((s) => ({ start: s.start, end: s.end, file: s.file, line: s.line })),
  };
}
