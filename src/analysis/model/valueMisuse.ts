import type { PyNode } from '../syntax/pyNode';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';

/** Readers that accept any object (they print or test it): the others raise on a coroutine. */
const QUIET_READERS = new Set(['print', 'str', 'repr', 'bool']);

/** Sync builtins (and `json.dumps`) that read a value at once: given a coroutine or a task, they never run it. */
const READING_FUNCTIONS = new Set(['print', 'len', 'str', 'repr', 'int', 'float', 'bool', 'list', 'tuple', 'set', 'dict', 'sorted', 'sum', 'min', 'max', 'iter', 'next', 'json.dumps', 'json.dump']);

/** A use that reads a value at once, and how to say so; `truth` when it only tests the value's truth. */
export interface ImmediateUse {
  readonly node: PyNode;
  readonly phrase: string;
  readonly truth: boolean;
  /** The use raises at once on a coroutine or a task (an attribute, indexing, iteration, arithmetic, `len()`). */
  readonly fails: boolean;
}

/** Attributes of coroutines and tasks themselves: `coro.close()`, `task.cancel()`, `coro.cr_frame`. */
const OWN_ATTRIBUTES = /^(close|send|throw|cr_\w+|__\w+__|cancel|cancelled|done|result|exception|add_done_callback|remove_done_callback|get_name|set_name|get_coro|get_context|get_stack|print_stack|uncancel|cancelling)$/;

/**
 * How an expression's value is used when that use reads it at once, as a phrase ("its attribute
 * `.data` is read", "it is tested as a condition"); undefined for any use that may keep, pass on or
 * await it (an argument, a return, an assignment, the right side of `and`/`or`).
 */
export function immediateUse(expr: PyNode, resolver: Resolver, scope: Scope): ImmediateUse | undefined {
  let child = expr;
  let p = expr.parent;
  while (p?.type === 'parenthesized_expression') {
    child = p;
    p = p.parent;
  }
  if (!p) return undefined;
  const at = (phrase: string, truth = false, fails = false): ImmediateUse => ({ node: p, phrase, truth, fails });
  switch (p.type) {
    case 'attribute': {
      const name = p.child('attribute')?.text ?? '';
      return child.field === 'object' && !OWN_ATTRIBUTES.test(name) ? at(`its attribute \`.${name}\` is read`, false, true) : undefined;
    }
    case 'subscript':
      return child.field === 'value' ? at('it is indexed', false, true) : undefined;
    case 'not_operator':
    case 'assert_statement':
      return at('it is tested as a truth value (an object that is always true)', true);
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
      return child.field === 'condition' ? at('it is tested as a condition (an object that is always true)', true) : undefined;
    case 'conditional_expression':
      return p.children[1] === child ? at('it is tested as a condition (an object that is always true)', true) : undefined;
    case 'boolean_operator': {
      // `x and y` tests x and drops it; `x or y` gives x itself (always true), which may still be awaited.
      const right = p.child('right');
      const operator = right ? p.text.slice(child.endIndex - p.startIndex, right.startIndex - p.startIndex).trim() : '';
      return child.field === 'left' && operator === 'and' ? at('it is tested by `and` (an object that is always true)', true) : undefined;
    }
    case 'comparison_operator':
      return at('it is compared');
    case 'binary_operator':
    case 'unary_operator':
      return at('it is used in arithmetic', false, true);
    case 'for_statement':
      return child.field === 'right' && !p.isAsync ? at('it is iterated', false, true) : undefined;
    case 'interpolation':
      return at('it is formatted into an f-string');
    case 'return_statement': {
      const declared = declaredPlainReturn(scope, resolver);
      if (declared === undefined) return undefined;
      return at(declared.length <= 40 ? `it is returned where the coroutine declares \`-> ${declared}\`` : 'it is returned in place of the declared result', false, true);
    }
    case 'argument_list': {
      const call = p.parent;
      const callee = call?.child('function');
      if (!callee || call?.type !== 'call') return undefined;
      const name = resolver.qualifiedName(callee, scope) ?? (callee.type === 'identifier' && !resolver.bindingsAt(callee.text, scope) ? callee.text : undefined);
      return name && READING_FUNCTIONS.has(name) ? { node: call, phrase: `it is passed to \`${callee.text}()\``, truth: false, fails: !QUIET_READERS.has(name) } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The return annotation of the `async def` whose body `scope` is, when it declares a value that a
 * coroutine object can never be (see {@link TypeFacts.declaresPlainValue}): returning a coroutine
 * there hands the caller an unawaited coroutine instead of the declared value.
 */
function declaredPlainReturn(scope: Scope, resolver: Resolver): string | undefined {
  const def = scope.kind === 'function' ? scope.node : undefined;
  const annotation = def?.isAsync ? def.child('return_type') : undefined;
  const outer = scope.parent;
  if (!annotation || !outer || !resolver.types.declaresPlainValue(annotation, outer)) return undefined;
  return annotation.text;
}

/**
 * When every read of the local `name` bound once in `scope` (a function) uses the value at once
 * (see {@link immediateUse}): the first such use. Undefined when any read may keep, pass or await it,
 * when the name is bound more than once, or read in a nested scope.
 */
export function onlyImmediateUses(name: string, scope: Scope, resolver: Resolver, accept: (use: ImmediateUse) => boolean = () => true): ImmediateUse | undefined {
  if (scope.kind !== 'function' || scope.globals.has(name) || scope.nonlocals.has(name) || scope.bindingsOf(name).length !== 1) return undefined;
  const reads = scope.readsIncludingClosures(name);
  if (reads.length === 0 || reads.length !== scope.readsOf(name).length) return undefined;
  let first: ImmediateUse | undefined;
  for (const read of reads) {
    const use = immediateUse(read, resolver, scope);
    if (!use || !accept(use)) return undefined;
    if (!first || read.startIndex < first.node.startIndex) first = { ...use, node: read };
  }
  return first;
}

/**
 * The read of the local bound by `target` (`data = fetch()`) that shows it is taken for the result:
 * the first read after the assignment (before the name is bound again) when it raises on a coroutine
 * (`data.items`, `data[0]`, `for x in data`); else, when every such read uses it at once, the first.
 * Undefined when a read may still await or hand on the value, or a nested function reads it.
 */
export function misreadBinding(target: PyNode, scope: Scope, resolver: Resolver): ImmediateUse | undefined {
  const name = target.text;
  if (scope.kind !== 'function' || scope.globals.has(name) || scope.nonlocals.has(name)) return undefined;
  if (scope.readsIncludingClosures(name).length !== scope.readsOf(name).length) return undefined;
  const next = scope.bindingsOf(name).map((b) => b.node.startIndex).filter((at) => at > target.startIndex).sort((a, b) => a - b)[0] ?? Infinity;
  const statementEnd = target.parent?.endIndex ?? target.endIndex;
  const reads = scope.readsOf(name).filter((r) => r.startIndex > statementEnd && r.startIndex < next).sort((a, b) => a.startIndex - b.startIndex);
  const uses = reads.map((r) => immediateUse(r, resolver, scope));
  const first = uses[0];
  if (!first) return undefined;
  if (first.fails || uses.every((u) => u !== undefined)) return { ...first, node: reads[0]! };
  return undefined;
}

/** Containers and operators whose value is the call's, or holds it: a statement made of them drops it. */
const HOLDING = new Set(['parenthesized_expression', 'boolean_operator', 'conditional_expression', 'tuple', 'list', 'set', 'expression_list', 'list_comprehension', 'set_comprehension', 'generator_expression']);

/** True when `expr` sits in an expression statement that drops it (`x and f()`, `(f(), g())`, `[f(x) for x in xs]`). */
export function inDiscardedExpression(expr: PyNode): boolean {
  let child = expr;
  for (let p = expr.parent; p; child = p, p = p.parent) {
    if (p.type === 'expression_statement') return child !== expr && p.children.length === 1;
    if (p.type === 'conditional_expression' && p.children[1] === child) return false;
    if (p.type.endsWith('comprehension') || p.type === 'generator_expression') {
      if (child.field !== 'body' && p.children[0] !== child) return false;
    }
    if (!HOLDING.has(p.type)) return false;
  }
  return false;
}
