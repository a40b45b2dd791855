import type { Scope } from '../model/scopes';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import { dottedName, unparenthesize, type PyNode } from '../syntax/pyNode';
import { calleeName, namesReadIn, plainPositionalArgs, runsCode } from '../syntax/queries';
import { comprehensionsAwaitingOneByOne } from './awaitInLoopComprehension';
import { awaitInLoopFix, type CollectLoop } from './awaitInLoopFix';
import { blocksOf, concurrencyCandidate } from './concurrency';
import { dependenceAcrossPasses, footprintOf } from './independence';

/**
 * ACO102 await-in-loop: a `for` loop (never `async for`, never `while`) whose body awaits one
 * call that depends only on the loop target and collects the result (`results.append(...)`,
 * `found.add(...)`, `by_id[k] = ...`), and the same in a comprehension (`[await f(x) for x in xs]`).
 * Each iteration waits for the previous one, so the loop takes the sum of all calls. Only bodies
 * that do exactly that are flagged: anything else in the body (a break, a condition, state carried
 * to the next iteration like a pagination cursor, a sleep that paces, a second await) means the
 * order may matter, and the call must be independent from pass to pass (see independence.ts: no
 * shared session or connection, no write to shared state, no change to the outside world).
 * Fix: `asyncio.gather(*(f(x) for x in xs))` (unsafe).
 */
export const awaitInLoop: Rule = {
  meta: {
    code: 'ACO102',
    name: 'await-in-loop',
    defaultSeverity: 'information',
    summary: 'a `for` loop that awaits one independent call per item and collects the results',
    docsSlug: 'ACO102-await-in-loop',
    cardId: 'rule-aco102-await-in-loop',
    offInTests: true,
  },
  check(ctx: RuleContext): void {
    if (ctx.file.usesOtherAsyncLibrary) return;
    for (const scope of ctx.coroutines) {
      if (!scope.complete) continue;
      for (const block of blocksOf(scope)) {
        for (const stmt of block.children) {
          if (stmt.type !== 'for_statement' || stmt.isAsync || stmt.child('alternative')) continue;
          const loop = collectLoop(ctx, stmt, scope);
          if (loop) report(ctx, loop, scope);
        }
      }
      for (const found of comprehensionsAwaitingOneByOne(ctx, scope)) {
        ctx.report({
          range: ctx.rangeOf(found.awaitNode),
          message: comprehensionMessage(calleeName(found.call) ?? 'the call'),
          detail:
            'The comprehension takes the sum of all the calls, yet they do not depend on each other: ' +
            'start them together with `asyncio.gather(*(...))` and it takes about as long as the slowest.',
          fixes: found.fix ? [found.fix] : [],
          related: [{ range: ctx.rangeOf(found.forClause), message: 'the comprehension that runs the calls one at a time' }],
        });
      }
    }
  },
};

/** Recognises `for x in xs: c.append(await f(x))` and its two-statement and dict/set variants. */
function collectLoop(ctx: RuleContext, loop: PyNode, scope: Scope): CollectLoop | undefined {
  const left = loop.child('left');
  const iterable = loop.child('right');
  const body = loop.child('body');
  if (!left || !iterable || !body || !isNameTarget(left)) return undefined;
  const loopNames = namesReadIn(left);
  const stmts = body.children;
  let temp: string | undefined;
  let awaitNode: PyNode | undefined;
  if (stmts.length === 2) {
    const assign = assignmentOf(stmts[0]!);
    const target = assign?.child('left');
    const right = assign?.child('right');
    if (!assign || assign.child('type') || target?.type !== 'identifier' || unparenthesize(right!).type !== 'await') return undefined;
    temp = target.text;
    awaitNode = unparenthesize(right!);
  } else if (stmts.length !== 1) {
    return undefined;
  }
  const collect = collectionOf(stmts[stmts.length - 1]!);
  if (!collect) return undefined;
  const value = unparenthesize(collect.value);
  if (temp === undefined) {
    if (value.type !== 'await') return undefined;
    awaitNode = value;
  } else if (value.type !== 'identifier' || value.text !== temp) {
    return undefined;
  }
  const call = awaitNode?.children.length === 1 ? awaitNode.children[0] : undefined;
  if (call?.type !== 'call') return undefined;
  const candidate = concurrencyCandidate(ctx, call, scope);
  if (!candidate || dependenceAcrossPasses(footprintOf(ctx, awaitNode!, candidate.call, scope), loopNames) !== undefined) return undefined;
  const reads = namesReadIn(call);
  // The call must use the item, and nothing the loop itself changes.
  if (![...loopNames].some((n) => reads.has(n))) return undefined;
  const container = collect.container.split('.')[0]!;
  if (reads.has(container) || (temp !== undefined && reads.has(temp))) return undefined;
  if (collect.key && (runsCode(collect.key) || ![...namesReadIn(collect.key)].every((n) => loopNames.has(n)))) return undefined;
  if (temp !== undefined && scope.readsIncludingClosures(temp).some((r) => !stmts[1]!.contains(r))) return undefined;
  return { loop, left, iterable, call, awaitNode: awaitNode!, collect, loopNames };
}

/** `c.append(v)`, `c.add(v)` or `d[k] = v`, with `c`/`d` a plain (dotted) name. */
function collectionOf(stmt: PyNode): CollectLoop['collect'] | undefined {
  if (stmt.type !== 'expression_statement' || stmt.children.length !== 1) return undefined;
  const expr = stmt.children[0]!;
  if (expr.type === 'call') {
    const fn = unparenthesize(expr.child('function')!);
    const method = calleeName(expr);
    const container = fn.type === 'attribute' ? dottedName(fn.child('object')) : undefined;
    const args = plainPositionalArgs(expr);
    if (!container || (method !== 'append' && method !== 'add') || args?.length !== 1) return undefined;
    return { kind: method, container, value: args[0]!, statement: stmt };
  }
  const assign = assignmentOf(stmt);
  const target = assign?.child('left');
  const right = assign?.child('right');
  if (!assign || assign.child('type') || target?.type !== 'subscript' || !right) return undefined;
  const container = dottedName(target.child('value'));
  const key = target.child('subscript');
  if (!container || !key || target.childrenIn('subscript').length !== 1) return undefined;
  return { kind: 'item', container, key, value: right, statement: stmt };
}

function assignmentOf(stmt: PyNode): PyNode | undefined {
  const expr = stmt.type === 'expression_statement' && stmt.children.length === 1 ? stmt.children[0] : undefined;
  return expr?.type === 'assignment' ? expr : undefined;
}

function isNameTarget(left: PyNode): boolean {
  if (left.type === 'identifier') return true;
  return (left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.children.length > 0 && left.children.every(isNameTarget);
}

function report(ctx: RuleContext, loop: CollectLoop, scope: Scope): void {
  const name = calleeName(loop.call) ?? 'the call';
  const iterable = loop.iterable.type === 'expression_list' ? `(${loop.iterable.text})` : loop.iterable.text;
  const spelled = `asyncio.gather(*(${loop.call.text} for ${loop.left.text} in ${iterable}))`;
  const example = spelled.length <= 80 && !spelled.includes('\n') ? spelled : `asyncio.gather(*(${name}(...) for ... in ...))`;
  const fix = awaitInLoopFix(ctx, loop, scope);
  ctx.report({
    range: ctx.rangeOf(loop.awaitNode),
    message: fitMessage(
      `Each pass of this loop awaits \`${name}()\` before the next pass starts, so the calls run one at a time`,
      'Each pass of this loop awaits its call before the next pass starts, so the calls run one at a time',
    ),
    detail:
      'The loop takes the sum of all the calls, yet they do not depend on each other: start them together with ' +
      `\`${example}\` and it takes about as long as the slowest. For many items, cap how many run at once with an \`asyncio.Semaphore\`.`,
    fixes: fix ? [fix] : [],
    related: [{ range: ctx.file.lines.rangeOf(loop.loop.startIndex, loop.iterable.endIndex), message: 'the loop that runs the calls one at a time' }],
  });
}

/** One sentence of at most 120 characters; the explanation is the finding's detail, in the hover. */
function comprehensionMessage(name: string): string {
  return fitMessage(
    `This comprehension awaits \`${name}()\` one item at a time, so the calls run one after another`,
    'This comprehension awaits its call one item at a time, so the calls run one after another',
  );
}
