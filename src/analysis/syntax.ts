import type { Node } from 'web-tree-sitter';

/** The nearest enclosing function or lambda of `node`, or null at module level. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda') return n;
  }
  return null;
}

/** True for `async def`. tree-sitter-python marks it with an `async` keyword child. */
export function isAsyncDef(fn: Node): boolean {
  return fn.type === 'function_definition' && fn.firstChild?.type === 'async';
}

/**
 * True when `node` runs in the body of an `async def`: its nearest enclosing function is async.
 * A nested sync `def` or a `lambda` runs elsewhere (a thread, a callback), so it does not count.
 */
export function isInsideCoroutine(node: Node): boolean {
  const fn = enclosingFunction(node);
  return fn !== null && isAsyncDef(fn);
}

/** The positional arguments of a call, or null when it has keywords, splats or generator syntax. */
export function plainPositionalArgs(call: Node): Node[] | null {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return null;
  const named = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (named.some((c) => c.type === 'keyword_argument' || c.type === 'list_splat' || c.type === 'dictionary_splat')) {
    return null;
  }
  return named;
}
