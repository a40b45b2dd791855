import { normalizeQualified } from '../model/knownApis';
import type { Scope } from '../model/scopes';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import { calleeName, calleeOf, valueUse } from '../syntax/queries';

/** The primitives whose only purpose is to be shared between concurrent calls. */
const PRIMITIVES: ReadonlyMap<string, 'semaphore' | 'lock'> = new Map([
  ['asyncio.Semaphore', 'semaphore'],
  ['asyncio.BoundedSemaphore', 'semaphore'],
  ['asyncio.Lock', 'lock'],
]);

/**
 * Calls that start concurrent work (asyncio, trio, anyio, threads, callbacks). A function that
 * makes any of them may share its primitive with that work: then it is not flagged. Matched by
 * name, whatever the receiver, so that in doubt the rule stays silent.
 */
const STARTS_CONCURRENT_WORK: ReadonlySet<string> = new Set([
  'gather', 'create_task', 'ensure_future', 'wait', 'as_completed', 'TaskGroup', 'start_soon', 'start',
  'create_task_group', 'open_nursery', 'run_in_executor', 'to_thread', 'submit', 'run_coroutine_threadsafe',
  'call_soon', 'call_soon_threadsafe', 'call_later', 'call_at', 'add_done_callback', 'Thread',
]);

/** Names whose use in a function means its locals may be read without being named. */
const INTROSPECTION = ['locals', 'vars', 'eval', 'exec'];

/**
 * ACO303 semaphore-per-call: an `asyncio.Semaphore`, `BoundedSemaphore` or `Lock` constructed
 * inside an `async def` and used only there: by its own methods and `async with`, never returned,
 * stored, passed on or read by a nested function, in a function that starts no concurrent work
 * (no gather, tasks, TaskGroup, wait, threads or callbacks). Every call then builds a fresh one,
 * so concurrent calls never wait for each other: the limit limits nothing, the lock protects
 * nothing. No automatic fix: where to create it instead (in `main`, at module level, in
 * `__init__`) is a design choice, and moving it changes which calls share it.
 */
export const semaphorePerCall: Rule = {
  meta: {
    code: 'ACO303',
    name: 'semaphore-per-call',
    defaultSeverity: 'warning',
    summary: 'a Semaphore/Lock created inside the very call it should limit, so it limits nothing',
    docsSlug: 'ACO303-semaphore-per-call',
    cardId: 'rule-aco303-semaphore-per-call',
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      if (scope.kind !== 'function' || !scope.isCoroutine) continue;
      const callee = calleeOf(call);
      const qualified = callee ? ctx.resolver.qualifiedName(callee, scope) : undefined;
      const kind = qualified ? PRIMITIVES.get(normalizeQualified(qualified)) : undefined;
      if (!kind) continue;
      const bound = boundName(call);
      if (bound === undefined) continue;
      if (bound !== null && (!usedOnlyHere(ctx, bound, scope) || startsConcurrentWork(scope))) continue;
      const fn = scope.node.child('name');
      ctx.report({
        range: ctx.rangeOf(call),
        message: message(kind, call.text.replace(/\s+/g, ''), bound, scope.name),
        detail: detail(kind),
        related: fn ? [{ range: ctx.rangeOf(fn), message: `every call of ${fn.text} creates its own ${kind}` }] : [],
      });
    }
  },
};

/**
 * The local the primitive is bound to (`sem = asyncio.Semaphore(3)`); null when it is the
 * context manager of an `async with` (`async with asyncio.Lock():`), where no other code can ever
 * reach it (an `as` target gets what `__aenter__` returns, not the lock); undefined for any other
 * use (returned, stored, passed on, combined), which the rule leaves alone.
 */
function boundName(call: PyNode): string | null | undefined {
  const use = valueUse(call);
  if (use.kind === 'assigned') return use.target.text;
  return withItemOf(call) ? null : undefined;
}

/** The `with_item` of an `async with` whose context manager is `call` (directly, or before `as`). */
function withItemOf(call: PyNode): PyNode | undefined {
  let n: PyNode | null = call.parent;
  while (n?.type === 'parenthesized_expression') n = n.parent;
  if (n?.type === 'as_pattern') n = n.parent;
  const statement = n?.parent?.parent;
  return n?.type === 'with_item' && statement?.type === 'with_statement' && statement.isAsync ? n : undefined;
}

/**
 * True when `name` is a plain local of `fn`, bound once, and every read of it is an
 * `acquire()` / `release()` on it or an `async with sem:`, in `fn` itself or a comprehension of it:
 * nothing else can reach the primitive.
 */
function usedOnlyHere(ctx: RuleContext, name: string, fn: Scope): boolean {
  if (fn.globals.has(name) || fn.nonlocals.has(name) || fn.bindingsOf(name).length !== 1) return false;
  if (INTROSPECTION.some((n) => fn.reads.has(n))) return false;
  const reads = fn.readsIncludingClosures(name);
  // Never used at all is dead code, not a limit that fails: another tool's business.
  return reads.length > 0 && reads.every((read) => readsInline(ctx, read, fn) && (isGuardingCallOn(read) || isAsyncWithValue(read)));
}

/** The read runs in `fn`'s own code (not in a nested def, lambda or class that may run elsewhere). */
function readsInline(ctx: RuleContext, read: PyNode, fn: Scope): boolean {
  let s: Scope | null = ctx.file.scopeOf(read);
  while (s && s !== fn && s.kind === 'comprehension') s = s.parent;
  return s === fn;
}

/**
 * `sem.acquire()` / `sem.release()`. Other methods (`locked()`) inspect the primitive rather than
 * guard work with it: tests of the primitive itself do that, and the rule says nothing there.
 */
function isGuardingCallOn(read: PyNode): boolean {
  const attribute = read.parent;
  const method = attribute?.child('attribute')?.text;
  return read.field === 'object' && attribute?.type === 'attribute' && attribute.field === 'function' && attribute.parent?.type === 'call' && (method === 'acquire' || method === 'release');
}

function isAsyncWithValue(read: PyNode): boolean {
  return withItemOf(read) !== undefined;
}

/** Any call in the function (nested functions included) that may start work sharing the primitive. */
function startsConcurrentWork(fn: Scope): boolean {
  for (const scope of fn.allScopes()) {
    for (const call of scope.calls) {
      const name = calleeName(call);
      if (name !== undefined && STARTS_CONCURRENT_WORK.has(name)) return true;
    }
  }
  return false;
}

function message(kind: 'semaphore' | 'lock', construction: string, bound: string | null, fnName: string | undefined): string {
  const what = bound ? `\`${bound} = ${construction}\`` : `\`async with ${construction}\``;
  const effect = kind === 'semaphore' ? 'so each call gets its own and nothing is limited' : 'so each call gets its own and it protects nothing';
  return fitMessage(
    `${what} runs on every call of ${fnName ? `\`${fnName}\`` : 'this coroutine'}, ${effect}`,
    `This ${kind} is created on every call of ${fnName ? `\`${fnName}\`` : 'this coroutine'}, ${effect}`,
    `This ${kind} is created on every call, ${effect}`,
  );
}

function detail(kind: 'semaphore' | 'lock'): string {
  const effect =
    kind === 'semaphore'
      ? 'Each call gets its own, brand-new semaphore with every slot free, so no call ever waits for another.'
      : 'Each call gets its own, brand-new lock, so no two calls ever wait for each other.';
  const where = kind === 'semaphore' ? 'in `main`, at module level, or in `__init__`' : 'next to what it protects: in `__init__`, at module level, or in `main`';
  return `${effect} Create it once, where every call can share it (${where}), and pass it in or keep it on the object.`;
}
