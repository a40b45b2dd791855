import { isAtLeast } from '../pythonVersion';
import type { Scope } from '../model/scopes';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { calleeName, namesReadIn, runsCode } from '../syntax/queries';
import { blocksOf, concurrencyCandidate } from './concurrency';
import { dependence, footprintOf, type Footprint } from './independence';
import { gatherFix, taskGroupFix, type RunStep } from './sequentialAwaitsFix';

/**
 * ACO101 sequential-awaits: consecutive statements of one block, each `name = await call(...)`
 * (tuple targets too, and a final `return ..., await call(...)`), whose calls are provably
 * independent: no call reads a name an earlier statement of the run bound, and their footprints
 * (see independence.ts: resources, writes, reads, the outside world, from the function summaries)
 * do not meet. Each await waits for the previous one, so the block takes the sum of the calls'
 * times; with `asyncio.gather` it takes about the slowest.
 *
 * Left silent: bare `await x()` statements (unless the option includes them), awaiting something
 * that is not a call (a task or future already runs), sleeps and synchronisation primitives, calls
 * that never wait on I/O, the same call twice, a comment that states an order, trio/anyio modules,
 * and anything whose effects are unknown. Fixes: gather; TaskGroup on 3.11+ (both unsafe).
 */
export const sequentialAwaits: Rule = {
  meta: {
    code: 'ACO101',
    name: 'sequential-awaits',
    defaultSeverity: 'information',
    summary: 'a run of consecutive awaits that do not depend on each other and could run concurrently',
    docsSlug: 'ACO101-sequential-awaits',
    cardId: 'rule-aco101-sequential-awaits',
    offInTests: true,
  },
  check(ctx: RuleContext): void {
    if (ctx.file.usesOtherAsyncLibrary) return;
    for (const scope of ctx.coroutines) {
      if (!scope.complete) continue;
      for (const block of blocksOf(scope)) for (const run of runsIn(ctx, block, scope)) report(ctx, run, scope);
    }
  },
};

interface Step extends RunStep {
  readonly footprints: readonly Footprint[];
  readonly reads: ReadonlySet<string>;
  readonly targets: ReadonlySet<string>;
}

/** Comment words that state an order between statements: "first create the parent, then ...". */
const ORDER_WORDS = /\b(first|then|before|after|afterwards|next|until|finally|must|wait for|depends? on)\b/i;

/** Splits a block's statements into maximal runs of independent awaited calls (two calls or more). */
function runsIn(ctx: RuleContext, block: PyNode, scope: Scope): Step[][] {
  const runs: Step[][] = [];
  let run: Step[] = [];
  const flush = (): void => {
    if (run.reduce((n, s) => n + s.calls.length, 0) >= 2) runs.push(run);
    run = [];
  };
  // Comments just above a block's first statement sit before the block node: start at its header.
  let before = block.parent?.startIndex ?? block.startIndex;
  let runStart = before;
  for (const stmt of block.children) {
    const step = asStep(ctx, stmt, scope);
    if (!step) {
      flush();
      before = stmt.endIndex;
      continue;
    }
    if (!fitsRun(run, step) || (run.length > 0 && statesAnOrder(ctx, runStart, stmt.endIndex))) flush();
    if (run.length === 0) runStart = before;
    run.push(step);
    before = stmt.endIndex;
    if (step.kind === 'return') flush();
  }
  flush();
  return runs;
}

/** A statement that can join a run, or undefined. */
function asStep(ctx: RuleContext, stmt: PyNode, scope: Scope): Step | undefined {
  let kind: RunStep['kind'];
  let awaits: PyNode[];
  let target: PyNode | undefined;
  if (stmt.type === 'expression_statement' && stmt.children.length === 1) {
    const expr = stmt.children[0]!;
    if (expr.type === 'assignment' && !expr.child('type')) {
      const left = expr.child('left');
      const right = expr.child('right');
      if (!left || !right || !isPlainTarget(left)) return undefined;
      kind = 'assign';
      target = left;
      awaits = [unparenthesize(right)];
    } else if (expr.type === 'await' && ctx.options.includeBareAwaits) {
      kind = 'bare';
      awaits = [expr];
    } else {
      return undefined;
    }
  } else if (stmt.type === 'return_statement' && stmt.children.length === 1) {
    const value = unparenthesize(stmt.children[0]!);
    const elements = value.type === 'expression_list' || value.type === 'tuple' ? value.children : [value];
    awaits = elements.map(unparenthesize).filter((e) => e.type === 'await');
    // Other elements are evaluated before the calls in the rewrite: only plain values may stay.
    if (awaits.length === 0 || elements.some((e) => unparenthesize(e).type !== 'await' && runsCode(e))) return undefined;
    kind = 'return';
  } else {
    return undefined;
  }
  const calls: PyNode[] = [];
  const footprints: Footprint[] = [];
  for (const a of awaits) {
    const call = a.type === 'await' && a.children.length === 1 ? a.children[0]! : undefined;
    if (call?.type !== 'call') return undefined;
    const candidate = concurrencyCandidate(ctx, call, scope);
    if (!candidate) return undefined;
    const footprint = footprintOf(ctx, a, candidate.call, scope);
    if (footprint.pending || !footprint.suspends || footprints.some((f) => dependence(f, footprint) !== undefined)) return undefined;
    calls.push(call);
    footprints.push(footprint);
  }
  const reads = new Set<string>();
  for (const call of calls) for (const n of namesReadIn(call)) reads.add(n);
  const targets = target ? namesReadIn(target) : new Set<string>();
  return { stmt, kind, target, awaits, calls, footprints, reads, targets };
}

/** Names only, possibly in a tuple: `a`, `a, b`, `(a, b)`. No attributes, subscripts or stars. */
function isPlainTarget(left: PyNode): boolean {
  if (left.type === 'identifier') return true;
  if (left.type !== 'pattern_list' && left.type !== 'tuple_pattern') return false;
  return left.children.length > 0 && left.children.every(isPlainTarget);
}

/** The step depends on nothing the run binds, rebinds nothing the run uses, and its calls are independent of the run's. */
function fitsRun(run: readonly Step[], step: Step): boolean {
  for (const earlier of run) {
    for (const name of step.reads) if (earlier.targets.has(name)) return false;
    for (const name of step.targets) if (earlier.targets.has(name) || earlier.reads.has(name)) return false;
    for (const a of earlier.footprints) for (const b of step.footprints) if (dependence(a, b) !== undefined) return false;
  }
  return true;
}

/** A comment among the statements (or just above them) says their order matters. */
function statesAnOrder(ctx: RuleContext, start: number, end: number): boolean {
  return ctx.file.commentsIn(start, end).some(([s, e]) => ORDER_WORDS.test(ctx.source.slice(s, e)));
}

function report(ctx: RuleContext, run: Step[], scope: Scope): void {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const names = run.flatMap((s) => s.calls.map((c) => `\`${calleeName(c) ?? 'call'}()\``));
  const count = names.length;
  const taskGroup = isAtLeast(ctx.options.targetVersion, 3, 11);
  const fixes = [gatherFix(ctx, run, scope), ...(taskGroup ? [taskGroupFix(ctx, run, scope)] : [])];
  if (taskGroup && ctx.options.preferTaskGroup) fixes.reverse();
  const needs = count === 2 ? "neither needs the other's result" : "none needs another's result";
  ctx.report({
    range: ctx.file.lines.rangeOf(first.stmt.startIndex, last.stmt.endIndex),
    message: fitMessage(
      `${listOf(names)} are awaited one after another, but ${needs}`,
      ...(count > 3 ? [`${listOf([...names.slice(0, 2), `${count - 2} more`])} are awaited one after another, but ${needs}`] : []),
      `These ${count} calls are awaited one after another, but ${needs}`,
    ),
    detail:
      `Each await finishes before the next call starts, so the ${count} calls take the sum of their times. ` +
      'Started together with `asyncio.gather(...)`, they take about as long as the slowest' +
      (taskGroup ? ' (an `asyncio.TaskGroup` does the same and cancels the others if one fails).' : '.'),
    fixes,
    // Each awaited call of the run, in order (all inside this unit, as cached findings require).
    related: run.flatMap((s) => s.calls).map((call, i) => ({ range: ctx.rangeOf(call), message: i === 0 ? `await 1 of ${count}` : `await ${i + 1} of ${count}: starts only when await ${i} has finished` })),
  });
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
