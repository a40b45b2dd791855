import { chainRoot, dottedName, unparenthesize, type PyNode } from '../syntax/pyNode';
import type { WorkspaceLookup } from '../workspace/workspaceIndex';
import { decoratorName, decoratorsOf, type ClassInfo } from './classes';
import type { FileModel } from './fileModel';
import { canonicalModule } from './imports';
import { ASYNCIO_COROUTINE_FUNCTIONS, TRANSPARENT_DECORATORS, normalizeQualified } from './knownApis';
import type { Binding, Scope } from './scopes';
import { firstParameter, TypeFacts, type TypeEnvironment, type TypeFact } from './typeFacts';

/**
 * A call found to create a coroutine, with the evidence for the message. The evidence names no
 * line: a unit's findings may only hold positions inside the unit (see unitCache.ts).
 */
export interface CoroutineCall {
  /** How the callee is written: `fetch`, `self.save`, `asyncio.sleep`, `queue.put`. */
  readonly callee: string;
  /** Why it is a coroutine, as a sentence fragment: "`fetch` is an `async def` (line 3)". */
  readonly evidence: string;
  /** Set when the answer rests on a workspace module not read yet: the qualified name that must be async. */
  readonly assumes?: string;
}

/** The object a method is called on. */
export interface Receiver {
  /** The object expression (`self.db` in `self.db.fetch()`). */
  readonly node: PyNode;
  /** The method name. */
  readonly method: string;
  /** The identifier the chain starts from (`self`), when it is one. */
  readonly rootName: string | undefined;
  /** The object is an imported module (`asyncio`, `api`): the call is a plain function call. */
  readonly isModule: boolean;
  readonly type: TypeFact | undefined;
}

type Status = { ok: true; evidence: string; assumes?: string } | { ok: false };
const NO: Status = { ok: false };

/**
 * Answers the rules' questions about names and calls, by Python's scoping rules: what a name is
 * bound to, a qualified name through the imports, whether a call creates a coroutine (a name
 * defined by `async def`, a workspace function, a known asyncio API, a method of a typed value or
 * of `self`'s class), the receiver of a call and the simple type of a value.
 */
export class Resolver implements TypeEnvironment {
  readonly types: TypeFacts;
  readonly ownModule: string;
  /**
   * Set when an answer needed a workspace module not read yet (the analyzer clears it per rule, and
   * runs the rule again once every module is read).
   */
  pending = false;
  /** While summarising the module: answer keys of other modules with references (see {@link TypeEnvironment.declaredType}). */
  referUnread = false;

  constructor(
    readonly file: FileModel,
    private readonly workspace: WorkspaceLookup | undefined,
  ) {
    this.types = new TypeFacts(this);
    this.ownModule = (file.modulePath !== undefined && canonicalModule(file.modulePath)) || '__main__';
  }

  declaredType(key: string): string | undefined {
    // A summary never reads other modules (it is made before they are known): it refers to them.
    if (this.referUnread) return `=${key}`;
    const answer = this.workspace?.declaredType?.(key);
    if (answer === 'pending') {
      this.pending = true;
      return undefined;
    }
    return answer?.type;
  }

  /** The scope holding the binding a read of `name` in `scope` sees, and its bindings. */
  bindingsAt(name: string, scope: Scope): { scope: Scope; bindings: readonly Binding[] } | undefined {
    const owner = scope.resolve(name);
    return owner ? { scope: owner, bindings: owner.bindingsOf(name) } : undefined;
  }

  /**
   * The fully qualified name of a name or attribute chain rooted in an import (`aio.sleep` ->
   * `asyncio.sleep`), or undefined when the root is not (only) an import, e.g. shadowed locally.
   */
  qualifiedName(expr: PyNode, scope: Scope = this.file.scopeOf(expr)): string | undefined {
    const e = unparenthesize(expr);
    if (e.type === 'identifier') {
      const found = this.bindingsAt(e.text, scope);
      if (!found || found.bindings.length === 0) return undefined;
      const first = found.bindings[0]!.qualified;
      if (!first || !found.bindings.every((b) => b.kind === 'import' && b.qualified === first)) return undefined;
      return first;
    }
    if (e.type === 'attribute') {
      const object = e.child('object');
      const attr = e.child('attribute');
      const base = object ? this.qualifiedName(object, scope) : undefined;
      return base && attr ? `${base}.${attr.text}` : undefined;
    }
    return undefined;
  }

  /** The class of the method whose first parameter `name` is (`self`, `cls`), seen from `scope`. */
  selfClass(name: string, scope: Scope): ClassInfo | undefined {
    const found = this.bindingsAt(name, scope);
    const binding = found?.bindings.length === 1 ? found.bindings[0] : undefined;
    if (binding?.kind !== 'parameter' || found?.scope.kind !== 'function' || found.scope.parent?.kind !== 'class') return undefined;
    const def = found.scope.node;
    if (firstParameter(def) !== name) return undefined;
    if (decoratorsOf(def).some((d) => decoratorName(d) === 'staticmethod')) return undefined;
    return this.types.classOf(found.scope.parent.node);
  }

  typeOf(expr: PyNode, scope: Scope = this.file.scopeOf(expr)): TypeFact | undefined {
    return this.types.typeOf(expr, scope);
  }

  /** The receiver of `obj.method(...)`; undefined for calls of plain names. */
  receiverOf(call: PyNode): Receiver | undefined {
    const callee = call.child('function');
    const fn = callee ? unparenthesize(callee) : undefined;
    if (fn?.type !== 'attribute') return undefined;
    const object = fn.child('object');
    const method = fn.child('attribute')?.text;
    if (!object || !method) return undefined;
    const scope = this.file.scopeOf(call);
    const root = chainRoot(object);
    const rootName = root.type === 'identifier' ? root.text : undefined;
    const isModule = this.qualifiedName(object, scope) !== undefined && this.isModuleChain(object, scope);
    return { node: unparenthesize(object), method, rootName, isModule, type: isModule ? undefined : this.typeOf(object, scope) };
  }

  /** Whether `call` creates a coroutine; undefined when it does not or when that is not certain. */
  coroutineCall(call: PyNode): CoroutineCall | undefined {
    const callee = call.child('function');
    const fn = callee ? unparenthesize(callee) : undefined;
    if (!fn) return undefined;
    const scope = this.file.scopeOf(call);
    let status: Status = NO;
    if (fn.type === 'identifier') {
      const found = this.bindingsAt(fn.text, scope);
      if (found && found.bindings.length > 0) status = all(found.bindings.map((b) => this.bindingStatus(b)));
    } else if (fn.type === 'attribute') {
      status = this.attributeStatus(fn, scope);
    }
    if (!status.ok) return undefined;
    return { callee: fn.text.replace(/\s+/g, ''), evidence: status.evidence, ...(status.assumes ? { assumes: status.assumes } : {}) };
  }

  /** An `async def` that stays a coroutine function: no `yield` (async generator), only known-harmless decorators. */
  isCoroutineFunction(def: PyNode): boolean {
    if (!def.isAsync) return false;
    for (const d of decoratorsOf(def)) {
      const name = decoratorName(d);
      const q = this.qualifyDotted(name) ?? name;
      if (!TRANSPARENT_DECORATORS.has(q) && !q.startsWith('pytest.mark.')) return false;
    }
    return !this.yieldsItself(def);
  }

  /**
   * A `yield` in the function's own body (one in a nested `def`, lambda or class makes that one a
   * generator, not this). The word test is kept first: most bodies never mention it, and those stay uncopied.
   */
  private yieldsItself(def: PyNode): boolean {
    if (!def.mentionsYield) return false;
    this.file.complete(def);
    return this.file.scopeFor(def)?.hasYield ?? true;
  }

  /**
   * A plain `def` that returns a coroutine on every path it returns by: each `return` gives a call
   * that creates one (`return self.request(route)`), and the body ends with a `return`. Calling it
   * is then as good as calling an `async def`. One path that returns something else: not a factory.
   */
  isCoroutineFactory(def: PyNode): boolean {
    if (def.isAsync || def.type !== 'function_definition') return false;
    const known = this.factories.get(def);
    if (known !== undefined) return known;
    this.factories.set(def, false); // a recursive factory is not proven by itself
    const answer = this.provesFactory(def);
    this.factories.set(def, answer);
    return answer;
  }

  private readonly factories = new Map<PyNode, boolean>();

  private provesFactory(def: PyNode): boolean {
    for (const d of decoratorsOf(def)) {
      const name = decoratorName(d);
      if (!TRANSPARENT_DECORATORS.has(this.qualifyDotted(name) ?? name)) return false;
    }
    if (!/\breturn\s+[\w.]+\(/.test(def.text)) return false;
    if (def.mentionsYield && this.yieldsItself(def)) return false;
    this.file.complete(def);
    const body = def.child('body');
    const last = body?.children[body.children.length - 1];
    if (!body || last?.type !== 'return_statement') return false;
    for (const n of body.descendants((x) => !NESTED_CODE.has(x.type))) {
      if (n.type !== 'return_statement') continue;
      const value = n.children[0] ? unparenthesize(n.children[0]) : undefined;
      if (value?.type !== 'call' || !this.coroutineCall(value) || this.coroutineCall(value)?.assumes) return false;
    }
    return true;
  }

  /** Calling it creates a coroutine: a coroutine function, or a coroutine factory. */
  makesCoroutine(def: PyNode): boolean {
    return this.isCoroutineFunction(def) || this.isCoroutineFactory(def);
  }

  private bindingStatus(b: Binding): Status {
    if (b.kind === 'async-def') {
      return this.isCoroutineFunction(b.node) ? { ok: true, evidence: `\`${b.name}\` is an \`async def\`` } : NO;
    }
    if (b.kind === 'def') return this.isCoroutineFactory(b.node) ? { ok: true, evidence: `\`${b.name}\` returns a coroutine on every path` } : NO;
    if (b.kind === 'import' && b.qualified && !b.isModuleImport) return this.qualifiedStatus(b.qualified);
    return NO;
  }

  private attributeStatus(fn: PyNode, scope: Scope): Status {
    const object = fn.child('object');
    const method = fn.child('attribute')?.text;
    if (!object || !method) return NO;
    if (this.isModuleChain(object, scope)) {
      const q = this.qualifiedName(fn, scope);
      return q ? this.qualifiedStatus(q) : NO;
    }
    const o = unparenthesize(object);
    // `super().m()` in a method: the bases' method.
    if (o.type === 'call' && o.child('function')?.text === 'super' && (o.child('arguments')?.children.length ?? 0) === 0 && !this.bindingsAt('super', scope)) {
      const owner = scope.enclosingFunction();
      const self = owner ? firstParameter(owner.node) : undefined;
      const cls = self ? this.selfClass(self, owner!) : undefined;
      return cls ? this.inheritedStatus(cls, method, 0) : NO;
    }
    // `self.m()`, and `Client.m()` / `cls.m()` on a class of this file (class and static methods).
    const cls = (o.type === 'identifier' ? this.selfClass(o.text, scope) : undefined) ?? this.types.classNamed(o, scope);
    if (cls) return this.methodStatus(cls, method, 0);
    const type = this.typeOf(o, scope);
    if (type?.kind === 'known') {
      return type.type.coroutineMethods.has(method) ? { ok: true, evidence: `\`${method}()\` of ${article(type.type.name)} \`${type.type.name}\` is a coroutine method` } : NO;
    }
    if (type?.kind === 'class') return this.methodStatus(type.cls, method, 0);
    if (type?.kind === 'named') return this.qualifiedStatus(`${type.qualified}.${method}`);
    // `Client.m()` on an imported class.
    const q = o.type === 'identifier' ? this.qualifiedName(fn, scope) : undefined;
    return q ? this.qualifiedStatus(q) : NO;
  }

  /** A method of a class of this file (looking through same-file and workspace base classes). */
  private methodStatus(cls: ClassInfo, method: string, depth: number): Status {
    if (depth > 5 || cls.otherNames.has(method)) return NO;
    const defs = cls.methods.get(method);
    if (defs) {
      if (!defs.every((d) => this.makesCoroutine(d.node))) return NO;
      const how = defs.every((d) => d.node.isAsync) ? 'is an `async def`' : 'returns a coroutine on every path';
      return { ok: true, evidence: `\`${cls.name}.${method}\` ${how}` };
    }
    return this.inheritedStatus(cls, method, depth);
  }

  /** A method `cls` inherits from its base classes (of this file, the workspace or installed packages). */
  private inheritedStatus(cls: ClassInfo, method: string, depth: number): Status {
    const classScope = this.file.scopeFor(cls.node)?.parent ?? this.file.moduleScope;
    for (const base of cls.bases) {
      const b = unparenthesize(base);
      const q = this.qualifiedName(b, classScope);
      if (q) {
        const status = this.qualifiedStatus(`${q}.${method}`);
        if (status.ok) return status;
        continue;
      }
      if (b.type !== 'identifier') continue;
      const found = this.bindingsAt(b.text, classScope);
      const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
      if (only?.kind !== 'class') continue;
      const status = this.methodStatus(this.types.classOf(only.node), method, depth + 1);
      if (status.ok) return status;
    }
    return NO;
  }

  /** A qualified name: a known asyncio coroutine function, or an `async def` in the workspace. */
  private qualifiedStatus(qualified: string): Status {
    const name = normalizeQualified(qualified);
    if (ASYNCIO_COROUTINE_FUNCTIONS.has(name)) return { ok: true, evidence: `\`${name}()\` returns a coroutine` };
    if (!this.workspace || name.startsWith('asyncio.')) return NO;
    const own = this.file.modulePath !== undefined ? canonicalModule(this.file.modulePath) : undefined;
    if (own !== undefined && name.startsWith(own + '.') && !name.slice(own.length + 1).includes('.')) return NO;
    const kind = this.workspace.lookup(name);
    if (kind === 'async') return { ok: true, evidence: `\`${name}\` returns a coroutine` };
    if (kind === 'pending') return { ok: true, evidence: `\`${name}\` returns a coroutine`, assumes: name };
    return NO;
  }

  /**
   * True when `expr` is a dotted name whose root is bound only by `import x` / `import x.y as z`,
   * or by `from pkg import api` where `pkg.api` is a module of the workspace.
   */
  private isModuleChain(expr: PyNode, scope: Scope): boolean {
    const dotted = dottedName(unparenthesize(expr));
    const head = dotted?.split('.')[0];
    if (!head) return false;
    const found = this.bindingsAt(head, scope);
    if (!found || found.bindings.length === 0) return false;
    return found.bindings.every((b) => b.kind === 'import' && (b.isModuleImport || (b.qualified !== undefined && this.workspace?.hasModule(b.qualified) === true)));
  }

  /** A decorator's dotted name through the module's imports (`wraps` -> `functools.wraps`). */
  private qualifyDotted(dotted: string): string | undefined {
    const [head, ...rest] = dotted.split('.');
    if (!head) return undefined;
    const found = this.file.moduleScope.bindingsOf(head);
    const only = found.length === 1 ? found[0] : undefined;
    if (only?.kind !== 'import' || !only.qualified) return undefined;
    return [only.qualified, ...rest].join('.');
  }

}

/** Code that runs elsewhere than the function around it. */
const NESTED_CODE = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

function all(statuses: readonly Status[]): Status {
  const first = statuses[0];
  if (!first || !statuses.every((s) => s.ok)) return NO;
  const assumes = statuses.map((s) => (s.ok ? s.assumes : undefined)).find((a) => a !== undefined);
  return first.ok ? { ok: true, evidence: first.evidence, ...(assumes ? { assumes } : {}) } : NO;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
