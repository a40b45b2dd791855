import type { Finding, RuleMeta } from '../analysis/types';

/**
 * Problems with a file itself rather than with its code, reported like findings so that JSON,
 * SARIF and GitHub annotations show them (Ruff reports syntax errors as diagnostics too). They
 * are not rules: `--select` and `--ignore` do not turn them off.
 */
export const FILE_PROBLEMS = {
  syntaxError: {
    code: 'ACO001',
    name: 'syntax-error',
    defaultSeverity: 'error',
    summary: 'the file does not parse as Python: the rules checked the parts that do, and no fix is applied to it',
    docsSlug: '',
  },
  unreadable: {
    code: 'ACO002',
    name: 'unreadable-file',
    defaultSeverity: 'warning',
    summary: 'the file was not checked: missing, unreadable, not a regular file, too large, binary, or not in its declared encoding',
    docsSlug: '',
  },
} as const;

export type FileProblemCode = (typeof FILE_PROBLEMS)[keyof typeof FILE_PROBLEMS]['code'];

/** Metadata of a rule or of a file problem, for SARIF and the statistics. */
export type ReportedMeta = RuleMeta | (typeof FILE_PROBLEMS)[keyof typeof FILE_PROBLEMS];

/** A finding of a rule, or a file problem (ACO001/ACO002), as the outputs print them. */
export interface ReportedFinding extends Omit<Finding, 'code'> {
  code: Finding['code'] | FileProblemCode;
}

/** Findings of one file, with the path as the user should see it (relative to the working directory). */
export interface FileReport {
  path: string;
  findings: ReportedFinding[];
}

/** A file problem at the start of the file (or at `range`), as a finding. */
export function fileProblem(kind: keyof typeof FILE_PROBLEMS, message: string, range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }): ReportedFinding {
  const meta = FILE_PROBLEMS[kind];
  return { code: meta.code, name: meta.name, severity: meta.defaultSeverity, message, range, fixes: [], related: [] };
}

/** 1-based line/column for printing; the analysis is 0-based. */
export function oneBased(p: { line: number; character: number }): { line: number; column: number } {
  return { line: p.line + 1, column: p.character + 1 };
}

/**
 * A path safe to print on one line: control characters (a newline in a file name, an escape
 * sequence) are written as escapes, so each finding stays one line and nothing reaches the terminal.
 */
export function printablePath(p: string): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/;
  if (!control.test(p)) return p;
  // eslint-disable-next-line no-control-regex
  return p.replace(/[\u0000-\u001f\u007f\\]/g, (c) => {
    if (c === '\\') return '\\\\';
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** How the summary and the `[*]` marks speak of fixes. */
export interface RunSummary {
  /** Files read and analysed (skipped ones not counted). */
  checkedFiles: number;
  /** Problems fixed by `--fix` in this run. */
  fixed: number;
  /** `--fix` ran: no "fixable with --fix" hint. */
  fixMode: boolean;
  /** `--unsafe-fixes` was given: unsafe fixes count as fixable. */
  unsafeFixes: boolean;
}

/** Whether `--fix` would fix the finding (`fixable`), only with `--unsafe-fixes` (`unsafe`), or not at all. */
export function fixability(f: ReportedFinding, unsafeFixes: boolean): 'fixable' | 'unsafe' | 'none' {
  if (f.fixes.some((x) => x.applicability === 'safe')) return 'fixable';
  if (f.fixes.length === 0) return 'none';
  return unsafeFixes ? 'fixable' : 'unsafe';
}

/** `1 file`, `2 files`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
