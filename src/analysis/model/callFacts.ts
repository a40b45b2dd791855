import { unparenthesize, valueParent, type PyNode } from '../syntax/pyNode';
import { ANY_EFFECTS, NO_EFFECTS, type CallRef, type Effects } from '../workspace/effects';
import { callIntent, isHarmlessCall } from './callNames';
import type { ClassInfo } from './classes';
import { HTTP_METHODS, SAFE_HTTP_METHODS, normalizeQualified } from './knownApis';
import { opensSeparateResource } from './resources';
import type { Scope } from './scopes';
import { StateFacts } from './stateFacts';

/** asyncio calls that wait on other awaitables: their own effect is only to suspend. */
const ASYNCIO_WAITERS = new Set(['asyncio.sleep', 'asyncio.gather', 'asyncio.wait', 'asyncio.wait_for', 'asyncio.shield', 'asyncio.as_completed', 'asyncio.timeout', 'asyncio.timeout_at']);
/** asyncio calls that start their argument elsewhere; its own call is recorded separately. */
const ASYNCIO_STARTERS = new Set(['asyncio.create_task', 'asyncio.ensure_future', 'asyncio.run_coroutine_threadsafe']);

/**
 * Reads calls as the concurrency rules and the function summaries need them: what a call is (its
 * callee's qualified name, the keys it passes, and what it does when nothing better is known), on top
 * of what {@link StateFacts} knows about values. One per analysis; answers are remembered.
 */
export class CallFacts extends StateFacts {
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
