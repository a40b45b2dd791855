import { fitMessage, type Rule, type RuleContext } from '../rule';
import { plainPositionalArgs } from '../syntax/queries';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import type { Fix } from '../types';

/** Calls that start an event loop: each raises RuntimeError when a loop already runs the caller. */
export const LOOP_STARTERS: ReadonlySet<string> = new Set(['asyncio.run', 'asyncio.runners.run']);

/**
 * ACO302 nested-asyncio-run: `asyncio.run()` or `loop.run_until_complete()` inside `async def`.
 * The caller is already running on an event loop, so starting another one raises
 * `RuntimeError` at run time. The fix awaits the coroutine instead.
 */
export const nestedAsyncioRun: Rule = {
  meta: {
    code: 'ACO302',
    name: 'nested-asyncio-run',
    defaultSeverity: 'error',
    summary: '`asyncio.run()` / `loop.run_until_complete()` inside a coroutine',
    docsSlug: 'ACO302-nested-asyncio-run',
    cardId: 'seed-03-entry-point',
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      // Only code that runs in the coroutine itself: nested sync defs and lambdas run elsewhere.
      const coroutine = scope.enclosingFunction();
      if (!coroutine?.isCoroutine) continue;
      const kind = loopStarterKind(call, ctx);
      if (!kind) continue;
      const coroutineName = coroutine.node.child('name');
      const arg = plainPositionalArgs(call);
      const awaitIt = arg?.length === 1 && arg[0] ? `write \`await ${arg[0].text}\`` : 'await the coroutine';
      const where = coroutineName ? `\`${coroutineName.text}\`` : 'this coroutine';
      ctx.report({
        range: ctx.rangeOf(call),
        message:
          kind === 'run'
            ? fitMessage(`asyncio.run() inside ${where} raises RuntimeError: an event loop is already running here`, 'asyncio.run() inside a coroutine raises RuntimeError: an event loop is already running here')
            : fitMessage(`run_until_complete() inside ${where} raises RuntimeError: this event loop is already running`, 'run_until_complete() inside a coroutine raises RuntimeError: this event loop is already running'),
        detail:
          kind === 'run'
            ? `asyncio.run() is the program's entry point, called once at top level; inside a coroutine, ${awaitIt}.`
            : `The loop already runs this coroutine: ${awaitIt} instead.`,
        fixes: awaitFix(call, ctx),
        related: coroutineName ? [{ range: ctx.rangeOf(coroutineName), message: `${coroutineName.text} already runs on the event loop` }] : [],
      });
    }
  },
};

function loopStarterKind(call: PyNode, ctx: RuleContext): 'run' | 'run_until_complete' | undefined {
  const fn = call.child('function');
  if (!fn) return undefined;
  const qualified = ctx.resolver.qualifiedName(fn);
  if (qualified && LOOP_STARTERS.has(qualified)) return 'run';
  const callee = unparenthesize(fn);
  if (callee.type === 'attribute' && callee.child('attribute')?.text === 'run_until_complete') return 'run_until_complete';
  return undefined;
}

/** `asyncio.run(x)` -> `await x`; parenthesised where a primary expression is needed. */
function awaitFix(call: PyNode, ctx: RuleContext): Fix[] {
  const args = plainPositionalArgs(call);
  const only = args?.length === 1 ? args[0] : undefined;
  if (!only) return [];
  // `await asyncio.run(x)` is already awaited: replace the whole expression with `await x`.
  const target = call.parent?.type === 'await' ? call.parent : call;
  const parent = target.parent;
  const needsParens =
    parent !== null &&
    ((parent.type === 'attribute' && parent.child('object') === target) ||
      (parent.type === 'subscript' && parent.child('value') === target) ||
      (parent.type === 'call' && parent.child('function') === target));
  const awaited = `await ${only.text}`;
  return [
    {
      title: `Replace with \`await ${only.text.length > 40 ? only.text.slice(0, 37) + '...' : only.text}\``,
      edits: [{ range: ctx.rangeOf(target), newText: needsParens ? `(${awaited})` : awaited }],
      // The call always raised RuntimeError, so awaiting instead changes nothing that worked.
      applicability: 'safe',
      isPreferred: true,
    },
  ];
}
