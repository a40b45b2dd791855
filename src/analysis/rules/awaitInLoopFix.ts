import { asyncioModule, deeper, freshName, indentationOf, replaceSpan } from '../fixes/edits';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import { dottedName, unparenthesize, type PyNode } from '../syntax/pyNode';
import { calleeName } from '../syntax/queries';
import type { Fix } from '../types';

/** An ACO102 loop, as recognised: `for <left> in <iterable>:` collecting `await <call>`. */
export interface CollectLoop {
  readonly loop: PyNode;
  readonly left: PyNode;
  readonly iterable: PyNode;
  readonly call: PyNode;
  readonly awaitNode: PyNode;
  readonly loopNames: ReadonlySet<string>;
  readonly collect: {
    readonly kind: 'append' | 'add' | 'item';
    /** The collection, as a dotted name (`results`, `self.results`). */
    readonly container: string;
    /** The key of `d[key] = ...`. */
    readonly key?: PyNode;
    readonly value: PyNode;
    readonly statement: PyNode;
  };
}

/** Iterables that can be walked twice (the dict form zips the items with the results). */
const REITERABLE_CALLS = new Set(['range', 'sorted', 'list', 'tuple', 'keys', 'values', 'items']);

/**
 * Rewrites the loop with `asyncio.gather(*(call for x in xs))`: `extend`/`update` the collection
 * (or assign it when the line before the loop creates it empty); for `d[k] = ...`, gather then
 * fill the dict in a loop over the same items. No fix when the loop variable is read after the loop
 * (the generator does not leave it bound) or when a dict's items may be a one-shot iterator.
 */
export function awaitInLoopFix(ctx: RuleContext, loop: CollectLoop, scope: Scope): Fix | undefined {
  for (const name of loop.loopNames) if (scope.readsIncludingClosures(name).some((r) => !loop.loop.contains(r))) return undefined;
  const asyncio = asyncioModule(ctx.file);
  const iterable = loop.iterable.type === 'expression_list' ? `(${loop.iterable.text})` : loop.iterable.text;
  const gather = `await ${asyncio.name}.gather(*(${loop.call.text} for ${loop.left.text} in ${iterable}))`;
  const indent = indentationOf(ctx.file, loop.loop);
  const { kind, container } = loop.collect;
  let start = loop.loop.startIndex;
  let code: string;
  if (kind === 'item') {
    if (!isReiterable(loop.iterable)) return undefined;
    const values = freshName(`${calleeName(loop.call) ?? 'call'}_results`, [scope]);
    const value = freshName('result', [scope], new Set([values]));
    const target = loop.left.type === 'pattern_list' ? `(${loop.left.text})` : loop.left.text;
    code =
      `${values} = ${gather}\n` +
      `${indent}for ${target}, ${value} in zip(${iterable}, ${values}):\n` +
      `${deeper(indent)}${container}[${loop.collect.key!.text}] = ${value}`;
  } else {
    const previous = previousStatement(loop.loop);
    const empty = kind === 'append' ? '[]' : 'set()';
    if (previous && isEmptyInit(previous, container, empty)) {
      start = previous.startIndex;
      code = kind === 'append' ? `${container} = ${gather}` : `${container} = set(${gather})`;
    } else {
      code = `${container}.${kind === 'append' ? 'extend' : 'update'}(${gather})`;
    }
  }
  const comments = ctx.file.commentsIn(start, loop.loop.endIndex).map(([s, e]) => `${ctx.source.slice(s, e)}\n${indent}`);
  return {
    title: `Run the calls together with \`${asyncio.name}.gather\``,
    edits: [...asyncio.edits, replaceSpan(ctx.file, start, loop.loop.endIndex, comments.join('') + code)],
    applicability: 'unsafe',
  };
}

function previousStatement(stmt: PyNode): PyNode | undefined {
  const siblings = stmt.parent?.children ?? [];
  const i = siblings.indexOf(stmt);
  return i > 0 ? siblings[i - 1] : undefined;
}

/** `container = []` (or `= set()`), alone on its statement. */
function isEmptyInit(stmt: PyNode, container: string, empty: string): boolean {
  const assign = stmt.type === 'expression_statement' && stmt.children.length === 1 ? stmt.children[0] : undefined;
  if (assign?.type !== 'assignment' || assign.child('type')) return false;
  return dottedName(assign.child('left')) === container && assign.child('right')?.text.replace(/\s+/g, '') === empty;
}

/** Iterables that can be walked twice: names, literals, `range(...)`, `sorted(...)`, `d.items()`... */
export function isReiterable(iterable: PyNode): boolean {
  const it = unparenthesize(iterable);
  if (dottedName(it) !== undefined) return true;
  if (['list', 'tuple', 'set', 'dictionary', 'expression_list'].includes(it.type)) return true;
  return it.type === 'call' && REITERABLE_CALLS.has(calleeName(it) ?? '');
}
