import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { declaredName } from './annotations';
import { classInfo, decoratorName, decoratorsOf, type ClassInfo } from './classes';
import type { FileModel } from './fileModel';
import { KNOWN_TYPES, LOOP_GETTERS, LOOP_TYPE, normalizeQualified, type KnownType } from './knownApis';
import type { Binding, Scope } from './scopes';

/**
 * What the analysis knows about a value's type: a known asyncio/HTTP type, a class of this file, or
 * a class elsewhere by its qualified name (`pkg.client.Client`), whose members the workspace index knows.
 */
export type TypeFact =
  | { readonly kind: 'known'; readonly type: KnownType }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  | { readonly kind: 'named'; readonly qualified: string };

/** The callbacks type inference needs from the resolver (kept apart to avoid a cycle). */
export interface TypeEnvironment {
  readonly file: FileModel;
  /** This file's module path (`pkg.api`), or `__main__`. */
  readonly ownModule: string;
  qualifiedName(expr: PyNode, scope: Scope): string | undefined;
  bindingsAt(name: string, scope: Scope): { scope: Scope; bindings: readonly Binding[] } | undefined;
  /** The class whose method binds `self` (or `cls`) when `name` is that first parameter. */
  selfClass(name: string, scope: Scope): ClassInfo | undefined;
  /**
   * The qualified type another module declares for a key (see `ModuleSummary.declared`). While
   * summarising, it comes back as a reference, `=key`, for the index to follow when asked; a member
   * of a referred type extends the reference (`=pkg.state.State()|http|await connect()`).
   */
  declaredType(key: string): string | undefined;
}

const MAX_DEPTH = 8;

/** Builtin types whose instances are never awaitable. */
const BUILTIN_VALUES: ReadonlySet<string> = new Set(['dict', 'list', 'set', 'frozenset', 'tuple', 'str', 'bytes', 'bytearray', 'int', 'float', 'complex', 'bool']);

/** The same, spelled through `typing`. */
const TYPING_VALUES: ReadonlySet<string> = new Set(['typing.Dict', 'typing.List', 'typing.Set', 'typing.FrozenSet', 'typing.Tuple', 'typing.DefaultDict', 'typing.OrderedDict', 'typing.Text']);

/**
 * Type facts from declarations and constructions: constructor assignments (`q = asyncio.Queue()`),
 * annotations of locals, parameters, class members and returns (`Optional[T]`, `T | None`, strings),
 * `self.x = T(...)` / `self.x: T` in any method, `@property` return types, functions that return a
 * constructor call, module-level instances, and base classes; chains resolve link by link
 * (`self._state.http`). Names of other modules go through the workspace index's declared types.
 * A name bound several ways gets a fact only when every binding agrees (`None` says nothing).
 */
export class TypeFacts {
  private readonly classCache = new Map<PyNode, ClassInfo>();
  private readonly memberCache = new Map<ClassInfo, Map<string, TypeFact | null>>();

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
    if (depth > MAX_DEPTH) return undefined;
    const e = unparenthesize(expr);
    if (e.type === 'identifier') {
      const found = this.env.bindingsAt(e.text, scope);
      if (!found || found.bindings.length === 0) return undefined;
      return agree(found.bindings.filter((b) => !isNone(b.value) || b.annotation).map((b) => this.bindingType(b, found.scope, depth + 1)));
    }
    if (e.type === 'attribute') {
      const object = e.child('object');
      const attr = e.child('attribute')?.text;
      if (!object || !attr) return undefined;
      if (object.type === 'identifier') {
        const cls = this.env.selfClass(object.text, scope);
        if (cls) return this.classMember(cls, attr, depth + 1);
      }
      // `api.client` (a module's instance), else link by link.
      const q = this.env.qualifiedName(e, scope);
      const declared = q ? this.fromQualified(this.env.declaredType(q)) : undefined;
      if (declared) return declared;
      const owner = this.typeOf(object, scope, depth + 1);
      return owner ? this.memberOf(owner, attr, depth + 1) : undefined;
    }
    if (e.type === 'call') return this.constructed(e, scope) ?? this.returned(e, scope, false, depth + 1);
    if (e.type === 'await') return this.awaited(e, scope, depth + 1);
    return undefined;
  }

  /** `Ctor(...)`: a known type, an event loop getter, a class of this file or of the workspace. */
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

  /** An annotation's type: `asyncio.Queue[int]`, `Optional[Client]`, `"api.Client"`, a class of this file or imported. */
  annotated(annotation: PyNode, scope: Scope): TypeFact | undefined {
    const name = declaredName(annotation.text);
    if (!name) return undefined;
    const [head, ...rest] = name.split('.');
    const found = this.env.bindingsAt(head!, scope);
    const bindings = found?.bindings ?? [];
    const only = bindings[0];
    if (!only || !bindings.every((b) => b.kind === only.kind && b.qualified === only.qualified)) return undefined;
    if (only.kind === 'import' && only.qualified) return this.fromQualified([only.qualified, ...rest].join('.'));
    return only.kind === 'class' && rest.length === 0 && bindings.length === 1 ? { kind: 'class', cls: this.classOf(only.node) } : undefined;
  }

  /**
   * Whether an annotation declares a value a coroutine object can never be: `None`, a builtin
   * container or scalar (`dict`, `typing.List[...]`, `Optional[str]`), a class of this file that is
   * not a protocol, a class of the workspace or the installed packages, or a known asyncio type.
   * False for whatever may hold an awaitable (`Any`, `object`, `Awaitable[T]`, a TypeVar, an alias,
   * a union of several types, anything unresolved).
   */
  declaresPlainValue(annotation: PyNode, scope: Scope): boolean {
    const text = annotation.text.replace(/\s+/g, '').replace(/^(['"])(.*)\1$/, '$2');
    if (text === 'None') return true;
    const name = declaredName(annotation.text);
    if (!name) return false;
    const [head, ...rest] = name.split('.');
    const found = this.env.bindingsAt(head!, scope);
    if (!found) return rest.length === 0 && BUILTIN_VALUES.has(name);
    const only = found.bindings.length === 1 ? found.bindings[0]! : undefined;
    if (only?.kind === 'import' && only.qualified) {
      const qualified = normalizeQualified([only.qualified, ...rest].join('.'));
      if (TYPING_VALUES.has(qualified)) return true;
      if (/^(typing|typing_extensions|collections\.abc|types|asyncio|concurrent)\./.test(qualified)) return KNOWN_TYPES.has(qualified);
    }
    const fact = this.annotated(annotation, scope);
    if (fact?.kind === 'known') return true;
    if (fact?.kind === 'class') return !fact.cls.methods.has('__await__') && !fact.cls.bases.some((b) => /Protocol|Awaitable|Future|Task|Generic/.test(b.text));
    // A class another module defines: its summary declares what calling it gives (an instance of it).
    return fact?.kind === 'named' && !fact.qualified.startsWith('=') && this.env.declaredType(`${fact.qualified}()`) === fact.qualified;
  }

  /** The type a binding gives its name. */
  bindingType(b: Binding, scope: Scope, depth = 0): TypeFact | undefined {
    if (b.annotation) {
      const fact = this.annotated(b.annotation, scope);
      if (fact) return fact;
    }
    const value = b.value ? unparenthesize(b.value) : undefined;
    switch (b.kind) {
      case 'assignment':
      case 'walrus':
      case 'with':
        if (value?.type === 'call') return this.constructed(value, scope) ?? (b.kind === 'with' ? undefined : this.returned(value, scope, false, depth + 1));
        if (value?.type === 'await') return this.awaited(value, scope, depth + 1);
        if ((value?.type === 'identifier' || value?.type === 'attribute') && b.kind !== 'with') return this.typeOf(value, scope, depth + 1);
        return b.value ? undefined : this.unpacked(b, scope);
      case 'import':
        return b.qualified && !b.isModuleImport ? this.fromQualified(this.env.declaredType(b.qualified)) : undefined;
      default:
        return undefined;
    }
  }

  /** A member of a value of type `owner`: an attribute or a property. */
  memberOf(owner: TypeFact, attr: string, depth: number): TypeFact | undefined {
    if (owner.kind === 'class') return this.classMember(owner.cls, attr, depth + 1);
    if (owner.kind === 'named' && owner.qualified.startsWith('=')) return { kind: 'named', qualified: `${owner.qualified}|${attr}` };
    if (owner.kind === 'named') return this.fromQualified(this.env.declaredType(`${owner.qualified}.${attr}`));
    return undefined;
  }

  /**
   * What `call` returns (not awaited) or, with `awaited`, what awaiting it gives: from the callee's
   * return annotation, or the constructor call it returns; through this file and the workspace.
   */
  returned(call: PyNode, scope: Scope, awaited: boolean, depth: number): TypeFact | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const callee = call.child('function');
    const fn = callee ? unparenthesize(callee) : undefined;
    if (!fn) return undefined;
    const prefix = awaited ? 'await ' : '';
    const q = this.env.qualifiedName(fn, scope);
    if (q && !awaited && TASK_STARTERS.has(normalizeQualified(q))) return TASK;
    if (q) return this.fromQualified(this.env.declaredType(`${prefix}${normalizeQualified(q)}()`));
    if (fn.type === 'identifier') {
      const found = this.env.bindingsAt(fn.text, scope);
      const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
      return only && (only.kind === 'def' || only.kind === 'async-def') ? this.returnOf(only.node, awaited, depth + 1) : undefined;
    }
    if (fn.type !== 'attribute') return undefined;
    const object = fn.child('object');
    const method = fn.child('attribute')?.text;
    if (!object || !method) return undefined;
    const cls = (object.type === 'identifier' ? this.env.selfClass(object.text, scope) : undefined) ?? this.classNamed(object, scope);
    const owner: TypeFact | undefined = cls ? { kind: 'class', cls } : this.typeOf(object, scope, depth + 1);
    if (owner?.kind === 'named' && owner.qualified.startsWith('=')) return { kind: 'named', qualified: `${owner.qualified}|${prefix}${method}()` };
    if (owner?.kind === 'named') return this.fromQualified(this.env.declaredType(`${prefix}${owner.qualified}.${method}()`));
    if (owner?.kind !== 'class') return undefined;
    const def = this.methodDef(owner.cls, method, depth);
    return def ? this.returnOf(def, awaited, depth + 1) : undefined;
  }

  /** What calling `def` gives (awaiting it, for an `async def`): its return annotation, or the constructor calls it returns. */
  returnOf(def: PyNode, awaited: boolean, depth = 0): TypeFact | undefined {
    if (def.isAsync !== awaited || depth > MAX_DEPTH) return undefined;
    // Most functions neither declare a return type nor return a call: leave their bodies uncopied.
    if (!RETURNS_SOMETHING.test(def.text)) return undefined;
    this.env.file.complete(def);
    const outer = this.env.file.scopeFor(def)?.parent;
    const annotation = def.child('return_type');
    if (annotation && outer) return this.annotated(annotation, outer);
    const inner = this.env.file.scopeFor(def);
    const body = def.child('body');
    if (!inner || !body) return undefined;
    const facts: (TypeFact | undefined)[] = [];
    for (const n of body.descendants((x) => !NESTED.has(x.type))) {
      if (n.type !== 'return_statement') continue;
      const value = n.children[0] ? unparenthesize(n.children[0]) : undefined;
      if (!value || value.type === 'none') continue;
      facts.push(value.type === 'call' ? (this.constructed(value, inner) ?? this.returned(value, inner, false, depth + 1)) : undefined);
    }
    return agree(facts);
  }

  /** A qualified type name as a fact: a known type, a class of this file, or a class elsewhere. */
  fromQualified(qualified: string | undefined): TypeFact | undefined {
    if (!qualified) return undefined;
    if (qualified.startsWith('=')) return { kind: 'named', qualified };
    const name = normalizeQualified(qualified);
    const type = KNOWN_TYPES.get(name);
    if (type) return { kind: 'known', type };
    const own = this.env.ownModule + '.';
    if (name.startsWith(own) && !name.slice(own.length).includes('.')) {
      const bindings = this.env.file.moduleScope.bindingsOf(name.slice(own.length));
      return bindings.length === 1 && bindings[0]!.kind === 'class' ? { kind: 'class', cls: this.classOf(bindings[0]!.node) } : undefined;
    }
    return { kind: 'named', qualified: name };
  }

  /** The qualified name of a type, for other modules: the reverse of {@link fromQualified}. */
  qualifiedOf(fact: TypeFact | undefined): string | undefined {
    if (!fact) return undefined;
    if (fact.kind === 'named') return fact.qualified;
    if (fact.kind === 'known') return KNOWN_NAMES.get(fact.type);
    const bindings = this.env.file.moduleScope.bindingsOf(fact.cls.name);
    return bindings.length === 1 && bindings[0]!.node === fact.cls.node ? `${this.env.ownModule}.${fact.cls.name}` : undefined;
  }

  /**
   * `x` of an instance of `cls`: declared in the class body, stored as `self.x` in any method, a
   * `@property`, or inherited from a base class of this file or of the workspace.
   */
  classMember(cls: ClassInfo, attr: string, depth: number): TypeFact | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let members = this.memberCache.get(cls);
    if (!members) this.memberCache.set(cls, (members = new Map<string, TypeFact | null>()));
    const known = members.get(attr);
    if (known !== undefined || members.has(attr)) return known ?? undefined;
    members.set(attr, null); // asked again while answering (`self.a = self.b; self.b = self.a`): no answer
    const answer = this.memberUncached(cls, attr, depth);
    members.set(attr, answer ?? null);
    return answer;
  }

  /** Drops remembered member types (answers may change when unread modules are answered differently). */
  forgetMembers(): void {
    this.memberCache.clear();
  }

  private memberUncached(cls: ClassInfo, attr: string, depth: number): TypeFact | undefined {
    const defs = cls.methods.get(attr);
    if (defs) {
      const property = defs.length === 1 && decoratorsOf(defs[0]!.node).some((d) => PROPERTIES.has(decoratorName(d)));
      return property ? this.returnOf(defs[0]!.node, false, depth + 1) : undefined;
    }
    const facts: (TypeFact | undefined)[] = [];
    const classScope = this.env.file.scopeFor(cls.node);
    if (classScope) {
      for (const b of classScope.bindingsOf(attr)) if (!isNone(b.value) || b.annotation) facts.push(this.bindingType(b, classScope, depth + 1));
    }
    for (const [, methods] of cls.methods) {
      for (const m of methods) {
        this.env.file.complete(m.node);
        const methodScope = this.env.file.scopeFor(m.node);
        const selfName = firstParameter(m.node);
        if (!methodScope || !selfName) continue;
        for (const store of methodScope.attributeStores) {
          if (store.target.child('object')?.text !== selfName || store.target.child('attribute')?.text !== attr) continue;
          if (store.annotation) facts.push(this.annotated(store.annotation, methodScope));
          else if (!isNone(store.value)) facts.push(store.value ? this.typeOf(store.value, methodScope, depth + 1) : undefined);
        }
      }
    }
    if (facts.length > 0) return agree(facts);
    const outer = this.env.file.scopeFor(cls.node)?.parent ?? this.env.file.moduleScope;
    for (const base of cls.bases) {
      const local = this.classNamed(base, outer);
      const inherited = local ? this.classMember(local, attr, depth + 1) : this.baseMember(base, outer, attr);
      if (inherited) return inherited;
    }
    return undefined;
  }

  /** The `def` of a method of `cls` or of a base class of this file (undefined when defined twice). */
  methodDef(cls: ClassInfo, method: string, depth: number): PyNode | undefined {
    if (depth > MAX_DEPTH || cls.otherNames.has(method)) return undefined;
    const defs = cls.methods.get(method);
    if (defs) return defs.length === 1 ? defs[0]!.node : undefined;
    const outer = this.env.file.scopeFor(cls.node)?.parent ?? this.env.file.moduleScope;
    for (const base of cls.bases) {
      const local = this.classNamed(base, outer);
      const def = local ? this.methodDef(local, method, depth + 1) : undefined;
      if (def) return def;
    }
    return undefined;
  }

  /** The class of this file a name refers to (`Client` in `Client.create()` or a base list). */
  classNamed(expr: PyNode, scope: Scope): ClassInfo | undefined {
    const e = unparenthesize(expr);
    if (e.type !== 'identifier') return undefined;
    const found = this.env.bindingsAt(e.text, scope);
    const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
    return only?.kind === 'class' ? this.classOf(only.node) : undefined;
  }

  private baseMember(base: PyNode, scope: Scope, attr: string): TypeFact | undefined {
    const q = this.env.qualifiedName(base, scope);
    return q ? this.fromQualified(this.env.declaredType(`${normalizeQualified(q)}.${attr}`)) : undefined;
  }

  /** `await asyncio.create_subprocess_exec(...)` gives a Process; `await client.connect()` what `connect` declares. */
  private awaited(value: PyNode, scope: Scope, depth: number): TypeFact | undefined {
    const call = value.children[0];
    if (call?.type !== 'call') return undefined;
    const q = this.env.qualifiedName(call.child('function')!, scope);
    if (q && /^asyncio\.create_subprocess_(exec|shell)$/.test(normalizeQualified(q))) return known('asyncio.subprocess.Process');
    return this.returned(call, scope, true, depth);
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
}

/**
 * A task just started by `asyncio.create_task(...)` / `asyncio.ensure_future(...)`: a function that
 * returns one directly is a task factory. Not `-> asyncio.Task`: a factory that says so may keep the
 * task itself (a `keep_ref` option), so only the returned call counts.
 */
export const TASK = { kind: 'named', qualified: '<started task>' } as const satisfies TypeFact;
const TASK_STARTERS = new Set(['asyncio.create_task', 'asyncio.ensure_future']);
/** A return annotation, or a `return` of a call: the only sources of a return type. */
const RETURNS_SOMETHING = /->|\breturn\s+[\w.]+\(/;
const NESTED = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);
const PROPERTIES = new Set(['property', 'functools.cached_property', 'cached_property']);
const KNOWN_NAMES: ReadonlyMap<KnownType, string> = new Map([...KNOWN_TYPES].map(([name, type]) => [type, name]));

/** `x = None`: says nothing about the type the name holds otherwise. */
function isNone(value: PyNode | undefined): boolean {
  return value !== undefined && unparenthesize(value).type === 'none';
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
    if (f.kind === 'named' && first.kind === 'named' && f.qualified !== first.qualified) return undefined;
  }
  return first;
}
