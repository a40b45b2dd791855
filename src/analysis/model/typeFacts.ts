import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { classInfo, type ClassInfo } from './classes';
import type { FileModel } from './fileModel';
import { KNOWN_TYPES, LOOP_GETTERS, LOOP_TYPE, normalizeQualified, type KnownType } from './knownApis';
import type { Binding, Scope } from './scopes';

/** What the analysis knows about a value's type. */
export type TypeFact = { readonly kind: 'known'; readonly type: KnownType } | { readonly kind: 'class'; readonly cls: ClassInfo };

/** The callbacks type inference needs from the resolver (kept apart to avoid a cycle). */
export interface TypeEnvironment {
  readonly file: FileModel;
  qualifiedName(expr: PyNode, scope: Scope): string | undefined;
  bindingsAt(name: string, scope: Scope): { scope: Scope; bindings: readonly Binding[] } | undefined;
  /** The class whose method binds `self` (or `cls`) when `name` is that first parameter. */
  selfClass(name: string, scope: Scope): ClassInfo | undefined;
}

/**
 * Simple local type facts: constructor assignments (`q = asyncio.Queue()`), annotations
 * (`reader: asyncio.StreamReader`), `async with X() as x`, `reader, writer = await
 * asyncio.open_connection(...)`, and `self.x = ...` in `__init__` or `x: T` in the class body.
 * A name bound several ways gets a fact only when every binding agrees.
 */
export class TypeFacts {
  private readonly classCache = new Map<PyNode, ClassInfo>();

  constructor(private readonly env: TypeEnvironment) {}

  /** The class info of a class node (cached). */
  classOf(node: PyNode): ClassInfo {
    let info = this.classCache.get(node);
    if (!info) {
      info = classInfo(node);
      this.classCache.set(node, info);
    }
    return info;
  }

  typeOf(expr: PyNode, scope: Scope, depth = 0): TypeFact | undefined {
    if (depth > 4) return undefined;
    const e = unparenthesize(expr);
    if (e.type === 'identifier') {
      const found = this.env.bindingsAt(e.text, scope);
      if (!found || found.bindings.length === 0) return undefined;
      return agree(found.bindings.map((b) => this.factOfBinding(b, found.scope, depth)));
    }
    if (e.type === 'attribute') {
      const object = e.child('object');
      const attr = e.child('attribute')?.text;
      if (object?.type === 'identifier' && attr) {
        const cls = this.env.selfClass(object.text, scope);
        if (cls) return this.attributeType(cls, attr, depth);
      }
      return undefined;
    }
    if (e.type === 'call') return this.constructed(e, scope);
    return undefined;
  }

  /** `Ctor(...)`: a known type, an event loop getter, or a class of this file. */
  constructed(call: PyNode, scope: Scope): TypeFact | undefined {
    const callee = call.child('function');
    if (!callee) return undefined;
    const qualified = this.env.qualifiedName(callee, scope);
    if (qualified) {
      const name = normalizeQualified(qualified);
      const type = KNOWN_TYPES.get(name) ?? (LOOP_GETTERS.has(name) ? LOOP_TYPE : undefined);
      return type ? { kind: 'known', type } : undefined;
    }
    const c = unparenthesize(callee);
    if (c.type !== 'identifier') return undefined;
    const found = this.env.bindingsAt(c.text, scope);
    const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
    return only?.kind === 'class' ? { kind: 'class', cls: this.classOf(only.node) } : undefined;
  }

  /** An annotation's type: `asyncio.Queue`, `asyncio.Queue[int]`, or a class of this file. */
  annotated(annotation: PyNode, scope: Scope): TypeFact | undefined {
    let expr = annotation.type === 'type' ? annotation.children[0] : annotation;
    if (expr?.type === 'generic_type') expr = expr.children[0];
    if (expr?.type === 'subscript') expr = expr.child('value');
    if (!expr || (expr.type !== 'identifier' && expr.type !== 'attribute')) return undefined;
    const qualified = this.env.qualifiedName(expr, scope);
    if (qualified) {
      const type = KNOWN_TYPES.get(normalizeQualified(qualified));
      return type ? { kind: 'known', type } : undefined;
    }
    if (expr.type !== 'identifier') return undefined;
    const found = this.env.bindingsAt(expr.text, scope);
    const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
    return only?.kind === 'class' ? { kind: 'class', cls: this.classOf(only.node) } : undefined;
  }

  private factOfBinding(b: Binding, scope: Scope, depth: number): TypeFact | undefined {
    if (b.annotation) {
      const fact = this.annotated(b.annotation, scope);
      if (fact) return fact;
    }
    const value = b.value ? unparenthesize(b.value) : undefined;
    switch (b.kind) {
      case 'assignment':
      case 'walrus':
      case 'with':
        if (value?.type === 'call') return this.constructed(value, scope);
        if (value?.type === 'await') return this.awaited(value, scope);
        if (value?.type === 'identifier' && b.kind !== 'with') return this.typeOf(value, scope, depth + 1);
        return b.value ? undefined : this.unpacked(b, scope);
      default:
        return undefined;
    }
  }

  /** `await asyncio.create_subprocess_exec(...)` gives a Process. */
  private awaited(value: PyNode, scope: Scope): TypeFact | undefined {
    const call = value.children[0];
    if (call?.type !== 'call') return undefined;
    const q = this.env.qualifiedName(call.child('function')!, scope);
    if (q && /^asyncio\.create_subprocess_(exec|shell)$/.test(normalizeQualified(q))) return known('asyncio.subprocess.Process');
    return undefined;
  }

  /** `reader, writer = await asyncio.open_connection(...)`: position 0 reads, position 1 writes. */
  private unpacked(b: Binding, scope: Scope): TypeFact | undefined {
    const list = b.node.parent;
    const assign = list?.parent;
    if (!list || assign?.type !== 'assignment' || (list.type !== 'pattern_list' && list.type !== 'tuple_pattern')) return undefined;
    const right = assign.child('right');
    const call = right?.type === 'await' ? right.children[0] : undefined;
    const callee = call?.type === 'call' ? call.child('function') : undefined;
    const q = callee ? this.env.qualifiedName(callee, scope) : undefined;
    if (!q || !/^asyncio\.open_(unix_)?connection$/.test(normalizeQualified(q))) return undefined;
    const index = list.children.indexOf(b.node);
    return index === 0 ? known('asyncio.StreamReader') : index === 1 ? known('asyncio.StreamWriter') : undefined;
  }

  /** `self.x`: from `x: T` in the class body or `self.x = ...` in `__init__`; all must agree. */
  private attributeType(cls: ClassInfo, attr: string, depth: number): TypeFact | undefined {
    const facts: (TypeFact | undefined)[] = [];
    const classScope = this.env.file.scopeFor(cls.node);
    if (classScope) for (const b of classScope.bindingsOf(attr)) facts.push(b.annotation ? this.annotated(b.annotation, classScope) : this.factOfBinding(b, classScope, depth + 1));
    for (const init of cls.methods.get('__init__') ?? []) {
      this.env.file.complete(init.node);
      const initScope = this.env.file.scopeFor(init.node);
      const selfName = firstParameter(init.node);
      if (!initScope || !selfName) continue;
      for (const store of initScope.attributeStores) {
        const object = store.target.child('object');
        if (object?.text !== selfName || store.target.child('attribute')?.text !== attr) continue;
        const value = store.value ? unparenthesize(store.value) : undefined;
        if (store.annotation) facts.push(this.annotated(store.annotation, initScope));
        else if (value?.type === 'call') facts.push(this.constructed(value, initScope));
        else if (value?.type === 'identifier') facts.push(this.typeOf(value, initScope, depth + 1));
        else facts.push(undefined);
      }
    }
    return facts.length > 0 ? agree(facts) : undefined;
  }
}

/** The name of a `def`'s first parameter (`self`, `cls`), if it is a plain one. */
export function firstParameter(def: PyNode): string | undefined {
  const first = def.child('parameters')?.children[0];
  if (first?.type === 'identifier') return first.text;
  if (first?.type === 'typed_parameter') return first.firstOfType('identifier')?.text;
  return undefined;
}

function known(name: string): TypeFact | undefined {
  const type = KNOWN_TYPES.get(name);
  return type ? { kind: 'known', type } : undefined;
}

/** One fact when all agree (same known type name or same class), else undefined. */
function agree(facts: readonly (TypeFact | undefined)[]): TypeFact | undefined {
  const first = facts[0];
  if (!first) return undefined;
  for (const f of facts) {
    if (!f || f.kind !== first.kind) return undefined;
    if (f.kind === 'known' && first.kind === 'known' && f.type.name !== first.type.name) return undefined;
    if (f.kind === 'class' && first.kind === 'class' && f.cls.node !== first.cls.node) return undefined;
  }
  return first;
}
