import type { Node } from 'web-tree-sitter';
import type { ImportTable } from './imports';
import type { Fix, Range, RelatedLocation, RuleMeta, Severity } from './types';

/** What a rule reports; the analyzer fills in the code, the name and the configured severity. */
export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

/** Everything a rule may read. Built once per analysis and shared by all rules. */
export interface RuleContext {
  readonly source: string;
  readonly root: Node;
  readonly imports: ImportTable;
  /** Every `call` node of the file, in source order: collected once for all rules. */
  readonly calls: readonly Node[];
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { Severity };
