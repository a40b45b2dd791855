import { HTTP_METHODS, SYNCHRONISATION_KINDS, normalizeQualified } from '../model/knownApis';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { argumentValues, calleeOf } from '../syntax/queries';

/**
 * Whether an awaited call could run concurrently with its neighbours, shared by ACO101 and
 * ACO102. Real code is full of ordered protocols, so much is ruled out: sleeps (pacing),
 * synchronisation primitives (their order is the point), calls that already run things
 * concurrently (gather, wait), and, through the receiver key, several calls on one object.
 */
export interface ConcurrencyCandidate {
  /** The call that does the work (`f()` in `asyncio.wait_for(f(), 5)`). */
  readonly call: PyNode;
  /** Calls with the same key share an object: a connection, a stream, `self`. Undefined for plain functions. */
  readonly receiverKey: string | undefined;
  /** An HTTP verb on an async HTTP client: independent requests may share the client. */
  readonly httpRequest: boolean;
}

/** Wrappers whose first argument is the call that does the work. */
const WRAPPERS = new Set(['asyncio.wait_for', 'asyncio.shield']);
/** asyncio calls that never join a run: they pace, wait for others, or already run things together. */
const NEVER = new Set(['asyncio.sleep', 'asyncio.gather', 'asyncio.wait', 'asyncio.as_completed', 'asyncio.timeout']);
/**
 * Methods of synchronisation primitives. When the receiver's type is unknown, these names are
 * taken as primitives (a queue's `get`, a lock's `acquire`): waiting on them is ordering, not work.
 */
const PRIMITIVE_METHODS = new Set(['acquire', 'release', 'wait', 'wait_for', 'join', 'put', 'get', 'notify', 'notify_all']);
/** Parameter names taken for HTTP clients when untyped (media/docs/ACO101-sequential-awaits.md, "When it does not fire"). */
const CLIENT_PARAMETERS = new Set(['client', 'session']);

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
  if (!receiver || receiver.isModule) return { call, receiverKey: undefined, httpRequest: false };
  const type = receiver.type?.kind === 'known' ? receiver.type.type : undefined;
  if (type && SYNCHRONISATION_KINDS.has(type.kind)) return undefined;
  const http = HTTP_METHODS.has(receiver.method) && (type?.kind === 'http-client' || (type === undefined && isClientParameter(ctx, receiver.node, scope)));
  if (!http && !type && PRIMITIVE_METHODS.has(receiver.method)) return undefined;
  const key = type?.kind === 'stream' ? 'stream' : (receiver.rootName ?? receiver.node.text);
  return { call, receiverKey: key, httpRequest: http };
}

/** Two candidates may run together: different objects, or independent requests on one HTTP client. */
export function canOverlap(a: ConcurrencyCandidate, b: ConcurrencyCandidate): boolean {
  if (a.receiverKey === undefined || b.receiverKey === undefined || a.receiverKey !== b.receiverKey) return true;
  return a.httpRequest && b.httpRequest;
}

/** A parameter named `client` or `session`: an HTTP client by convention (see CLIENT_PARAMETERS). */
function isClientParameter(ctx: RuleContext, receiver: PyNode, scope: Scope): boolean {
  if (receiver.type !== 'identifier' || !CLIENT_PARAMETERS.has(receiver.text)) return false;
  const found = ctx.resolver.bindingsAt(receiver.text, scope);
  return found?.bindings.length === 1 && found.bindings[0]!.kind === 'parameter';
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
