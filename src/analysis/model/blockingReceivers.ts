import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { BLOCKING_CONSTRUCTORS, BLOCKING_MODULE_ROOTS, STATEFUL_RECEIVERS, type BlockingReceiverKind } from './blockingApis';
import { knownName } from './knownNames';
import { firstParameter } from './typeFacts';
import type { Resolver } from './resolver';
import type { Binding, Scope } from './scopes';

/** What {@link valueKind} needs to know about one family of objects whose methods block. */
export interface ValueKinds<K extends string> {
  /** Constructors (and the same names used as annotations) that make a value of each kind. */
  readonly constructors: ReadonlyMap<string, K>;
  /** Module names the constructors start with: an unbound name spelled like one still means it. */
  readonly modules: ReadonlySet<string>;
  /**
   * Kinds whose blocking depends on state set at run time (`sock.setblocking(False)`): only values
   * created in the coroutine itself, whose every use is in sight, are judged.
   */
  readonly stateful: ReadonlySet<K>;
  /** Expressions that make a value of a kind out of another one (`path / "x"`, `path.parent`). */
  readonly derived?: (expr: PyNode, kindOf: (e: PyNode) => K | undefined, scope: Scope, resolver: Resolver) => K | undefined;
}

/** The blocking receivers of ACO301: `requests.Session`, `httpx.Client`, urllib3 pools, `Popen`, sockets. */
const BLOCKING_RECEIVERS: ValueKinds<BlockingReceiverKind> = { constructors: BLOCKING_CONSTRUCTORS, modules: BLOCKING_MODULE_ROOTS, stateful: STATEFUL_RECEIVERS };

/**
 * What kind of blocking object a method is called on (`session` in `session.get(url)`): a
 * `requests.Session`, an `httpx.Client`, a urllib3 pool, a `subprocess.Popen` or a socket.
 * See {@link valueKind}.
 */
export function blockingReceiverKind(receiver: PyNode, scope: Scope, coroutine: Scope, resolver: Resolver): BlockingReceiverKind | undefined {
  return valueKind(receiver, scope, coroutine, resolver, BLOCKING_RECEIVERS);
}

/**
 * The kind of a value, known from the constructor call itself, from a name bound only to such
 * constructors (or annotated so, `Optional[...]` and `X | None` included: calling a method on
 * `None` fails anyway), from `self.x = Ctor(...)` in `__init__`, or from `kinds.derived`.
 * Undefined whenever that is not certain.
 *
 * Stateful kinds (sockets) are judged only when created in `coroutine` itself and never handed to
 * other code or switched to non-blocking mode: a socket on which `setblocking(False)` was called
 * (typically to use it with `loop.sock_*`) does not block.
 */
export function valueKind<K extends string>(expr: PyNode, scope: Scope, coroutine: Scope, resolver: Resolver, kinds: ValueKinds<K>, depth = 0): K | undefined {
  if (depth > 4) return undefined;
  const r = unparenthesize(expr);
  const derived = kinds.derived?.(r, (e) => valueKind(e, scope, coroutine, resolver, kinds, depth + 1), scope, resolver);
  if (derived) return derived;
  if (r.type === 'call') return constructorKind(r, scope, resolver, kinds);
  if (r.type === 'identifier') return localKind(r.text, scope, coroutine, resolver, kinds);
  if (r.type === 'attribute') return selfAttributeKind(r, scope, resolver, kinds);
  return undefined;
}

function constructorKind<K extends string>(call: PyNode, scope: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  const callee = call.child('function');
  const q = callee ? knownName(callee, scope, resolver, kinds.modules) : undefined;
  return q ? kinds.constructors.get(q) : undefined;
}

/** `await asyncio.to_thread(socket.create_connection, addr)`: the same object, built in a worker thread. */
function builtInThread<K extends string>(awaited: PyNode, scope: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  const call = awaited.children[0] ? unparenthesize(awaited.children[0]) : undefined;
  const callee = call?.type === 'call' ? call.child('function') : undefined;
  if (!call || !callee || resolver.qualifiedName(callee, scope) !== 'asyncio.to_thread') return undefined;
  const first = call.child('arguments')?.children[0];
  const q = first && first.type !== 'keyword_argument' ? knownName(first, scope, resolver, kinds.modules) : undefined;
  return q ? kinds.constructors.get(q) : undefined;
}

function annotationKind<K extends string>(annotation: PyNode, scope: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  const expr = withoutNone(annotation.type === 'type' ? annotation.children[0] : annotation, scope, resolver);
  if (!expr || (expr.type !== 'identifier' && expr.type !== 'attribute')) return undefined;
  const q = knownName(expr, scope, resolver, kinds.modules);
  return q ? kinds.constructors.get(q) : undefined;
}

/** `T`, from `Optional[T]`, `Union[T, None]`, `T | None` or `None | T`; anything else as it is. */
function withoutNone(type: PyNode | undefined, scope: Scope, resolver: Resolver): PyNode | undefined {
  if (!type) return undefined;
  let members: PyNode[] | undefined;
  if (type.type === 'binary_operator') {
    members = [type.child('left'), type.child('right')].filter((m): m is PyNode => m !== undefined);
  } else if (type.type === 'generic_type' || type.type === 'subscript') {
    const head = type.type === 'generic_type' ? type.children[0] : type.child('value');
    // Unbound `Optional` too: annotations are often not evaluated, so its import may be missing.
    const q = head ? (resolver.qualifiedName(head, scope) ?? (resolver.bindingsAt(head.text, scope) ? undefined : `typing.${head.text}`)) : undefined;
    if (!q || !/^(typing|typing_extensions)\.(Optional|Union)$/.test(q)) return type;
    const params = type.type === 'generic_type' ? (type.children[1]?.children ?? []) : type.childrenIn('subscript');
    members = params.map((p) => (p.type === 'type' ? p.children[0] : p)).filter((m): m is PyNode => m !== undefined);
  } else {
    return type;
  }
  const rest = members.filter((m) => m.type !== 'none');
  return rest.length === 1 ? withoutNone(rest[0], scope, resolver) : undefined;
}

/** The kind every binding of a name agrees on (`x = Ctor()`, `with Ctor() as x`, `x: Ctor`). */
function bindingsKind<K extends string>(bindings: readonly Binding[], scope: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  let kind: K | undefined;
  for (const b of bindings) {
    const value = b.value ? unparenthesize(b.value) : undefined;
    const assigned = b.kind === 'assignment' || b.kind === 'with' || b.kind === 'walrus';
    const fromAnnotation = b.annotation ? annotationKind(b.annotation, scope, resolver, kinds) : undefined;
    const fromValue = !assigned || !value ? undefined : value.type === 'await' ? builtInThread(value, scope, resolver, kinds) : valueKind(value, scope, scope, resolver, kinds, 1);
    const k = fromValue ?? fromAnnotation;
    if (!k || (kind && k !== kind)) return undefined;
    kind = k;
  }
  return kind;
}

function localKind<K extends string>(name: string, scope: Scope, coroutine: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  const found = resolver.bindingsAt(name, scope);
  if (!found || found.bindings.length === 0) return undefined;
  const kind = bindingsKind(found.bindings, found.scope, resolver, kinds);
  if (!kind || !kinds.stateful.has(kind)) return kind;
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
function selfAttributeKind<K extends string>(attribute: PyNode, scope: Scope, resolver: Resolver, kinds: ValueKinds<K>): K | undefined {
  const object = attribute.child('object');
  const attr = attribute.child('attribute')?.text;
  if (object?.type !== 'identifier' || !attr) return undefined;
  const cls = resolver.selfClass(object.text, scope);
  if (!cls || cls.otherNames.has(attr)) return undefined;
  let kind: K | undefined;
  for (const init of cls.methods.get('__init__') ?? []) {
    resolver.file.complete(init.node);
    const initScope = resolver.file.scopeFor(init.node);
    const selfName = firstParameter(init.node);
    if (!initScope || !selfName) return undefined;
    for (const store of initScope.attributeStores) {
      if (store.target.child('object')?.text !== selfName || store.target.child('attribute')?.text !== attr) continue;
      const value = store.value ? unparenthesize(store.value) : undefined;
      const k = store.annotation ? annotationKind(store.annotation, initScope, resolver, kinds) : value?.type === 'call' ? constructorKind(value, initScope, resolver, kinds) : undefined;
      if (!k || (kind && k !== kind)) return undefined;
      kind = k;
    }
  }
  // Stateful values on attributes live across calls: their blocking mode is set elsewhere.
  return kind && !kinds.stateful.has(kind) ? kind : undefined;
}
