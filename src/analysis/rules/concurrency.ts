import { SYNCHRONISATION_KINDS, normalizeQualified } from '../model/knownApis';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { argumentValues, calleeOf } from '../syntax/queries';

/**
 * Whether an awaited call could run concurrently with its neighbours at all, shared by ACO101 and
 * ACO102; whether two such calls are independent is for independence.ts. Ruled out here: sleeps
 * (pacing), waiting on things that already run (gather, wait, wrapped futures), and synchronisation
 * primitives (their order is the point).
 */
export interface ConcurrencyCandidate {
  /** The call that does the work (`f()` in `asyncio.wait_for(f(), 5)`). */
  readonly call: PyNode;
}

/** Wrappers whose first argument is the call that does the work. */
const WRAPPERS = new Set(['asyncio.wait_for', 'asyncio.shield']);
/** asyncio calls that never join a run: they pace, wait for others, or wait on work already running. */
const NEVER = new Set([
  'asyncio.sleep', 'asyncio.gather', 'asyncio.wait', 'asyncio.as_completed', 'asyncio.timeout', 'asyncio.wrap_future',
  'asyncio.run_coroutine_threadsafe',
]);
/**
 * Methods of synchronisation primitives. When the receiver's type is unknown, these names are
 * taken as primitives (a queue's `get`, a lock's `acquire`): waiting on them is ordering, not work.
 */
const PRIMITIVE_METHODS = new Set(['acquire', 'release', 'wait', 'wait_for', 'join', 'put', 'get', 'notify', 'notify_all']);

/** The candidate for `call` (awaited in `scope`), or undefined when it must not be moved. */
export function concurrencyCandidate(ctx: RuleContext, call: PyNode, scope: Scope): ConcurrencyCandidate | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const qualified = ctx.resolver.qualifiedName(callee, scope);
  const name = qualified ? normalizeQualified(qualified) : undefined;
  if (name && NEVER.has(name)) return undefined;
  if (name && /^(trio|anyio|curio)\.sleep/.test(name)) return undefined;
  if (name && WRAPPERS.has(name)) {
    const inner = argumentValues(call)[0];
    const work = inner ? unparenthesize(inner) : undefined;
    return work?.type === 'call' ? concurrencyCandidate(ctx, work, scope) : undefined;
  }
  const receiver = ctx.resolver.receiverOf(call);
  if (!receiver || receiver.isModule) return { call };
  const type = receiver.type?.kind === 'known' ? receiver.type.type : undefined;
  if (type && SYNCHRONISATION_KINDS.has(type.kind)) return undefined;
  // On an API client, `get` is a request, not a queue's.
  if (!type && PRIMITIVE_METHODS.has(receiver.method) && !ctx.summaries.facts.isApiClient(receiver.node, scope)) return undefined;
  return { call };
}

/** The `block` nodes whose statements run in the function of `scope` (not in nested defs, lambdas or classes). */
export function blocksOf(scope: Scope): PyNode[] {
  const body = scope.node.child('body');
  if (!body) return [];
  const blocks: PyNode[] = [];
  const stack = [body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'block') blocks.push(n);
    for (const c of n.children) if (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'lambda' && c.type !== 'decorated_definition') stack.push(c);
  }
  return blocks.sort((a, b) => a.startIndex - b.startIndex);
}
