import type { CallFacts } from '../model/callFacts';
import { decoratorName, decoratorsOf } from '../model/classes';
import { callIntent } from '../model/callNames';
import type { Scope } from '../model/scopes';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { EffectSet, extendKey, type CallRef, type Effects, type FunctionSummary } from './effects';

/** Nodes whose code runs elsewhere or later: a summary of the enclosing function does not walk into them. */
const ELSEWHERE = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Summarises one coroutine function from its own code: its parameters (and which hold stateful
 * resources), what its name says, what its body reads, writes and waits on, and the calls it makes
 * (resolved later against their callees' summaries). Keys that name the function's own fresh locals
 * are dropped: only parameters, variables it closes over and module globals are visible to callers.
 * Undefined for anything but an `async def` that stays a coroutine function.
 */
export function summarizeFunction(def: PyNode, facts: CallFacts): FunctionSummary | undefined {
  const { resolver } = facts;
  if (!resolver.isCoroutineFunction(def)) return undefined;
  resolver.file.complete(def);
  const scope = resolver.file.scopeFor(def);
  // A stub (an abstract method, a protocol, an overload) says nothing about what runs.
  if (!scope?.complete || isStub(def)) return undefined;
  const params: string[] = [];
  const resourceParams: string[] = [];
  /** `*args` and `**kwargs` are new containers at each call: storing into them changes nothing the caller has. */
  const freshContainers = new Set<string>();
  for (const p of def.child('parameters')?.children ?? []) {
    const ident = parameterName(p);
    if (!ident) continue;
    const star = p.type === 'typed_parameter' ? p.children[0]?.type : p.type;
    if (star === 'list_splat_pattern' || star === 'dictionary_splat_pattern') freshContainers.add(`l:${ident.text}`);
    params.push(star === 'list_splat_pattern' ? `*${ident.text}` : star === 'dictionary_splat_pattern' ? `**${ident.text}` : ident.text);
    if (facts.isResource(ident, scope)) resourceParams.push(ident.text);
  }
  const keep = (key: string): boolean => visibleToCallers(key, scope);
  const project = (keys: readonly string[]): string[] => keys.filter(keep);
  const projectWrites = (keys: readonly string[]): string[] => keys.filter((k) => keep(k) && !freshContainers.has(k));
  const projectEffects = (e: Effects): Effects => ({
    ...e,
    reads: project(e.reads),
    writes: projectWrites(e.writes),
    mayWrites: projectWrites(e.mayWrites),
    resources: project(e.resources),
  });

  const direct = new EffectSet();
  const calls: CallRef[] = [];
  const awaitedContexts = new Set<PyNode>();
  const inner = inlineScopes(scope);
  for (const node of bodyNodes(def)) {
    if (node.type === 'with_statement' && node.isAsync) {
      direct.suspends = true;
      for (const item of node.descendants((n) => n.type !== 'block')) {
        if (item.type !== 'with_item') continue;
        const value = item.children[0]?.type === 'as_pattern' ? item.children[0].children.find((c) => c.field !== 'alias') : item.children[0];
        const v = value ? unparenthesize(value) : undefined;
        // Entering a context a method hands out waits on its object (`session.begin()`, `db.session_context()`).
        if (v?.type === 'call' && v.child('function')?.type === 'attribute') awaitedContexts.add(v);
        else if (v && v.type !== 'call' && facts.isResource(v, scope)) for (const k of facts.keysOf(v, scope)) direct.resources.add(k);
      }
    } else if (node.type === 'for_statement' && node.isAsync) {
      direct.suspends = true;
      const iterable = node.child('right');
      if (iterable && unparenthesize(iterable).type !== 'call') {
        direct.world = direct.world === 'none' ? 'unknown' : direct.world;
        if (facts.isResource(iterable, scope)) for (const k of facts.keysOf(iterable, scope)) direct.resources.add(k);
      } else if (iterable) {
        awaitedContexts.add(unparenthesize(iterable));
      }
    } else if (node.type === 'await') {
      const inside = node.children[0] ? unparenthesize(node.children[0]) : undefined;
      if (inside?.type !== 'call') {
        // Awaiting a task, a future or an awaitable object: it waits on something unknown.
        direct.suspends = true;
        if (direct.world === 'none') direct.world = 'unknown';
      }
    } else if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.child('left');
      const into = inHandler(node, def) ? direct.mayWrites : direct.writes;
      if (left) for (const target of storedTargets(left)) for (const k of facts.keysOf(target, scope)) into.add(k);
    } else if (node.type === 'delete_statement') {
      for (const target of node.children.flatMap((c) => (c.type === 'expression_list' ? c.children : [c]))) {
        const t = unparenthesize(target);
        if (t.type === 'attribute' || t.type === 'subscript') for (const k of facts.keysOf(t.type === 'subscript' ? t.child('value')! : t, scope)) direct.writes.add(k);
      }
    }
  }
  for (const s of inner) {
    for (const call of s.calls) {
      const ref = facts.describeCall(call, s, awaitedContexts.has(call) || undefined);
      calls.push({
        ...ref,
        ...(inHandler(call, def) ? { recovery: true as const } : {}),
        ...(ref.self ? { self: project(ref.self) } : {}),
        args: ref.args.map(project),
        keywords: ref.keywords.map(([k, v]) => [k, project(v)] as const),
        fallback: projectEffects(ref.fallback),
      });
    }
    for (const [name, nodes] of s.reads) {
      for (const node of nodes) for (const k of facts.nameKeys(name, s)) direct.reads.add(extendKey(k, attributePath(node)));
    }
  }
  for (const name of scope.globals) if (scope.bindings.has(name)) direct.writes.add(`g:${facts.ownModule}.${name}`);
  for (const name of scope.nonlocals) if (scope.bindings.has(name)) direct.writes.add(`l:${name}`);
  return {
    params,
    resourceParams,
    coroutine: true,
    intent: callIntent(def.child('name')?.text ?? ''),
    direct: projectEffects(direct.freeze()),
    calls,
  };
}

/** A body of only a docstring, `pass`, `...` or `raise NotImplementedError`, or an `@abstractmethod`. */
function isStub(def: PyNode): boolean {
  if (decoratorsOf(def).some((d) => /(^|\.)abstractmethod$/.test(decoratorName(d)))) return true;
  const body = def.child('body')?.children ?? [];
  return body.every((stmt) => {
    const expr = stmt.type === 'expression_statement' && stmt.children.length === 1 ? stmt.children[0]! : undefined;
    if (stmt.type === 'pass_statement' || expr?.type === 'string' || expr?.type === 'ellipsis') return true;
    return stmt.type === 'raise_statement' && /^raise\s+NotImplementedError\b/.test(stmt.text);
  });
}

/** A key callers can see: a parameter, a variable of an enclosing function, a module global, or anything. */
function visibleToCallers(key: string, scope: Scope): boolean {
  if (key === '*' || key.startsWith('g:')) return true;
  const dot = key.indexOf('.');
  const name = key.slice(2, dot === -1 ? undefined : dot);
  const owner = scope.resolve(name);
  if (!owner) return false;
  if (owner === scope) return scope.bindingsOf(name).some((b) => b.kind === 'parameter');
  return owner.kind === 'function' || owner.kind === 'lambda';
}

/** The function's scope and the comprehensions and lambdas written in it (not those of nested functions). */
function inlineScopes(scope: Scope): Scope[] {
  const out = [scope];
  for (let i = 0; i < out.length; i++) for (const child of out[i]!.children) if (child.kind === 'comprehension' || child.kind === 'lambda') out.push(child);
  return out;
}

/** True inside an `except` handler of the function (code that runs only after a failure). */
function inHandler(node: PyNode, def: PyNode): boolean {
  for (let n = node.parent; n && n !== def; n = n.parent) if (n.type === 'except_clause' || n.type === 'except_group_clause') return true;
  return false;
}

/** Every node of a function body that runs in it (not in nested functions or classes). */
function* bodyNodes(def: PyNode): Generator<PyNode> {
  const body = def.child('body');
  if (!body) return;
  yield* body.descendants((n) => !ELSEWHERE.has(n.type));
}

/** The stored-into objects of an assignment target: `self.x`, `cache[k]` (as `cache`), tuple parts. */
function storedTargets(left: PyNode): PyNode[] {
  const t = unparenthesize(left);
  if (t.type === 'attribute') return [t];
  if (t.type === 'subscript') return [t.child('value')!];
  if (t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'tuple' || t.type === 'list') return t.children.flatMap(storedTargets);
  return [];
}

/** The attributes read after a name (`self._cache.get` -> `_cache`, `get`), as a key path. */
function attributePath(node: PyNode): string[] {
  const path: string[] = [];
  for (let n = node; n.parent?.type === 'attribute' && n.field === 'object' && path.length < 2; n = n.parent) path.push(n.parent.child('attribute')?.text ?? '');
  return path;
}

/** The identifier a parameter binds, if it is a named one. */
function parameterName(p: PyNode): PyNode | undefined {
  switch (p.type) {
    case 'identifier':
      return p;
    case 'typed_parameter': {
      const id = p.firstOfType('identifier', 'list_splat_pattern', 'dictionary_splat_pattern');
      return id?.type === 'identifier' ? id : id?.firstOfType('identifier');
    }
    case 'default_parameter':
    case 'typed_default_parameter':
      return p.child('name')?.type === 'identifier' ? p.child('name') : undefined;
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return p.firstOfType('identifier');
    default:
      return undefined;
  }
}
