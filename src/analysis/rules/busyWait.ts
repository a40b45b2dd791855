import { replaceSpan } from '../fixes/edits';
import { asyncLibraryOf, LIBRARIES } from '../model/asyncLibrary';
import { normalizeQualified } from '../model/knownApis';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import { DEFERRED_TYPES, unparenthesize, valueParent, type PyNode } from '../syntax/pyNode';
import type { Fix } from '../types';

/** The sleeps of asyncio, Trio and AnyIO, and their zero-length checkpoints (a spin, not even a nap). */
const SLEEPS: ReadonlySet<string> = new Set([
  'asyncio.sleep', 'trio.sleep', 'trio.sleep_until', 'trio.lowlevel.checkpoint', 'anyio.sleep', 'anyio.sleep_until', 'anyio.lowlevel.checkpoint',
]);

/** Methods of asyncio's primitives that only read their state: polling them is polling memory. */
const STATE_QUERIES: ReadonlySet<string> = new Set(['is_set', 'empty', 'full', 'qsize', 'locked', 'done', 'cancelled']);

/** Literal node types a condition may compare with. */
const LITERALS: ReadonlySet<string> = new Set(['none', 'true', 'false', 'integer', 'float', 'string', 'ellipsis']);

/** The loop's condition, and the `if ...: break` that ends it when it is written inside. */
interface BusyWait {
  readonly loop: PyNode;
  /** What the loop waits for, as written: the `while` condition or the `if` that breaks out. */
  readonly condition: PyNode;
  /** True when the loop runs while the condition holds (`while not ready`), false when it breaks on it. */
  readonly whileCondition: boolean;
}

/**
 * ACO305 busy-wait: a `while` loop in `async def` whose body only sleeps, until a condition
 * changes: `while not ready: await asyncio.sleep(0.1)`, or `while True:` with just
 * `if ready: break` and the sleep. The task wakes up again and again to look, and still notices
 * the change up to one sleep late; an `asyncio.Event` (or `Condition`) wakes it once, at once.
 * `while True:` around a lone sleep waits for nothing (it sleeps forever) and is left alone.
 * Only conditions on the program's own state are judged (see {@link pollsOwnState}): a file that
 * appears, a remote query's status, a deadline or a third-party object's attribute cannot set an
 * Event, so polling them is the way.
 * Fix (unsafe): `await event.wait()` when the loop polls `event.is_set()` of an `asyncio.Event`;
 * anything else needs the code that changes the condition to set an Event, which lies outside
 * the loop, so no rewrite is offered.
 */
export const busyWait: Rule = {
  meta: {
    code: 'ACO305',
    name: 'busy-wait',
    defaultSeverity: 'warning',
    summary: 'a `while` loop in `async def` that only sleeps until a condition changes: wait on an Event instead',
    docsSlug: 'ACO305-busy-wait',
    cardId: 'rule-aco305-busy-wait',
  },
  check(ctx: RuleContext): void {
    for (const coroutine of ctx.coroutines) {
      // A busy wait has its sleep as a statement of the loop's body: start from the awaits, not a walk of every node.
      const loops = new Set(coroutine.awaits.map((a) => enclosingWhile(a)).filter((l): l is PyNode => l !== undefined));
      for (const loop of loops) {
        const found = busyWaitIn(ctx, loop);
        if (!found) continue;
        const condition = found.loop.child('condition')!;
        const event = polledEvent(ctx, found);
        ctx.report({
          // The `while ...` header: the whole loop would underline every line of its body.
          range: { start: ctx.rangeOf(found.loop).start, end: ctx.rangeOf(condition).end },
          message: message(found),
          detail: detail(LIBRARIES[asyncLibraryOf(ctx.file)].event, event),
          fixes: event ? [eventWaitFix(ctx, found, event)] : [],
        });
      }
    }
  },
};

/** The `while` whose body holds the statement `await ...` directly. */
function enclosingWhile(awaitNode: PyNode): PyNode | undefined {
  const { parent: statement } = valueParent(awaitNode);
  const loop = statement?.type === 'expression_statement' ? statement.parent?.parent : undefined;
  return loop?.type === 'while_statement' && statement?.parent?.field === 'body' ? loop : undefined;
}

function busyWaitIn(ctx: RuleContext, loop: PyNode): BusyWait | undefined {
  const condition = loop.child('condition');
  const statements = loop.child('body')?.children ?? [];
  if (!condition || loop.child('alternative') || awaits(condition)) return undefined;
  if (statements.length === 1 && isSleep(ctx, statements[0]!)) {
    return alwaysTrue(condition) || !pollsOwnState(ctx, condition) ? undefined : { loop, condition, whileCondition: true };
  }
  if (statements.length !== 2) return undefined;
  const [first, second] = statements as [PyNode, PyNode];
  const exit = isSleep(ctx, second) ? first : isSleep(ctx, first) ? second : undefined;
  const test = exit ? exitTest(exit) : undefined;
  return test && !awaits(test) && pollsOwnState(ctx, test) ? { loop, condition: test, whileCondition: false } : undefined;
}

/**
 * True when the condition reads only state this program keeps in memory and could signal with an
 * Event where it changes: names (locals set by another task, `nonlocal`s, globals), `self.attr`
 * of the class being written, their items and lengths (`queue[0]`, `len(jobs)`, `key in done`),
 * comparisons and `not`/`and`/`or` of those, and the state queries of known asyncio objects
 * (`event.is_set()`, `queue.empty()`). Any other call (`path.exists()`, `time.monotonic()`,
 * `self.is_logged(...)`) or another object's attribute (`server.started`, set by a library) may
 * be state no Event can reflect: then nothing is said.
 */
function pollsOwnState(ctx: RuleContext, condition: PyNode): boolean {
  const e = unparenthesize(condition);
  switch (e.type) {
    case 'identifier':
      return true;
    case 'not_operator':
    case 'boolean_operator':
    case 'comparison_operator':
      return e.children.every((c) => LITERALS.has(c.type) || pollsOwnState(ctx, c));
    case 'subscript':
      return e.children.every((c) => LITERALS.has(c.type) || pollsOwnState(ctx, c));
    case 'attribute': {
      const object = e.child('object');
      return object?.type === 'identifier' && ctx.resolver.selfClass(object.text, ctx.file.scopeOf(object)) !== undefined;
    }
    case 'call': {
      const fn = e.child('function');
      const args = e.child('arguments')?.children ?? [];
      if (fn?.type === 'identifier' && fn.text === 'len' && ctx.file.scopeOf(fn).resolve('len') === undefined) return args.length === 1 && pollsOwnState(ctx, args[0]!);
      const object = fn?.type === 'attribute' ? fn.child('object') : undefined;
      const type = object && STATE_QUERIES.has(fn?.child('attribute')?.text ?? '') && args.length === 0 ? ctx.resolver.typeOf(object, ctx.file.scopeOf(object)) : undefined;
      return type?.kind === 'known';
    }
    default:
      return LITERALS.has(e.type);
  }
}

/** `await asyncio.sleep(...)` (or Trio's, AnyIO's) as a statement of its own. */
function isSleep(ctx: RuleContext, stmt: PyNode): boolean {
  const awaited = stmt.type === 'expression_statement' && stmt.children.length === 1 ? unparenthesize(stmt.children[0]!) : undefined;
  const call = awaited?.type === 'await' && awaited.children[0] ? unparenthesize(awaited.children[0]) : undefined;
  const callee = call?.type === 'call' ? call.child('function') : undefined;
  const q = callee ? ctx.resolver.qualifiedName(callee, ctx.file.scopeOf(callee)) : undefined;
  return q !== undefined && SLEEPS.has(normalizeQualified(q));
}

/** The test of `if test: break` (or `return`), with no `elif`/`else`. */
function exitTest(stmt: PyNode): PyNode | undefined {
  if (stmt.type !== 'if_statement' || stmt.child('alternative')) return undefined;
  const body = stmt.child('consequence')?.children ?? [];
  const only = body.length === 1 ? body[0]! : undefined;
  return only?.type === 'break_statement' || only?.type === 'return_statement' ? stmt.child('condition') : undefined;
}

/** `while True:`, `while 1:`: nothing is polled. (`while ...:` is how examples write "some condition".) */
function alwaysTrue(condition: PyNode): boolean {
  const c = unparenthesize(condition);
  return c.type === 'true' || (c.type === 'integer' && !/^0+$/.test(c.text.replace(/_/g, '')));
}

function awaits(node: PyNode): boolean {
  return node.type === 'await' || [...node.descendants((n) => !DEFERRED_TYPES.has(n.type))].some((n) => n.type === 'await');
}

/** `event.is_set()` of a known `asyncio.Event`, polled in the loop: the event itself, else undefined. */
function polledEvent(ctx: RuleContext, found: BusyWait): PyNode | undefined {
  let test = unparenthesize(found.condition);
  if (found.whileCondition) {
    if (test.type !== 'not_operator') return undefined;
    test = unparenthesize(test.child('argument') ?? test);
  }
  const fn = test.type === 'call' && (test.child('arguments')?.children.length ?? 1) === 0 ? test.child('function') : undefined;
  const event = fn?.type === 'attribute' && fn.child('attribute')?.text === 'is_set' ? fn.child('object') : undefined;
  const type = event ? ctx.resolver.typeOf(event, ctx.file.scopeOf(event)) : undefined;
  return type?.kind === 'known' && type.type.kind === 'event' ? event : undefined;
}

/** `while not done.is_set(): await asyncio.sleep(x)` -> `await done.wait()`. */
function eventWaitFix(ctx: RuleContext, found: BusyWait, event: PyNode): Fix {
  const replacement = `await ${event.text}.wait()`;
  return {
    title: `Replace the loop with \`${replacement}\``,
    edits: [replaceSpan(ctx.file, found.loop.startIndex, found.loop.endIndex, replacement)],
    // It returns the moment the event is set instead of up to one sleep later: a change of timing.
    applicability: 'unsafe',
  };
}

/** One sentence of at most 120 characters: what the loop does; the way out is the detail. */
function message(found: BusyWait): string {
  return fitMessage(
    `This loop polls \`${found.condition.text.replace(/\s+/g, ' ')}\` with sleeps instead of waiting for it to change`,
    'This loop polls a condition with sleeps instead of waiting for it to change',
  );
}

function detail(event: string, polled: PyNode | undefined): string {
  const cost = 'Each pass wakes the task only to find nothing changed, and the change is seen up to one sleep late.';
  return polled
    ? `${cost} \`await ${polled.text}.wait()\` wakes it the moment the event is set.`
    : `${cost} Set an \`${event}\` where the state changes and await its \`wait()\` here instead.`;
}
