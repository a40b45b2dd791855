import type { PyNode } from '../syntax/pyNode';
import { importBindings } from './imports';
import { Scope, type Binding, type BindingKind } from './scopes';

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * Fills scopes from the copied syntax: one recursive visit that knows which identifiers bind
 * (assignment targets, parameters, `for`/`with`/`except` targets, imports, `def`/`class` names,
 * walrus targets) and which read. Function bodies that were not copied yet become scopes holding
 * only their parameters, marked incomplete; {@link ScopeBuilder.completeFunction} fills them later.
 */
export class ScopeBuilder {
  /** Scope of each scope-opening node (module, def, lambda, class, comprehension). */
  readonly scopeByNode = new Map<PyNode, Scope>();
  /**
   * Nodes waiting to be visited: an explicit stack rather than recursion, so that deeply nested
   * expressions (generated code with thousands of `+`) cannot overflow the call stack.
   */
  private readonly work: [PyNode, Scope][] = [];
  /**
   * Functions met while building the module scope, in source order: their scopes start
   * incomplete (even when their body is already copied) and are filled by completeFunction.
   */
  readonly lazyFunctions: PyNode[] = [];
  /** True while building the module scope: functions are recorded, not entered. */
  private lazy = false;

  constructor(private readonly modulePath: string | undefined) {}

  /** Builds the module scope from the module node. */
  buildModule(module: PyNode): Scope {
    const scope = new Scope('module', module, null);
    this.scopeByNode.set(module, scope);
    this.lazy = true;
    this.visitChildren(module, scope);
    this.run(scope);
    this.lazy = false;
    this.lazyFunctions.sort(bySource);
    return scope;
  }

  /** Visits a function whose parameters and body have just been copied, filling its (incomplete) scope. */
  completeFunction(fn: PyNode): void {
    const scope = this.scopeByNode.get(fn);
    if (!scope || scope.complete || !scope.parent) return;
    scope.complete = true;
    this.fillFunction(fn, scope.parent, scope);
    this.run(scope);
  }

  /** Visits everything scheduled, then puts each scope's calls and awaits back in source order. */
  private run(top: Scope): void {
    for (let item = this.work.pop(); item; item = this.work.pop()) this.handle(item[0], item[1]);
    for (const s of top.allScopes()) {
      s.calls.sort(bySource);
      s.awaits.sort(bySource);
    }
  }

  private visitChildren(node: PyNode, scope: Scope): void {
    for (let i = node.children.length - 1; i >= 0; i--) this.work.push([node.children[i]!, scope]);
  }

  private visit(node: PyNode, scope: Scope): void {
    this.work.push([node, scope]);
  }

  private handle(node: PyNode, scope: Scope): void {
    switch (node.type) {
      case 'identifier':
        addRead(scope, node);
        return;
      case 'function_definition':
        return this.visitFunction(node, scope);
      case 'lambda':
        return this.visitLambda(node, scope);
      case 'class_definition':
        return this.visitClass(node, scope);
      case 'assignment':
        return this.visitAssignment(node, scope);
      case 'augmented_assignment': {
        const left = node.child('left');
        if (left?.type === 'identifier') addRead(scope, left);
        if (left) this.bindTarget(left, scope, 'augmented', undefined, undefined);
        const right = node.child('right');
        if (right) this.visit(right, scope);
        return;
      }
      case 'for_statement': {
        const left = node.child('left');
        const right = node.child('right');
        if (right) this.visit(right, scope);
        if (left) this.bindTarget(left, scope, 'for', right, undefined);
        for (const c of node.children) if (c.field === 'body' || c.field === 'alternative') this.visit(c, scope);
        return;
      }
      case 'as_pattern':
        return this.visitAsPattern(node, scope);
      case 'named_expression': {
        const value = node.child('value');
        if (value) this.visit(value, scope);
        const name = node.child('name');
        // PEP 572: a walrus in a comprehension binds in the enclosing function.
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        if (name) bind(target, name.text, 'walrus', name, { value });
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        for (const b of importBindings(node, this.modulePath)) bind(scope, b.name, 'import', b.node, { qualified: b.qualified, isModuleImport: b.isModuleImport });
        return;
      case 'global_statement':
        for (const c of node.children) if (c.type === 'identifier') scope.globals.add(c.text);
        return;
      case 'nonlocal_statement':
        for (const c of node.children) if (c.type === 'identifier') scope.nonlocals.add(c.text);
        return;
      case 'attribute': {
        const object = node.child('object');
        if (object) this.visit(object, scope);
        return;
      }
      case 'keyword_argument': {
        const value = node.child('value');
        if (value) this.visit(value, scope);
        return;
      }
      case 'call':
        scope.calls.push(node);
        return this.visitChildren(node, scope);
      case 'await':
        scope.awaits.push(node);
        return this.visitChildren(node, scope);
      case 'yield':
        scope.hasYield = true;
        return this.visitChildren(node, scope);
      default:
        if (COMPREHENSIONS.has(node.type)) return this.visitComprehension(node, scope);
        return this.visitChildren(node, scope);
    }
  }

  private visitFunction(fn: PyNode, scope: Scope): void {
    const name = fn.child('name');
    if (name) bind(scope, name.text, fn.isAsync ? 'async-def' : 'def', fn, {});
    const inner = new Scope('function', fn, scope);
    this.scopeByNode.set(fn, inner);
    if (fn.complete && !this.lazy) {
      this.fillFunction(fn, scope, inner);
    } else {
      inner.complete = false;
      if (this.lazy) this.lazyFunctions.push(fn);
    }
  }

  /** Parameters bind in the function; defaults and annotations are read where the `def` runs. */
  private fillFunction(fn: PyNode, outer: Scope, inner: Scope): void {
    const params = fn.child('parameters');
    if (params) this.visitParameters(params, outer, inner);
    const returns = fn.child('return_type');
    if (returns) this.visit(returns, outer);
    const body = fn.child('body');
    if (body) this.visit(body, inner);
  }

  private visitLambda(node: PyNode, scope: Scope): void {
    const inner = new Scope('lambda', node, scope);
    this.scopeByNode.set(node, inner);
    const params = node.child('parameters');
    if (params) this.visitParameters(params, scope, inner);
    const body = node.child('body');
    if (body) this.visit(body, inner);
  }

  private visitClass(node: PyNode, scope: Scope): void {
    const name = node.child('name');
    if (name) bind(scope, name.text, 'class', node, {});
    const bases = node.child('superclasses');
    if (bases) this.visit(bases, scope);
    const inner = new Scope('class', node, scope);
    this.scopeByNode.set(node, inner);
    const body = node.child('body');
    if (body) this.visit(body, inner);
  }

  private visitComprehension(node: PyNode, scope: Scope): void {
    const inner = new Scope('comprehension', node, scope);
    this.scopeByNode.set(node, inner);
    for (const c of node.children) {
      if (c.type === 'for_in_clause') {
        const right = c.child('right');
        if (right) this.visit(right, inner);
        const left = c.child('left');
        if (left) this.bindTarget(left, inner, 'comprehension', undefined, undefined);
      } else {
        this.visit(c, inner);
      }
    }
  }

  /** Parameter names bind in the function; defaults and annotations are read where the `def` runs. */
  private visitParameters(params: PyNode, outer: Scope, inner: Scope): void {
    for (const p of params.children) {
      switch (p.type) {
        case 'identifier':
          bind(inner, p.text, 'parameter', p, {});
          break;
        case 'typed_parameter': {
          const type = p.child('type');
          if (type) this.visit(type, outer);
          const id = p.firstOfType('identifier', 'list_splat_pattern', 'dictionary_splat_pattern');
          const ident = id?.type === 'identifier' ? id : id?.firstOfType('identifier');
          if (ident) bind(inner, ident.text, 'parameter', ident, { annotation: type });
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const value = p.child('value');
          if (value) this.visit(value, outer);
          const type = p.child('type');
          if (type) this.visit(type, outer);
          const name = p.child('name');
          if (name?.type === 'identifier') bind(inner, name.text, 'parameter', name, { annotation: type });
          break;
        }
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern': {
          const ident = p.firstOfType('identifier');
          if (ident) bind(inner, ident.text, 'parameter', ident, {});
          break;
        }
        default:
          break;
      }
    }
  }

  private visitAssignment(node: PyNode, scope: Scope): void {
    const left = node.child('left');
    const right = node.child('right');
    const type = node.child('type');
    if (type) this.visit(type, scope);
    if (right) this.visit(right, scope);
    if (!left) return;
    if (!right) {
      if (left.type === 'identifier') bind(scope, left.text, 'annotation', left, { annotation: type });
      else this.visit(left, scope);
      if (left.type === 'attribute') scope.attributeStores.push({ target: left, value: undefined, annotation: type });
      return;
    }
    const imported = left.type === 'identifier' ? importedByCall(right) : undefined;
    if (imported) {
      bind(scope, left.text, 'import', left, { qualified: imported, isModuleImport: true });
      return;
    }
    // `a = b = value`: the right side is itself an assignment; each target gets the final value.
    let value: PyNode = right;
    for (let next = value.child('right'); value.type === 'assignment' && next; next = value.child('right')) value = next;
    this.bindTarget(left, scope, 'assignment', value, type);
  }

  /** `with v as x` and `except E as e` (tree-sitter writes both as an `as_pattern`). */
  private visitAsPattern(node: PyNode, scope: Scope): void {
    const alias = node.child('alias');
    const value = node.children.find((c) => c.field !== 'alias');
    if (value) this.visit(value, scope);
    const inExcept = node.parent?.type === 'except_clause' || node.parent?.type === 'except_group_clause';
    const target = alias?.children[0];
    if (target) this.bindTarget(target, scope, inExcept ? 'except' : 'with', value, undefined);
  }

  /** Binds every name in an assignment-like target; attributes and subscripts read their objects. */
  private bindTarget(target: PyNode, scope: Scope, kind: BindingKind, value: PyNode | undefined, annotation: PyNode | undefined): void {
    switch (target.type) {
      case 'identifier':
        bind(scope, target.text, kind, target, { value, annotation });
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
      case 'list_splat_pattern':
      case 'list_splat':
        for (const c of target.children) this.bindTarget(c, scope, kind, undefined, undefined);
        return;
      case 'attribute':
        scope.attributeStores.push({ target, value, annotation });
        this.visit(target, scope);
        return;
      default:
        this.visit(target, scope);
    }
  }
}

/**
 * `asyncio = import_module("asyncio")` (importlib's, or test.support's helper) binds a module
 * like an import does: the module name when the argument is one plain string literal.
 */
function importedByCall(value: PyNode): string | undefined {
  if (value.type !== 'call') return undefined;
  const callee = value.child('function');
  const name = callee?.type === 'identifier' ? callee.text : callee?.type === 'attribute' ? callee.child('attribute')?.text : undefined;
  const args = value.child('arguments');
  if (name !== 'import_module' || args?.children.length !== 1) return undefined;
  const match = /^(['"])([A-Za-z_][\w.]*)\1$/.exec(args.children[0]!.text);
  return match?.[2];
}

function bySource(a: PyNode, b: PyNode): number {
  return a.startIndex - b.startIndex;
}

function addRead(scope: Scope, node: PyNode): void {
  const list = scope.reads.get(node.text);
  if (list) list.push(node);
  else scope.reads.set(node.text, [node]);
}

function bind(scope: Scope, name: string, kind: BindingKind, node: PyNode, extra: Partial<Binding>): void {
  const binding: Binding = { name, kind, node, value: extra.value, annotation: extra.annotation, qualified: extra.qualified, isModuleImport: extra.isModuleImport };
  const list = scope.bindings.get(name);
  if (list) list.push(binding);
  else scope.bindings.set(name, [binding]);
}
