import type { PyNode } from '../syntax/pyNode';

/** A method (or a nested function at module level) as far as callers care. */
export interface FunctionSignature {
  readonly node: PyNode;
  readonly name: string;
  readonly isAsync: boolean;
  readonly decorators: readonly PyNode[];
}

/** The `def` inside a statement, looking through decorators. */
export function functionOf(stmt: PyNode): FunctionSignature | undefined {
  const decorators = stmt.type === 'decorated_definition' ? stmt.children.filter((c) => c.type === 'decorator') : [];
  const def = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
  if (def?.type !== 'function_definition') return undefined;
  const name = def.child('name')?.text;
  if (!name) return undefined;
  return { node: def, name, isAsync: def.isAsync, decorators };
}

/** The decorators written above a `def` (empty when it has none). */
export function decoratorsOf(def: PyNode): PyNode[] {
  return def.parent?.type === 'decorated_definition' ? def.parent.children.filter((c) => c.type === 'decorator') : [];
}

/** The expression of a decorator, without `@` and without a call's arguments: `functools.wraps`. */
export function decoratorName(decorator: PyNode): string {
  let expr = decorator.children[0];
  if (expr?.type === 'call') expr = expr.child('function');
  return expr?.text.replace(/\s+/g, '') ?? '';
}

/** What a class body declares: its methods by name, and the names assigned in it. */
export interface ClassInfo {
  readonly node: PyNode;
  readonly name: string;
  /** Every `def` of a name in the body (conditional definitions give several). */
  readonly methods: ReadonlyMap<string, readonly FunctionSignature[]>;
  /** Names bound in the body by anything but `def` (assignments, nested classes, imports). */
  readonly otherNames: ReadonlySet<string>;
  /** The base class expressions. */
  readonly bases: readonly PyNode[];
}

/** Reads a class body (its direct statements, and those under `if`/`try` in it). */
export function classInfo(node: PyNode): ClassInfo {
  const methods = new Map<string, FunctionSignature[]>();
  const otherNames = new Set<string>();
  const visit = (statements: readonly PyNode[]): void => {
    for (const stmt of statements) {
      const fn = functionOf(stmt);
      if (fn) {
        methods.set(fn.name, [...(methods.get(fn.name) ?? []), fn]);
      } else if (COMPOUND.has(stmt.type)) {
        // Conditional definitions: `if sys.version_info >= ...: def x()` and `try: ... except: ...`.
        for (const c of stmt.children) {
          if (c.type === 'block') visit(c.children);
          else if (COMPOUND.has(c.type)) visit([c]);
        }
      } else {
        const name = boundName(stmt);
        if (name) otherNames.add(name);
      }
    }
  };
  visit(node.child('body')?.children ?? []);
  const superclasses = node.child('superclasses');
  const bases = (superclasses?.children ?? []).filter((c) => c.type !== 'keyword_argument');
  return { node, name: node.child('name')?.text ?? '', methods, otherNames, bases };
}

const COMPOUND = new Set(['if_statement', 'try_statement', 'elif_clause', 'else_clause', 'except_clause', 'finally_clause']);

/** The name a simple class-body statement binds: `x = ...`, `x: T = ...`, a nested class. */
function boundName(stmt: PyNode): string | undefined {
  if (stmt.type === 'expression_statement') {
    const assign = stmt.children[0];
    const left = assign?.type === 'assignment' ? assign.child('left') : undefined;
    return left?.type === 'identifier' ? left.text : undefined;
  }
  const def = stmt.type === 'decorated_definition' ? stmt.child('definition') : stmt;
  return def?.type === 'class_definition' ? def.child('name')?.text : undefined;
}
