import { unparenthesize, valueParent, type PyNode } from './pyNode';

/** The positional arguments of a call, or null when it has keywords, splats or generator syntax. */
export function plainPositionalArgs(call: PyNode): PyNode[] | null {
  const args = call.child('arguments');
  if (!args || args.type !== 'argument_list') return null;
  if (args.children.some((c) => c.type === 'keyword_argument' || c.type === 'list_splat' || c.type === 'dictionary_splat')) return null;
  return [...args.children];
}

/** Every argument expression of a call (positional, keyword values, splatted values). */
export function argumentValues(call: PyNode): PyNode[] {
  const args = call.child('arguments');
  if (!args) return [];
  if (args.type === 'generator_expression') return [args];
  return args.children.map((c) => (c.type === 'keyword_argument' ? c.child('value') ?? c : c.type === 'list_splat' || c.type === 'dictionary_splat' ? c.children[0] ?? c : c));
}

/**
 * How the value of an expression is used, looking through parentheses:
 * `statement` (an expression statement: the value is dropped), `assigned` (the whole right side
 * of `name = value`, with the name), `awaited`, or `used` (anything else: passed, returned,
 * stored, operated on).
 */
export type ValueUse =
  | { kind: 'statement'; statement: PyNode }
  | { kind: 'assigned'; statement: PyNode; target: PyNode }
  | { kind: 'awaited'; await: PyNode }
  | { kind: 'used' };

export function valueUse(expr: PyNode): ValueUse {
  const { parent, child } = valueParent(expr);
  if (!parent) return { kind: 'used' };
  if (parent.type === 'await') return { kind: 'awaited', await: parent };
  if (parent.type === 'expression_statement' && parent.children.length === 1) return { kind: 'statement', statement: parent };
  if (parent.type === 'assignment' && parent.child('right') === child) {
    const left = parent.child('left');
    const stmt = parent.parent;
    if (left?.type === 'identifier' && stmt?.type === 'expression_statement' && stmt.children.length === 1) {
      return { kind: 'assigned', statement: stmt, target: left };
    }
  }
  return { kind: 'used' };
}

/** The callee of a call, without parentheses. */
export function calleeOf(call: PyNode): PyNode | undefined {
  const fn = call.child('function');
  return fn ? unparenthesize(fn) : undefined;
}

/** The last name of a callee: `fetch` for `api.fetch(...)` and `fetch(...)`. */
export function calleeName(call: PyNode): string | undefined {
  const fn = calleeOf(call);
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.child('attribute')?.text;
  return undefined;
}

/** Identifiers read inside `node` (its own subtree, nested lambdas included), by name. */
export function namesReadIn(node: PyNode): Set<string> {
  const names = new Set<string>();
  const stack = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'identifier') {
      if (!isNonReadIdentifier(n)) names.add(n.text);
    } else {
      for (const c of n.children) stack.push(c);
    }
  }
  return names;
}

/** An identifier that names an attribute or a keyword, not a variable. */
function isNonReadIdentifier(n: PyNode): boolean {
  const p = n.parent;
  return (p?.type === 'attribute' && n.field === 'attribute') || (p?.type === 'keyword_argument' && n.field === 'name');
}

/** True when evaluating `expr` calls or awaits something (it may have side effects or take time). */
export function runsCode(expr: PyNode): boolean {
  const active = (n: PyNode): boolean => n.type === 'call' || n.type === 'await';
  return active(expr) || [...expr.descendants()].some(active);
}
