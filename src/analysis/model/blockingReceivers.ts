import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { BLOCKING_CONSTRUCTORS, STATEFUL_RECEIVERS, type BlockingReceiverKind } from './blockingApis';
import { firstParameter } from './typeFacts';
import type { Resolver } from './resolver';
import type { Binding, Scope } from './scopes';

/**
 * What kind of blocking object a method is called on (`session` in `session.get(url)`):
 * a `requests.Session`, a `subprocess.Popen` or a `socket.socket`, known from the constructor
 * call itself, from a local bound only to such constructors (or annotated so), or from
 * `self.x = Ctor(...)` in `__init__`. Undefined whenever that is not certain.
 *
 * Sockets are judged only when created in `coroutine` itself and never handed to other code or
 * switched to non-blocking mode: a socket on which `setblocking(False)` was called (typically
 * to use it with `loop.sock_*`) does not block.
 */
export function blockingReceiverKind(receiver: PyNode, scope: Scope, coroutine: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const r = unparenthesize(receiver);
  if (r.type === 'call') return constructorKind(r, scope, resolver);
  if (r.type === 'identifier') return localKind(r.text, scope, coroutine, resolver);
  if (r.type === 'attribute') return selfAttributeKind(r, scope, resolver);
  return undefined;
}

function constructorKind(call: PyNode, scope: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const callee = call.child('function');
  const q = callee ? resolver.qualifiedName(callee, scope) : undefined;
  return q ? BLOCKING_CONSTRUCTORS.get(q) : undefined;
}

/** `await asyncio.to_thread(socket.create_connection, addr)`: the same object, built in a worker thread. */
function builtInThread(awaited: PyNode, scope: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const call = awaited.children[0] ? unparenthesize(awaited.children[0]) : undefined;
  const callee = call?.type === 'call' ? call.child('function') : undefined;
  if (!call || !callee || resolver.qualifiedName(callee, scope) !== 'asyncio.to_thread') return undefined;
  const first = call.child('arguments')?.children[0];
  const q = first && first.type !== 'keyword_argument' ? resolver.qualifiedName(first, scope) : undefined;
  return q ? BLOCKING_CONSTRUCTORS.get(q) : undefined;
}

function annotationKind(annotation: PyNode, scope: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const expr = annotation.type === 'type' ? annotation.children[0] : annotation;
  if (!expr || (expr.type !== 'identifier' && expr.type !== 'attribute')) return undefined;
  const q = resolver.qualifiedName(expr, scope);
  return q ? BLOCKING_CONSTRUCTORS.get(q) : undefined;
}

/** The kind every binding of a name agrees on (`x = Ctor()`, `with Ctor() as x`, `x: Ctor`). */
function bindingsKind(bindings: readonly Binding[], scope: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  let kind: BlockingReceiverKind | undefined;
  for (const b of bindings) {
    const value = b.value ? unparenthesize(b.value) : undefined;
    const assigned = b.kind === 'assignment' || b.kind === 'with' || b.kind === 'walrus';
    const fromValue = !assigned ? undefined : value?.type === 'call' ? constructorKind(value, scope, resolver) : value?.type === 'await' ? builtInThread(value, scope, resolver) : undefined;
    const fromAnnotation = b.annotation ? annotationKind(b.annotation, scope, resolver) : undefined;
    const k = fromValue ?? fromAnnotation;
    if (!k || (kind && k !== kind)) return undefined;
    kind = k;
  }
  return kind;
}

function localKind(name: string, scope: Scope, coroutine: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const found = resolver.bindingsAt(name, scope);
  if (!found || found.bindings.length === 0) return undefined;
  const kind = bindingsKind(found.bindings, found.scope, resolver);
  if (!kind || !STATEFUL_RECEIVERS.has(kind)) return kind;
  if (found.scope !== coroutine || found.bindings.some((b) => b.kind === 'annotation' || b.kind === 'parameter')) return undefined;
  return staysBlocking(name, coroutine) ? kind : undefined;
}

/**
 * True when every read of the socket `name` is an attribute of it (`sock.recv(...)`, `sock.family`,
 * `asyncio.to_thread(sock.recv, 10)`), and none makes it non-blocking (`setblocking(False)`,
 * `settimeout(0)`). A socket passed anywhere (to `loop.sock_recv`, to a helper) may be switched
 * there: then nothing is said.
 */
function staysBlocking(name: string, owner: Scope): boolean {
  if (owner.globals.has(name) || owner.nonlocals.has(name)) return false;
  if (['locals', 'vars', 'eval', 'exec'].some((n) => owner.reads.has(n))) return false;
  for (const read of owner.readsIncludingClosures(name)) {
    // `with sock:` only closes it at the end.
    if (isPlainWithValue(read)) continue;
    const attribute = read.parent;
    if (attribute?.type !== 'attribute' || read.field !== 'object') return false;
    const method = attribute.child('attribute')?.text;
    if (method !== 'setblocking' && method !== 'settimeout') continue;
    const call = attribute.parent;
    if (call?.type !== 'call' || attribute.field !== 'function') return false;
    const argText = call.child('arguments')?.children[0]?.text.replace(/\s+/g, '');
    if (method === 'setblocking' && argText !== 'True' && argText !== '1') return false;
    if (method === 'settimeout' && (argText === undefined || /^0*\.?0*$/.test(argText))) return false;
  }
  return true;
}

/** `with x:` (not `async with`, not `with x as y`). */
function isPlainWithValue(read: PyNode): boolean {
  const item = read.parent;
  return item?.type === 'with_item' && read.field === 'value' && item.parent?.parent?.type === 'with_statement' && !item.parent.parent.isAsync;
}

/** `self.session` where `__init__` sets `self.session = requests.Session()` (or annotates it). */
function selfAttributeKind(attribute: PyNode, scope: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  const object = attribute.child('object');
  const attr = attribute.child('attribute')?.text;
  if (object?.type !== 'identifier' || !attr) return undefined;
  const cls = resolver.selfClass(object.text, scope);
  if (!cls || cls.otherNames.has(attr)) return undefined;
  let kind: BlockingReceiverKind | undefined;
  for (const init of cls.methods.get('__init__') ?? []) {
    resolver.file.complete(init.node);
    const initScope = resolver.file.scopeFor(init.node);
    const selfName = firstParameter(init.node);
    if (!initScope || !selfName) return undefined;
    for (const store of initScope.attributeStores) {
      if (store.target.child('object')?.text !== selfName || store.target.child('attribute')?.text !== attr) continue;
      const value = store.value ? unparenthesize(store.value) : undefined;
      const k = store.annotation ? annotationKind(store.annotation, initScope, resolver) : value?.type === 'call' ? constructorKind(value, initScope, resolver) : undefined;
      if (!k || (kind && k !== kind)) return undefined;
      kind = k;
    }
  }
  // Sockets on attributes live across calls: their blocking mode is set elsewhere.
  return kind && !STATEFUL_RECEIVERS.has(kind) ? kind : undefined;
}
