import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { namesReadIn } from '../syntax/queries';
import { extendKey, localKey } from '../workspace/effects';
import { nameWords, returnsFreshObject } from './callNames';
import type { ClassInfo } from './classes';
import { normalizeQualified } from './knownApis';
import { isHttpClientType, isResourceClassName, isResourceName, isResourceType, opensSeparateResource } from './resources';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';
import type { TypeFact } from './typeFacts';

/**
 * What the concurrency rules and the function summaries need to know about values: which state an
 * expression refers to (as effect keys, see effects.ts, with the aliases variables carry), whether it
 * is a stateful resource, an HTTP client or an API client. One per analysis; answers are remembered.
 */
export class StateFacts {
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
  protected typeOf(e: PyNode, scope: Scope): TypeFact | undefined {
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
}
