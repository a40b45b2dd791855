import type { Node } from 'web-tree-sitter';
import { qualifiedName } from '../imports';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { enclosingFunction, isInsideCoroutine, plainPositionalArgs } from '../syntax';
import type { Fix } from '../types';

/** Calls that start an event loop: each raises RuntimeError when a loop already runs the caller. */
const LOOP_STARTERS = new Set(['asyncio.run', 'asyncio.runners.run']);

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
    for (const call of ctx.calls) {
      const kind = loopStarterKind(call, ctx);
      if (!kind || !isInsideCoroutine(call)) continue;
      const coroutine = enclosingFunction(call);
      const coroutineName = coroutine?.childForFieldName('name');
      const arg = plainPositionalArgs(call);
      const argText = arg?.length === 1 && arg[0] ? arg[0].text : 'the coroutine';
      const where = coroutineName ? `\`${coroutineName.text}\`` : 'this coroutine';
      ctx.report({
        range: rangeOf(call),
        message:
          kind === 'run'
            ? `asyncio.run() inside ${where} raises RuntimeError: an event loop is already running here. ` +
              `asyncio.run() is the program's entry point, called once at top level; inside a coroutine, write \`await ${argText}\`.`
            : `run_until_complete() inside ${where} raises RuntimeError: this event loop is already running. ` +
              `Inside a coroutine, write \`await ${argText}\` instead.`,
        fixes: awaitFix(call, ctx.source),
        related: coroutineName ? [{ range: rangeOf(coroutineName), message: `${coroutineName.text} already runs on the event loop` }] : [],
      });
    }
  },
};

function loopStarterKind(call: Node, ctx: RuleContext): 'run' | 'run_until_complete' | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const qualified = qualifiedName(fn, ctx.imports);
  if (qualified && LOOP_STARTERS.has(qualified)) return 'run';
  if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'run_until_complete') {
    return 'run_until_complete';
  }
  return undefined;
}

/** `asyncio.run(x)` -> `await x`; parenthesised where a primary expression is needed. */
function awaitFix(call: Node, _source: string): Fix[] {
  const args = plainPositionalArgs(call);
  const only = args?.length === 1 ? args[0] : undefined;
  if (!only) return [];
  // `await asyncio.run(x)` is already awaited: replace the whole expression with `await x`.
  const target = call.parent?.type === 'await' ? call.parent : call;
  const parent = target.parent;
  const needsParens =
    parent !== null &&
    ((parent.type === 'attribute' && parent.childForFieldName('object')?.id === target.id) ||
      (parent.type === 'subscript' && parent.childForFieldName('value')?.id === target.id) ||
      (parent.type === 'call' && parent.childForFieldName('function')?.id === target.id));
  const awaited = `await ${only.text}`;
  return [
    {
      title: `Replace with \`await ${only.text.length > 40 ? only.text.slice(0, 37) + '...' : only.text}\``,
      edits: [{ range: rangeOf(target), newText: needsParens ? `(${awaited})` : awaited }],
      isPreferred: true,
    },
  ];
}
