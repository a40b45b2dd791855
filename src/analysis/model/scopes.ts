import type { PyNode } from '../syntax/pyNode';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

/** How a name got its value at one binding site. */
export type BindingKind =
  | 'async-def'
  | 'def'
  | 'class'
  | 'import'
  | 'parameter'
  | 'assignment'
  /** `x: T` with no value: declares the name local (and gives a type) without binding it yet. */
  | 'annotation'
  | 'augmented'
  | 'for'
  | 'with'
  | 'except'
  | 'walrus'
  | 'comprehension'
  | 'other';

/** One place where a name is bound in a scope. */
export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The binding identifier, or the `def`/`class` node for definitions. */
  readonly node: PyNode;
  /** `x = value` / `with value as x` / `for x in value`: the value when the target is the bare name. */
  readonly value?: PyNode;
  /** The annotation, for `x: T = ...`, `x: T` and annotated parameters. */
  readonly annotation?: PyNode;
  /** For imports: the fully qualified name (`asyncio.sleep`, `.api.fetch` before resolution). */
  readonly qualified?: string;
  /** For imports: true for `import a.b` style (binds a module), false for `from a import b`. */
  readonly isModuleImport?: boolean;
}

/** `self.x = value`-style stores, kept so classes can learn their attributes' types. */
export interface AttributeStore {
  readonly target: PyNode;
  readonly value: PyNode | undefined;
  readonly annotation: PyNode | undefined;
}

/**
 * A Python scope: the names bound in it, the names read in it, and the calls and awaits that run
 * in it (not in nested functions, lambdas or classes, which have scopes of their own).
 */
export class Scope {
  readonly children: Scope[] = [];
  readonly bindings = new Map<string, Binding[]>();
  /** Identifiers read in this scope (nested scopes keep their own). */
  readonly reads = new Map<string, PyNode[]>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly calls: PyNode[] = [];
  readonly awaits: PyNode[] = [];
  readonly attributeStores: AttributeStore[] = [];
  /** A `yield` runs in this scope: an `async def` with one is an async generator, not a coroutine. */
  hasYield = false;
  /** False while the function's body has not been modelled (its bindings are only its parameters). */
  complete = true;

  constructor(
    readonly kind: ScopeKind,
    /** The `module`, `def`, `lambda`, `class` or comprehension node. */
    readonly node: PyNode,
    readonly parent: Scope | null,
  ) {
    parent?.children.push(this);
  }

  /** True for `async def` scopes. */
  get isCoroutine(): boolean {
    return this.kind === 'function' && this.node.isAsync;
  }

  /** The function's name, for messages; undefined for other scopes. */
  get name(): string | undefined {
    return this.kind === 'function' || this.kind === 'class' ? this.node.child('name')?.text : undefined;
  }

  bindingsOf(name: string): readonly Binding[] {
    return this.bindings.get(name) ?? [];
  }

  readsOf(name: string): readonly PyNode[] {
    return this.reads.get(name) ?? [];
  }

  /**
   * The scope a read of `name` here refers to, by Python's rules: local if bound here (unless
   * declared `global`/`nonlocal`), else the enclosing functions (class bodies are skipped from
   * inside nested scopes), else the module. Undefined means a builtin or an unknown global.
   */
  resolve(name: string): Scope | undefined {
    if (this.globals.has(name)) return this.moduleScope().bindings.has(name) ? this.moduleScope() : undefined;
    if (this.bindings.has(name) && !this.nonlocals.has(name)) return this;
    for (let s = this.parent; s; s = s.parent) {
      if (s.kind === 'class' && s.parent) continue;
      if (s.bindings.has(name) && !s.globals.has(name) && !s.nonlocals.has(name)) return s;
    }
    return undefined;
  }

  moduleScope(): Scope {
    return this.parent ? this.parent.moduleScope() : this;
  }

  /** The nearest enclosing function or lambda scope (itself included), or undefined at module/class level. */
  enclosingFunction(): Scope | undefined {
    if (this.kind === 'function' || this.kind === 'lambda') return this;
    return this.parent?.enclosingFunction();
  }

  /** Every read of `name` in this scope and in the nested scopes that see this scope's binding. */
  readsIncludingClosures(name: string): PyNode[] {
    const out = [...this.readsOf(name)];
    const visit = (scope: Scope): void => {
      for (const child of scope.children) {
        if (child.bindings.has(name) && !child.nonlocals.has(name) && !child.globals.has(name)) continue;
        out.push(...child.readsOf(name));
        visit(child);
      }
    };
    visit(this);
    return out;
  }

  /**
   * True when `name` is a local of this function that nothing reads: not declared
   * global/nonlocal, no read here or in closures, and no `locals()`/`vars()`/`eval`/`exec`.
   */
  isUnreadLocal(name: string): boolean {
    if (this.kind !== 'function' && this.kind !== 'lambda') return false;
    if (this.globals.has(name) || this.nonlocals.has(name)) return false;
    if (this.readsIncludingClosures(name).length > 0) return false;
    return !['locals', 'vars', 'eval', 'exec'].some((n) => this.reads.has(n));
  }

  /** This scope and every scope nested in it, outermost first. */
  *allScopes(): Generator<Scope> {
    yield this;
    for (const child of this.children) yield* child.allScopes();
  }
}
