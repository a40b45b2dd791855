import type { FileModel, Unit } from './model/fileModel';
import type { Resolver } from './model/resolver';
import type { Scope } from './model/scopes';
import type { PythonVersion } from './pythonVersion';
import type { PyNode } from './syntax/pyNode';
import type { FileSummaries } from './workspace/fileSummaries';
import { MAX_MESSAGE_LENGTH, type Fix, type Range, type RelatedLocation, type RuleMeta, type Severity } from './types';

/** What a rule reports; the analyzer fills in the code, the name and the configured severity. */
export interface Report {
  range: Range;
  /** One sentence that says what is wrong, at most MAX_MESSAGE_LENGTH characters: see {@link fitMessage}. */
  message: string;
  /** The explanation and the advice for this finding (several sentences allowed): shown in the hover. */
  detail?: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /**
   * Workspace names (qualified) that must turn out to be `async def` for the finding to hold.
   * Set from {@link CoroutineCall.assumes}; the CLI settles these once every file is read.
   */
  assumes?: string[];
}

/** Options every rule may read. */
export interface RuleOptions {
  /** The Python version the code targets: fixes use nothing newer (TaskGroup needs 3.11). */
  readonly targetVersion: PythonVersion;
  /** ACO101 also groups bare `await f()` statements (off by default: they are usually ordered side effects). */
  readonly includeBareAwaits: boolean;
  /** Offer the TaskGroup rewrite first where the target version allows it. */
  readonly preferTaskGroup: boolean;
}

/** A call and the scope it runs in. */
export interface CallSite {
  readonly node: PyNode;
  readonly scope: Scope;
}

/**
 * Everything a rule may read, for one analysis unit (a top-level statement, or one member of a
 * top-level class). Rules run once per unit; a unit's findings must depend only on the unit and on
 * the file-level model, so the editor can re-check only the units an edit touched.
 *
 * The model, in short:
 * - `file`: the copied syntax ({@link PyNode}: `type`, `text`, `child(field)`, `children`, `parent`),
 *   its scopes and bindings (`file.scopeOf(node)`, `scope.bindingsOf(name)`, `scope.resolve(name)`,
 *   `scope.readsIncludingClosures(name)`), `file.lines` for positions, `file.usesOtherAsyncLibrary`.
 * - `resolver`: `qualifiedName(expr)` through imports (shadowing respected), `coroutineCall(call)`
 *   (is this call creating a coroutine, and why), `receiverOf(call)`, `typeOf(expr)` (asyncio
 *   primitives, streams, TaskGroup, HTTP clients, event loops, classes of the file).
 * - `calls`, `coroutines`, `scopes`: what the unit contains, found in the single modelling pass.
 */
export interface RuleContext {
  readonly source: string;
  readonly file: FileModel;
  readonly resolver: Resolver;
  /**
   * Function summaries (this file's and the workspace's) and what calls do transitively:
   * `summaries.facts` reads calls and keys, `summaries.effects` resolves a call's effects.
   */
  readonly summaries: FileSummaries;
  readonly unit: Unit;
  readonly options: RuleOptions;
  /** Every scope whose code lies in this unit (functions, lambdas, classes, comprehensions), outermost first. */
  readonly scopes: readonly Scope[];
  /** The `async def` scopes of this unit, outermost first. */
  readonly coroutines: readonly Scope[];
  /** Every call in this unit, in source order within each scope. */
  readonly calls: readonly CallSite[];
  /** The range of a node. */
  rangeOf(node: PyNode): Range;
  report(report: Report): void;
}

export interface Rule {
  /** Code, name, severity, docs page and flashcard: see {@link RuleMeta}. */
  readonly meta: RuleMeta;
  /** Reports the rule's findings in `ctx.unit`. Must not throw on any syntax, broken or not. */
  check(ctx: RuleContext): void;
}

/**
 * The first of `candidates` that fits in {@link MAX_MESSAGE_LENGTH} characters: rules list the
 * message from the most specific (names, code as written) to a plain one that always fits.
 */
export function fitMessage(...candidates: string[]): string {
  return candidates.find((m) => m.length <= MAX_MESSAGE_LENGTH) ?? candidates[candidates.length - 1]!.slice(0, MAX_MESSAGE_LENGTH);
}

export type { Severity };
