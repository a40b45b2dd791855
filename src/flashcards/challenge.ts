import type { Node } from 'web-tree-sitter';
import { analyzeTree } from '../analysis/analyzer';
import { collectImports, qualifiedName, type ImportTable } from '../analysis/imports';
import type { PythonParser } from '../analysis/parser';
import { enclosingFunction, isAsyncDef } from '../analysis/syntax';
import type { Finding } from '../analysis/types';

/**
 * The course's 5-step challenge (08:38 to 09:13 in the course video), checked statically: are the
 * right constructs in the learner's file? Running the file and timing it is the editor's job; this
 * only reads it.
 */
export const CHALLENGE_STEPS = [
  { id: 'fetchUser', title: 'An async fetch_user that awaits asyncio.sleep and returns a user dict' },
  { id: 'gather', title: 'asyncio.gather fetches 10 users at once, and the elapsed time is measured' },
  { id: 'semaphore', title: 'An asyncio.Semaphore(3) limits the fetches to three at a time' },
  { id: 'timer', title: 'A Timer async context manager prints the elapsed time in __aexit__' },
  { id: 'main', title: 'One async main() combines everything and asyncio.run(main()) starts it' },
] as const;

export type ChallengeStepId = (typeof CHALLENGE_STEPS)[number]['id'];

export interface StepResult {
  id: ChallengeStepId;
  title: string;
  done: boolean;
  /** What was found, or what is still missing. */
  detail: string;
}

export interface ChallengeReport {
  steps: StepResult[];
  /** The linter's findings on the file: a finished challenge should have none. */
  findings: Finding[];
  syntaxErrors: number;
}

const CLOCKS = new Set(['time.perf_counter', 'time.perf_counter_ns', 'time.time', 'time.monotonic', 'time.monotonic_ns']);

/** Checks each step of the challenge in `source`. Never throws for any input text. */
export function checkChallenge(parser: PythonParser, source: string): ChallengeReport {
  const tree = parser.parse(source);
  try {
    const root = tree.rootNode;
    const imports = collectImports(root);
    const ctx: Ctx = { root, imports, calls: nodes(root, 'call'), functions: nodes(root, 'function_definition') };
    const checks: Record<ChallengeStepId, (c: Ctx) => [boolean, string]> = { fetchUser, gather, semaphore, timer, main };
    const steps = CHALLENGE_STEPS.map(({ id, title }) => {
      const [done, detail] = checks[id](ctx);
      return { id, title, done, detail };
    });
    const analysis = analyzeTree(tree, source);
    return { steps, findings: analysis.findings, syntaxErrors: analysis.syntaxErrors.length };
  } finally {
    tree.delete();
  }
}

interface Ctx {
  root: Node;
  imports: ImportTable;
  calls: Node[];
  functions: Node[];
}

function fetchUser(ctx: Ctx): [boolean, string] {
  const fn = ctx.functions.find((f) => f.childForFieldName('name')?.text === 'fetch_user');
  if (!fn) return [false, 'Define `async def fetch_user(user_id):`.'];
  if (!isAsyncDef(fn)) return [false, '`fetch_user` must be `async def`, so callers can await it and run many at once.'];
  if ((fn.childForFieldName('parameters')?.namedChildCount ?? 0) === 0) return [false, '`fetch_user` should take the user id as a parameter.'];
  const sleeps = inside(fn, ctx.calls).some((c) => callName(c, ctx) === 'asyncio.sleep' && c.parent?.type === 'await');
  if (!sleeps) return [false, 'Inside `fetch_user`, `await asyncio.sleep(1)` to stand in for the network delay.'];
  const returnsDict = nodes(fn, 'return_statement').some((r) => {
    const value = r.namedChildren[0];
    return value?.type === 'dictionary' || value?.type === 'dictionary_comprehension' || (value?.type === 'call' && value.childForFieldName('function')?.text === 'dict');
  });
  if (!returnsDict) return [false, '`fetch_user` should return a fake user dict, such as `{"id": user_id, "name": f"user{user_id}"}`.'];
  return [true, '`fetch_user` awaits asyncio.sleep and returns a dict.'];
}

function gather(ctx: Ctx): [boolean, string] {
  const gathers = ctx.calls.filter((c) => callName(c, ctx) === 'asyncio.gather');
  if (gathers.length === 0) return [false, 'Call `await asyncio.gather(...)` with one fetch per user.'];
  const ofTen = gathers.some((g) => itemCount(g, ctx) === 10);
  if (!ofTen) return [false, '`asyncio.gather` is there, but not over 10 fetches: try `*(fetch_user(i) for i in range(10))`.'];
  const timed = ctx.calls.some((c) => CLOCKS.has(callName(c, ctx) ?? '')) || asyncWithItems(ctx.root).some((v) => v.type === 'call' && v.childForFieldName('function')?.text === 'Timer');
  if (!timed) return [false, 'Measure the total: `start = time.perf_counter()` before the gather, print the difference after.'];
  return [true, 'Ten fetches run concurrently under asyncio.gather, and the time is measured.'];
}

function semaphore(ctx: Ctx): [boolean, string] {
  const created = ctx.calls.filter((c) => {
    const name = callName(c, ctx);
    return (name === 'asyncio.Semaphore' || name === 'asyncio.BoundedSemaphore') && firstArgText(c) === '3';
  });
  if (created.length === 0) return [false, 'Create `sem = asyncio.Semaphore(3)` once, where the fetches start.'];
  const items = asyncWithItems(ctx.root);
  for (const call of created) {
    if (items.some((v) => v.id === call.id)) return [false, '`async with asyncio.Semaphore(3):` makes a new semaphore each time, so it limits nothing. Create it once and share it.'];
    const target = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left') : null;
    if (!target) continue;
    const users = items.filter((v) => v.text === target.text);
    if (users.length === 0) continue;
    const owner = enclosingFunction(call);
    if (owner && owner.childForFieldName('name')?.text === 'fetch_user' && users.some((u) => enclosingFunction(u)?.id === owner.id)) {
      return [false, 'The semaphore is created inside `fetch_user`, so every call gets its own and nothing waits. Create it once (in main) and pass it in.'];
    }
    return [true, `\`${target.text}\` = Semaphore(3) guards the fetches with \`async with ${target.text}\`.`];
  }
  return [false, 'A Semaphore(3) exists but no `async with` uses it: wrap each fetch in `async with sem:`.'];
}

function timer(ctx: Ctx): [boolean, string] {
  const cls = nodes(ctx.root, 'class_definition').find((c) => c.childForFieldName('name')?.text === 'Timer');
  if (!cls) return [false, 'Write `class Timer:` with `async def __aenter__` and `async def __aexit__`.'];
  const methods = new Map(nodes(cls, 'function_definition').map((f) => [f.childForFieldName('name')?.text ?? '', f]));
  const enter = methods.get('__aenter__');
  const exit = methods.get('__aexit__');
  if (!enter || !exit) return [false, `Timer needs both \`__aenter__\` and \`__aexit__\`${enter ? '' : ' (missing __aenter__)'}${exit ? '' : ' (missing __aexit__)'}.`];
  if (!isAsyncDef(enter) || !isAsyncDef(exit)) return [false, '`__aenter__` and `__aexit__` must both be `async def` for `async with` to use them.'];
  const prints = inside(exit, ctx.calls).some((c) => c.childForFieldName('function')?.text === 'print');
  if (!prints) return [false, 'Print the elapsed time in `__aexit__`, for example with `time.perf_counter() - self.start`.'];
  return [true, 'Timer is an async context manager that prints on exit.'];
}

function main(ctx: Ctx): [boolean, string] {
  const mainFn = ctx.functions.find((f) => f.childForFieldName('name')?.text === 'main' && enclosingFunction(f) === null);
  if (!mainFn || !isAsyncDef(mainFn)) return [false, 'Define `async def main():` at the top level of the file.'];
  const runs = ctx.calls.filter((c) => callName(c, ctx) === 'asyncio.run' && enclosingFunction(c) === null);
  const runsMain = runs.some((c) => {
    const arg = c.childForFieldName('arguments')?.namedChildren[0];
    return arg?.type === 'call' && arg.childForFieldName('function')?.text === 'main';
  });
  if (!runsMain) return [false, 'Start the program with `asyncio.run(main())` at the bottom of the file (once, outside any function).'];
  const reachable = [mainFn, ...calledFunctions(mainFn, ctx)];
  const usesTimer = reachable.some((f) => asyncWithItems(f).some((v) => v.type === 'call' && v.childForFieldName('function')?.text === 'Timer'));
  const gathers = reachable.some((f) => inside(f, ctx.calls).some((c) => callName(c, ctx) === 'asyncio.gather'));
  if (!usesTimer || !gathers) return [false, `main() should ${usesTimer ? '' : 'time the work with `async with Timer():`'}${!usesTimer && !gathers ? ' and ' : ''}${gathers ? '' : 'gather the fetches'}.`];
  return [true, 'main() times the gathered fetches and asyncio.run(main()) starts it.'];
}

/** The functions of this file that `fn` calls directly (one level: enough for a helper). */
function calledFunctions(fn: Node, ctx: Ctx): Node[] {
  const names = new Set(inside(fn, ctx.calls).map((c) => c.childForFieldName('function')?.text));
  return ctx.functions.filter((f) => f.id !== fn.id && names.has(f.childForFieldName('name')?.text));
}

/** How many awaitables a gather call receives, when that can be read from the code. */
function itemCount(call: Node, ctx: Ctx): number | undefined {
  const args = call.childForFieldName('arguments');
  if (!args) return undefined;
  let total = 0;
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment' || arg.type === 'keyword_argument') continue;
    if (arg.type !== 'list_splat') {
      total++;
      continue;
    }
    const n = iterableCount(arg.namedChildren[0] ?? null, ctx, fnScope(call));
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/** Items in `(f(i) for i in range(10))`, `[...]`, or a name bound to one in the same function. */
function iterableCount(node: Node | null, ctx: Ctx, scope: Node): number | undefined {
  if (!node) return undefined;
  if (node.type === 'list' || node.type === 'tuple') return node.namedChildCount;
  if (node.type === 'generator_expression' || node.type === 'list_comprehension') {
    const clauses = node.namedChildren.filter((c) => c?.type === 'for_in_clause');
    if (clauses.length !== 1) return undefined;
    return rangeLength(clauses[0]?.childForFieldName('right') ?? null, ctx, scope);
  }
  if (node.type === 'identifier') return iterableCount(assignedValue(node.text, scope), ctx, scope);
  return undefined;
}

function rangeLength(node: Node | null, ctx: Ctx, scope: Node): number | undefined {
  if (node?.type === 'identifier') return rangeLength(assignedValue(node.text, scope), ctx, scope);
  if (node?.type === 'list' || node?.type === 'tuple') return node.namedChildCount;
  if (node?.type !== 'call' || node.childForFieldName('function')?.text !== 'range') return undefined;
  const nums = (node.childForFieldName('arguments')?.namedChildren ?? []).map((a) => (a?.type === 'integer' ? Number(a.text) : NaN));
  if (nums.some(Number.isNaN)) return undefined;
  const [a = 0, b, step = 1] = nums.length === 1 ? [0, nums[0], 1] : nums;
  if (b === undefined || step <= 0) return undefined;
  return Math.max(0, Math.ceil((b - a) / step));
}

/** The last value assigned to `name` by a plain `name = value` in `scope` (its body, not nested functions). */
function assignedValue(name: string, scope: Node): Node | null {
  let value: Node | null = null;
  for (const a of nodes(scope, 'assignment')) {
    if (a.childForFieldName('left')?.text === name && fnScope(a).id === scope.id) value = a.childForFieldName('right');
  }
  return value;
}

/** The function a node runs in, or the module. */
function fnScope(node: Node): Node {
  return enclosingFunction(node) ?? rootOf(node);
}

function rootOf(node: Node): Node {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}

/** The expressions after `async with` (aliases unwrapped). */
function asyncWithItems(scope: Node): Node[] {
  const out: Node[] = [];
  for (const stmt of nodes(scope, 'with_statement')) {
    if (stmt.firstChild?.type !== 'async') continue;
    const clause = stmt.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (item?.type !== 'with_item') continue;
      let value = item.childForFieldName('value');
      if (value?.type === 'as_pattern') value = value.namedChildren[0] ?? null;
      if (value) out.push(value);
    }
  }
  return out;
}

function callName(call: Node, ctx: Ctx): string | undefined {
  return qualifiedName(call.childForFieldName('function'), ctx.imports);
}

function firstArgText(call: Node): string | undefined {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (!first) return undefined;
  if (first.type === 'keyword_argument') return first.childForFieldName('name')?.text === 'value' ? first.childForFieldName('value')?.text : undefined;
  return first.text;
}

function inside(scope: Node, all: Node[]): Node[] {
  return all.filter((n) => n.startIndex >= scope.startIndex && n.endIndex <= scope.endIndex);
}

function nodes(scope: Node, type: string): Node[] {
  return scope.descendantsOfType(type).filter((n): n is Node => n !== null);
}
