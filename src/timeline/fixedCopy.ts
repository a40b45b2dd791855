import { analyzeSource, type AnalyzeOptions } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { applyEdits } from '../editing/applyEdits';

export interface FixedCopy {
  /** The source with the fix applied. */
  text: string;
  /** The 0-based line of the ACO101 finding that was fixed. */
  line: number;
  /** The fix's title, as the quick-fix menu shows it. */
  fixTitle: string;
}

/**
 * The source with the first fix of one ACO101 finding applied (the one on `line`, else the
 * first in the file), for "Compare with the fix". The fix is unsafe applicability (the calls
 * then run together), which is fine here: it only ever reaches a temporary copy. Undefined when
 * the file has no ACO101 finding with a fix.
 */
export function sourceWithSequentialAwaitsFix(parser: PythonParser, source: string, options: AnalyzeOptions = {}, line?: number): FixedCopy | undefined {
  const findings = analyzeSource(parser, source, options).findings.filter((f) => f.code === 'ACO101' && f.fixes.length > 0);
  const finding = (line === undefined ? undefined : findings.find((f) => f.range.start.line <= line && line <= f.range.end.line)) ?? findings[0];
  const fix = finding?.fixes[0];
  if (!finding || !fix) return undefined;
  return { text: applyEdits(source, fix.edits), line: finding.range.start.line, fixTitle: fix.title.replace(/`/g, '') };
}
