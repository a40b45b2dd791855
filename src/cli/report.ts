import type { Finding } from '../analysis/types';

/** Findings of one file, with the path as the user should see it (relative to the working directory). */
export interface FileReport {
  path: string;
  findings: Finding[];
}

/** 1-based line/column for printing; the analysis is 0-based. */
export function oneBased(p: { line: number; character: number }): { line: number; column: number } {
  return { line: p.line + 1, column: p.character + 1 };
}
