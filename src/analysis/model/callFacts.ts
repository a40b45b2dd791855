import { unparenthesize, valueParent, type PyNode } from '../syntax/pyNode';
import { namesReadIn } from '../syntax/queries';
import { ANY_EFFECTS, extendKey, localKey, NO_EFFECTS, type CallRef, type Effects } from '../workspace/effects';
import { callIntent, isHarmlessCall, nameWords, returnsFreshObject } from './callNames';
import type { ClassInfo } from './classes';
import { HTTP_METHODS, SAFE_HTTP_METHODS, normalizeQualified } from './knownApis';
import { isHttpClientType, isResourceClassName, isResourceName, isResourceType, opensSeparateResource } from './resources';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';
import type { TypeFact } from './typeFacts';

/** asyncio calls that wait on other awaitables: their own effect is only to suspend. */
const ASYNCIO_WAITERS = new Set(['asyncio.sleep', 'asyncio.gather', 'asyncio.wait', 'asyncio.wait_for', 'asyncio.shield', 'asyncio.as_completed', 'asyncio.timeout', 'asyncio.timeout_at']);
/** asyncio calls that start their argument elsewhere; its own call is recorded separately. */
const ASYNCIO_STARTERS = new Set(['asyncio.create_task', 'asyncio.ensure_future', 'asyncio.run_coroutine_threadsafe']);

/**
 * Reads calls as the concurrency rules and the function summaries need them: which state an
 * expression refers to (as effect keys, see effects.ts), whether it is a stateful resource, and what
 * a call is (its callee's qualified name, the keys it passes, and what it does when nothing better is
 * known). One per analysis; answers are remembered.
 */
export class CallFacts {
  private readonly nameKeysMemo = new Map<Scope, Map<string, string[]>>();
  private readonly typeMemo = new Map<Scope, Map<string, TypeFact | undefined>>();
  private readonly resourceMemo = new Map<Scope, Map<string, boolean>>();
  private readonly visiting = new Set<string>();

  constructor(
    readonly resolver: Resolver,
    /** This file's module (canonical dotted path, or `__main__`): the prefix of its functions' qualified names. */
    readonly ownModule: string,
  ) {}

  /** The keys of the state an expression refers to (empty for literals and fresh values). */
  keysOf(expr: PyNode, scope: Scope): string[] {
    const e = unparenthesize(expr);
    switch (e.type) {
      case 'identifier':
        return this.nameKeys(e.text, scope);
      case 'attribute': {
        const path: string[] = [];
        let n: PyNode = e;
        while (n.type === 'attribute') {
          path.unshift(n.child('attribute')?.text ?? '');
          n = unparenthesize(n.child('object')!);
        }
        return this.keysOf(n, scope).map((k) => extendKey(k, path));
      }
      case 'subscript':
        return this.keysOf(e.child('value')!, scope);
      case 'await':
        return e.children[0] ? this.keysOf(e.children[0], scope) : [];
      case 'call':
        return this.callResultKeys(e, scope);
      case 'string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'lambda':
        return [];
      default: {
        const out = new Set<string>();
        for (const name of namesReadIn(e)) for (const k of this.nameKeys(name, scope)) out.add(k);
        return [...out];
      }
    }
  }

  /** A method's result refers to its object's state, unless the method hands out something new. */
  private callResultKeys(call: PyNode, scope: Scope): string[] {
    const fn = unparenthesize(call.child('function')!);
    if (fn.type !== 'attribute') return [];
    const method = fn.child('attribute')?.text ?? '';
    const receiver = this.resolver.receiverOf(call);
    if (!receiver || receiver.isModule || returnsFreshObject(method)) return [];
    return this.keysOf(fn.child('object')!, scope);
  }

  /**
   * A variable's keys: itself, plus what it aliases when every assignment gives it a piece of other
   * state (`s = self._session`, `conn = self.pool_conn()`, `for item in self.items`). A module-level name
   * is a global key; builtins and class-level names have none.
   */
  nameKeys(name: string, scope: Scope): string[] {
    let byName = this.nameKeysMemo.get(scope);
    if (!byName) this.nameKeysMemo.set(scope, (byName = new Map<string, string[]>()));
    const known = byName.get(name);
    if (known) return known;
    const keys = this.computeNameKeys(name, scope);
    byName.set(name, keys);
    return keys;
  }

  private computeNameKeys(name: string, scope: Scope): string[] {
    const owner = scope.resolve(name);
    if (!owner || owner.kind === 'class') return [];
    const bindings = owner.bindingsOf(name);
    if (owner.kind === 'module') {
      const first = bindings[0]?.qualified;
      const imported = bindings.length > 0 && bindings.every((b) => b.kind === 'import' && b.qualified === first);
      return [`g:${imported && first ? normalizeQualified(first) : `${this.ownModule}.${name}`}`];
    }
    const own = localKey(name);
    // A variable of an enclosing function keeps its own name: the caller resolves it in its scope.
    if (owner !== scope || this.visiting.has(own)) return [own];
    this.visiting.add(own);
    const out = new Set([own]);
    try {
      for (const b of bindings) {
        if (b.kind !== 'assignment' && b.kind !== 'walrus' && b.kind !== 'with' && b.kind !== 'for' && b.kind !== 'augmented') continue;
        const value = b.value ? unparenthesize(b.value) : undefined;
        if (!value) continue;
        for (const k of this.keysOf(value, owner)) if (k !== own) out.add(k);
      }
    } finally {
      this.visiting.delete(own);
    }
    return [...out];
  }

  /** The simple type of a name or attribute chain, remembered per scope (several questions ask it of one receiver). */
  private typeOf(e: PyNode, scope: Scope): TypeFact | undefined {
    if (e.type !== 'identifier' && e.type !== 'attribute') return this.resolver.typeOf(e, scope);
    let byText = this.typeMemo.get(scope);
    if (!byText) this.typeMemo.set(scope, (byText = new Map<string, TypeFact | undefined>()));
    const text = e.text;
    if (byText.has(text)) return byText.get(text);
    const type = this.resolver.typeOf(e, scope);
    byText.set(text, type);
    return type;
  }

  /** True when the value is a stateful resource: by type, by annotation, by its class (`self`), or by name. */
  isResource(expr: PyNode, scope: Scope): boolean {
    const e = unparenthesize(expr);
    if (e.type !== 'identifier' && e.type !== 'attribute') return this.computeIsResource(e, scope);
    let byText = this.resourceMemo.get(scope);
    if (!byText) this.resourceMemo.set(scope, (byText = new Map<string, boolean>()));
    const known = byText.get(e.text);
    if (known !== undefined) return known;
    const answer = this.computeIsResource(e, scope);
    byText.set(e.text, answer);
    return answer;
  }

  private computeIsResource(e: PyNode, scope: Scope): boolean {
    const type = this.typeOf(e, scope);
    if (type?.kind === 'known') return type.type.kind !== 'http-client' && type.type.kind !== 'taskgroup' && type.type.kind !== 'loop';
    if (e.type === 'identifier') {
      const cls = this.resolver.selfClass(e.text, scope);
      if (cls) return this.isResourceClass(cls, scope);
      const declared = this.declaredType(e.text, scope);
      if (declared !== undefined) {
        if (isHttpClientType(declared)) return false;
        if (isResourceType(declared)) return true;
      }
      return isResourceName(e.text);
    }
    if (e.type === 'attribute') return isResourceName(e.child('attribute')?.text ?? '');
    if (e.type === 'call') {
      const fn = unparenthesize(e.child('function')!);
      const name = fn.type === 'attribute' ? fn.child('attribute')?.text : fn.type === 'identifier' ? fn.text : undefined;
      return name !== undefined && isResourceName(name) && !opensSeparateResource(name);
    }
    return false;
  }

  /** True for an HTTP client by type (`httpx.AsyncClient`, `aiohttp.ClientSession`, constructed or annotated). */
  isHttpClient(expr: PyNode, scope: Scope): boolean {
    const e = unparenthesize(expr);
    const type = this.typeOf(e, scope);
    if (type?.kind === 'known') return type.type.kind === 'http-client';
    const declared = e.type === 'identifier' ? this.declaredType(e.text, scope) : undefined;
    return declared !== undefined && isHttpClientType(declared);
  }

  /**
   * An API client: an HTTP client by type, or a value named as a client of a service (`client`,
   * `self._client`, `http`, `github_api`). Its requests go over the network, and its query methods
   * (`get`, `read_flows`, `list_jobs`) only read.
   */
  isApiClient(expr: PyNode, scope: Scope): boolean {
    if (this.isHttpClient(expr, scope)) return true;
    const e = unparenthesize(expr);
    const name = e.type === 'identifier' ? e.text : e.type === 'attribute' ? e.child('attribute')?.text : undefined;
    const last = name === undefined ? undefined : nameWords(name).pop();
    return last === 'client' || last === 'http' || last === 'api';
  }

  /** The qualified name of a variable's annotation, when every annotated binding agrees. */
  private declaredType(name: string, scope: Scope): string | undefined {
    const found = this.resolver.bindingsAt(name, scope);
    const annotations = found?.bindings.map((b) => b.annotation).filter((a): a is PyNode => a !== undefined) ?? [];
    let out: string | undefined;
    for (const a of annotations) {
      let t = a.type === 'type' ? a.children[0] : a;
      if (t?.type === 'generic_type' || t?.type === 'subscript') t = t.children[0];
      const q = t ? this.resolver.qualifiedName(t, found!.scope.parent ?? found!.scope) : undefined;
      if (!q || (out !== undefined && out !== q)) return undefined;
      out = normalizeQualified(q);
    }
    return out;
  }

  private isResourceClass(cls: ClassInfo, scope: Scope): boolean {
    if (isResourceClassName(cls.name)) return true;
    const classScope = this.resolver.file.scopeFor(cls.node)?.parent ?? scope;
    return cls.bases.some((b) => {
      const q = this.resolver.qualifiedName(b, classScope);
      return q !== undefined && isResourceType(normalizeQualified(q));
    });
  }

  /** The qualified name of a `def` as Python spells `__qualname__`: `outer.<locals>.inner`, `Client.get`. */
  qualnameOf(def: PyNode): string {
    const parts = [def.child('name')?.text ?? '?'];
    for (let n = def.parent; n; n = n.parent) {
      if (n.type === 'function_definition') parts.unshift(`${n.child('name')?.text ?? '?'}.<locals>`);
      else if (n.type === 'class_definition') parts.unshift(n.child('name')?.text ?? '?');
    }
    return `${this.ownModule}.${parts.join('.')}`;
  }

  /**
   * Describes a call made in `scope`: its callee (for a summary), the keys it passes, and what it does
   * when the callee has no summary. `awaited` defaults to whether an `await` applies to it.
   */
  describeCall(call: PyNode, scope: Scope, awaited = isAwaited(call)): CallRef {
    const fn = unparenthesize(call.child('function')!);
    const args: string[][] = [];
    const keywords: [string, string[]][] = [];
    let spread = false;
    const argList = call.child('arguments');
    for (const a of argList?.type === 'argument_list' ? argList.children : argList ? [argList] : []) {
      if (a.type === 'keyword_argument') {
        const value = a.child('value');
        keywords.push([a.child('name')?.text ?? '', value ? this.keysOf(value, scope) : []]);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        spread = true;
        args.push(a.children[0] ? this.keysOf(a.children[0], scope) : []);
      } else if (a.type !== 'comment') {
        args.push(this.keysOf(a, scope));
      }
    }
    const argKeys = [...args.flat(), ...keywords.flatMap(([, k]) => k)];
    // Only a variable or an attribute can hold a resource the caller shares.
    const argResources = [...(argList?.type === 'argument_list' ? argList.children : [])].flatMap((a) => {
      const value = a.type === 'keyword_argument' ? a.child('value') : a;
      const v = value ? unparenthesize(value) : undefined;
      return v && (v.type === 'identifier' || v.type === 'attribute') && this.isResource(v, scope) ? this.keysOf(v, scope) : [];
    });
    const site = { args, keywords, spread, awaited };
    if (fn.type === 'identifier') {
      const found = this.resolver.bindingsAt(fn.text, scope);
      const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
      if (only?.kind === 'async-def' || only?.kind === 'def') {
        return { ...site, target: this.qualnameOf(only.node), fallback: this.byName(fn.text, awaited, [], argKeys, argResources, false) };
      }
      if (found && found.bindings.length > 0 && found.bindings.every((b) => b.kind === 'import' && !b.isModuleImport && b.qualified)) {
        const q = normalizeQualified(found.bindings[0]!.qualified!);
        return { ...site, target: q, fallback: this.known(q, fn.text, awaited, argKeys, argResources, call) };
      }
      if (found?.bindings.some((b) => b.kind === 'class') && found.bindings.every((b) => b.kind === 'class')) {
        return { ...site, fallback: { ...NO_EFFECTS, reads: argKeys } };
      }
      if (found && found.bindings.length > 0) return { ...site, fallback: { ...ANY_EFFECTS, suspends: awaited } };
      return { ...site, fallback: this.byName(fn.text, awaited, [], argKeys, argResources, false) };
    }
    if (fn.type !== 'attribute') return { ...site, fallback: { ...ANY_EFFECTS, suspends: awaited } };
    const object = unparenthesize(fn.child('object')!);
    const method = fn.child('attribute')?.text ?? '';
    const receiver = this.resolver.receiverOf(call);
    if (receiver?.isModule) {
      const q = this.resolver.qualifiedName(fn, scope);
      if (q) {
        const name = normalizeQualified(q);
        return { ...site, target: name, fallback: this.known(name, method, awaited, argKeys, argResources, call) };
      }
    }
    const selfKeys = this.keysOf(object, scope);
    const resources = [...argResources, ...(this.isResource(object, scope) && !opensSeparateResource(method) ? selfKeys : [])];
    const target = this.methodTarget(object, method, scope);
    let fallback: Effects;
    if (this.isApiClient(object, scope) && HTTP_METHODS.has(method)) {
      fallback = { ...NO_EFFECTS, reads: [...selfKeys, ...argKeys], world: SAFE_HTTP_METHODS.has(method) ? 'read' : 'write', suspends: awaited, resources };
    } else {
      fallback = isHarmlessCall(method, true, object.text) ? { ...NO_EFFECTS, reads: [...selfKeys, ...argKeys] } : this.byName(method, awaited, selfKeys, argKeys, resources, true);
    }
    return target ? { ...site, target, self: selfKeys, fallback } : { ...site, fallback };
  }

  /** `self.m()` or `obj.m()` on an object of a class of this file: the method's qualified name (looking through bases). */
  private methodTarget(object: PyNode, method: string, scope: Scope): string | undefined {
    let cls: ClassInfo | undefined;
    if (object.type === 'identifier') cls = this.resolver.selfClass(object.text, scope);
    if (!cls) {
      const type = this.typeOf(object, scope);
      if (type?.kind === 'class') cls = type.cls;
    }
    return cls ? this.findMethod(cls, method, 0) : undefined;
  }

  private findMethod(cls: ClassInfo, method: string, depth: number): string | undefined {
    if (depth > 6 || cls.otherNames.has(method)) return undefined;
    const defs = cls.methods.get(method);
    if (defs) return defs.length === 1 ? this.qualnameOf(defs[0]!.node) : undefined;
    const classScope = this.resolver.file.scopeFor(cls.node)?.parent ?? this.resolver.file.moduleScope;
    for (const base of cls.bases) {
      const b = unparenthesize(base);
      const q = this.resolver.qualifiedName(b, classScope);
      if (q) return `${normalizeQualified(q)}.${method}`;
      if (b.type !== 'identifier') continue;
      const found = this.resolver.bindingsAt(b.text, classScope);
      const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
      if (only?.kind === 'class') return this.findMethod(this.resolver.types.classOf(only.node), method, depth + 1);
    }
    return undefined;
  }

  /** A module function by qualified name: asyncio's waiters and starters, else by its name. */
  private known(qualified: string, name: string, awaited: boolean, argKeys: string[], resources: string[], call: PyNode): Effects {
    // `asyncio.sleep(0)` only lets other tasks run: it waits on nothing.
    const yieldsOnly = qualified === 'asyncio.sleep' && /^0(\.0*)?$/.test(call.child('arguments')?.children[0]?.text ?? '');
    if (ASYNCIO_WAITERS.has(qualified) || ASYNCIO_STARTERS.has(qualified)) return { ...NO_EFFECTS, reads: argKeys, suspends: awaited && ASYNCIO_WAITERS.has(qualified) && !yieldsOnly };
    return this.byName(name, awaited, [], argKeys, resources, false);
  }

  /**
   * What a call nothing else is known about does, from its name (see callNames.ts). Awaited, it does
   * I/O: a query reads the world, a change writes it (and may change what it was given), anything
   * else is unknown. Not awaited, a method whose name changes state writes its object.
   */
  private byName(name: string, awaited: boolean, selfKeys: string[], argKeys: string[], resources: string[], isMethod: boolean): Effects {
    const reads = [...selfKeys, ...argKeys];
    if (!isMethod && isHarmlessCall(name, false, undefined)) return { ...NO_EFFECTS, reads };
    const intent = callIntent(name);
    if (awaited) {
      const touched = [...selfKeys, ...argKeys];
      if (intent === 'query') return { ...NO_EFFECTS, reads, resources, world: 'read', suspends: true };
      if (intent === 'mutate') return { ...NO_EFFECTS, reads, writes: touched, resources, world: 'write', suspends: true };
      return { ...NO_EFFECTS, reads, mayWrites: touched, resources, world: 'unknown', suspends: true };
    }
    if (!isMethod) return { ...NO_EFFECTS, reads, resources };
    if (intent === 'mutate') return { ...NO_EFFECTS, reads, writes: selfKeys, resources };
    if (intent === 'query') return { ...NO_EFFECTS, reads, resources };
    return { ...NO_EFFECTS, reads, mayWrites: selfKeys, resources };
  }
}

/** True when the call's value is awaited right away (`await f()`, `await (f())`). */
export function isAwaited(call: PyNode): boolean {
  return valueParent(call).parent?.type === 'await';
}
