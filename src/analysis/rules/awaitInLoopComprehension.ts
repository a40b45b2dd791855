import { asyncioModule, replaceSpan } from '../fixes/edits';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { namesReadIn } from '../syntax/queries';
import type { Fix } from '../types';
import { isReiterable } from './awaitInLoopFix';
import { concurrencyCandidate } from './concurrency';
import { dependenceAcrossPasses, footprintOf } from './independence';

/** An ACO102 comprehension: `[await f(x) for x in xs]` and its set and dict forms. */
export interface AwaitingComprehension {
  readonly awaitNode: PyNode;
  readonly call: PyNode;
  readonly forClause: PyNode;
  readonly fix: Fix | undefined;
}

const FORMS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension']);

/**
 * The list, set and dict comprehensions written directly in the coroutine of `scope` that await one
 * call per item: like the `for` loop form, each await finishes before the next item's call starts.
 * One `for` clause (not `async for`), one await of a call that uses the item, no walrus, and a call
 * independent from pass to pass.
 */
export function comprehensionsAwaitingOneByOne(ctx: RuleContext, scope: Scope): AwaitingComprehension[] {
  const out: AwaitingComprehension[] = [];
  for (const inner of scope.children) {
    if (inner.kind !== 'comprehension' || !FORMS.has(inner.node.type)) continue;
    const found = awaitingComprehension(ctx, inner);
    if (found) out.push(found);
  }
  return out;
}

function awaitingComprehension(ctx: RuleContext, scope: Scope): AwaitingComprehension | undefined {
  const node = scope.node;
  const clauses = node.children.filter((c) => c.type === 'for_in_clause');
  const forClause = clauses[0];
  if (clauses.length !== 1 || !forClause || forClause.isAsync || scope.children.length > 0) return undefined;
  if (scope.awaits.length !== 1 || [...node.descendants()].some((n) => n.type === 'named_expression')) return undefined;
  const awaitNode = scope.awaits[0]!;
  if (node.children.some((c) => c.type === 'if_clause' && c.contains(awaitNode))) return undefined;
  const call = awaitNode.children.length === 1 ? unparenthesize(awaitNode.children[0]!) : undefined;
  if (call?.type !== 'call') return undefined;
  const left = forClause.child('left');
  if (!left) return undefined;
  const loopNames = namesReadIn(left);
  if (![...namesReadIn(call)].some((n) => loopNames.has(n))) return undefined;
  const candidate = concurrencyCandidate(ctx, call, scope);
  if (!candidate || dependenceAcrossPasses(footprintOf(ctx, awaitNode, candidate.call, scope), loopNames) !== undefined) return undefined;
  return { awaitNode, call, forClause, fix: comprehensionFix(ctx, node, awaitNode, call, forClause) };
}

/**
 * `[await f(x) for x in xs if c]` -> `await asyncio.gather(*(f(x) for x in xs if c))` (a list, as
 * before), wrapped in `set(...)` for a set; for a dict whose key or value is the item itself,
 * `dict(zip(...))` over the same items (which must be iterable twice). Other shapes get no fix.
 */
function comprehensionFix(ctx: RuleContext, node: PyNode, awaitNode: PyNode, call: PyNode, forClause: PyNode): Fix | undefined {
  const asyncio = asyncioModule(ctx.file);
  const clauses = ctx.source.slice(forClause.startIndex, node.endIndex - 1).trim();
  const gather = `await ${asyncio.name}.gather(*(${call.text} ${clauses}))`;
  const body = node.child('body');
  let code: string;
  if (node.type !== 'dictionary_comprehension') {
    if (body !== awaitNode && (!body || unparenthesize(body) !== awaitNode)) return undefined;
    code = node.type === 'list_comprehension' ? gather : `set(${gather})`;
  } else {
    const key = body?.child('key');
    const value = body?.child('value');
    const left = forClause.child('left');
    const iterable = forClause.child('right');
    const hasCondition = node.children.some((c) => c.type === 'if_clause');
    if (!key || !value || left?.type !== 'identifier' || !iterable || hasCondition || !isReiterable(iterable)) return undefined;
    const items = iterable.type === 'expression_list' ? `(${iterable.text})` : iterable.text;
    if (unparenthesize(value) === awaitNode && key.type === 'identifier' && key.text === left.text) code = `dict(zip(${items}, ${gather}))`;
    else if (unparenthesize(key) === awaitNode && value.type === 'identifier' && value.text === left.text) code = `dict(zip(${gather}, ${items}))`;
    else return undefined;
  }
  if (ctx.file.commentsIn(node.startIndex, node.endIndex).length > 0) return undefined;
  return {
    title: `Run the calls together with \`${asyncio.name}.gather\``,
    edits: [...asyncio.edits, replaceSpan(ctx.file, node.startIndex, node.endIndex, code)],
    applicability: 'unsafe',
  };
}
