import type { FunctionSummary } from './effects';
import type { ModuleSummary } from './workspaceIndex';

/**
 * A stable text form of a module's summary, to tell whether a file's change matters to other files.
 * `functionText` lets a caller cache the text of function summaries that survive between edits.
 */
export function moduleFingerprint(summary: ModuleSummary, functionText: (f: FunctionSummary) => string = (f) => JSON.stringify(f)): string {
  const entries = (m: ReadonlyMap<string, unknown>): string => JSON.stringify([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return [
    entries(summary.names),
    entries(summary.reexports),
    JSON.stringify([...summary.classes.entries()].map(([k, v]) => [k, entries(v)]).sort()),
    entries(summary.classBases),
    // Declared types: an attribute's or a return's type decides which calls of other files make coroutines.
    entries(summary.declared ?? new Map()),
    // Function summaries: a change in what a coroutine does can change another file's concurrency findings.
    [...summary.functions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) => `${name}=${functionText(f)}`).join(';'),
  ].join('|');
}
