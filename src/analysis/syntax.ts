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
