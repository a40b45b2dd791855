import type { FileModel, Unit } from './model/fileModel';
import type { Scope } from './model/scopes';
import type { CallSite } from './rule';
import type { PyNode } from './syntax/pyNode';

/** What one (already modelled) unit contains: its scopes, its coroutines and its calls. */
export interface UnitContents {
  readonly scopes: Scope[];
  readonly coroutines: Scope[];
  readonly calls: CallSite[];
}

/** Collects the scopes opened inside a unit and every call in it, including those run directly in the module or class body. */
export function unitContents(file: FileModel, unit: Unit): UnitContents {
  const tops: Scope[] = [];
  const stack: PyNode[] = [unit.node];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const scope = file.scopeFor(node);
    if (scope) {
      tops.push(scope);
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  const scopes: Scope[] = [];
  for (const top of tops) for (const s of top.allScopes()) scopes.push(s);
  const calls: CallSite[] = [];
  const enclosing = file.scopeOf(unit.node);
  for (const node of inRange(enclosing.calls, unit.node.startIndex, unit.node.endIndex)) calls.push({ node, scope: enclosing });
  for (const scope of scopes) for (const node of scope.calls) calls.push({ node, scope });
  return { scopes, coroutines: scopes.filter((s) => s.isCoroutine), calls };
}

/** The nodes of a source-ordered list that start within `[start, end)`. */
function inRange(nodes: readonly PyNode[], start: number, end: number): PyNode[] {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (nodes[mid]!.startIndex < start) low = mid + 1;
    else high = mid;
  }
  const out: PyNode[] = [];
  for (let i = low; i < nodes.length && nodes[i]!.startIndex < end; i++) out.push(nodes[i]!);
  return out;
}
