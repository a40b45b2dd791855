import type { Node } from 'web-tree-sitter';
import { collectImports, qualifiedName } from '../analysis/imports';
import { rangeOf } from '../analysis/positions';
import { LOOP_STARTERS } from '../analysis/rules/nestedAsyncioRun';
import { enclosingFunction, isAsyncDef } from '../analysis/syntax';
import type { Range } from '../analysis/types';

/**
 * The `asyncio.run(...)` calls that start the program (also through `import asyncio as aio` or
 * `from asyncio import run`): where "Run and show timeline" is offered. Calls inside an
 * `async def` are left out: they raise RuntimeError (ACO302) instead of starting anything.
 */
export function entryPointCalls(root: Node): Range[] {
  const imports = collectImports(root);
  const out: Range[] = [];
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    const name = qualifiedName(call.childForFieldName('function'), imports);
    if (!name || !LOOP_STARTERS.has(name)) continue;
    const owner = enclosingFunction(call);
    if (owner && isAsyncDef(owner)) continue;
    out.push(rangeOf(call));
  }
  return out;
}
