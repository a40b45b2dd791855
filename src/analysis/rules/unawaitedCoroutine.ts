import { asyncioModule } from '../fixes/edits';
import type { CoroutineCall } from '../model/resolver';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import { valueUse } from '../syntax/queries';
import { immediateUse, misreadBinding } from '../model/valueMisuse';
import type { Fix } from '../types';

/**
 * ACO201 unawaited-coroutine: a call that creates a coroutine which is then dropped, as a
 * statement (`fetch()`), bound to a local that is never read (`data = fetch()`), or whose value is
 * read at once as if it were the result: `data = fetch(); data.items`, `if fetch():`, `not fetch()`,
 * `fetch().attr`, `print(fetch())` (the use is given as related information). Calling an
 * `async def` only builds the coroutine object; its body never runs, and Python only says so
 * later with "coroutine ... was never awaited". Also flagged in sync functions and at module
 * level, where the call runs nothing either. Resolution follows `async def`s of the file and the
 * workspace, asyncio's coroutine functions, and coroutine methods of typed values; when unsure,
 * nothing is reported. Fix: insert `await` (inside `async def`), or `asyncio.run(...)` at module level.
 */
export const unawaitedCoroutine: Rule = {
  meta: {
    code: 'ACO201',
    name: 'unawaited-coroutine',
    defaultSeverity: 'warning',
    summary: 'a coroutine that is created and never awaited (the code inside never runs)',
    docsSlug: 'ACO201-unawaited-coroutine',
    cardId: 'rule-aco201-unawaited',
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      const use = valueUse(call);
      let misuse: { node: PyNode; phrase: string } | undefined;
      if (use.kind === 'assigned' && !scope.isUnreadLocal(use.target.text)) {
        misuse = misreadBinding(use.target, scope, ctx.resolver);
        if (!misuse) continue;
      } else if (use.kind === 'used') {
        misuse = immediateUse(call, ctx.resolver, scope);
        if (!misuse) continue;
      } else if (use.kind !== 'statement' && use.kind !== 'assigned') continue;
      const coroutine = ctx.resolver.coroutineCall(call);
      if (!coroutine) continue;
      const runsIn = scope.enclosingFunction();
      const where = runsIn?.isCoroutine ? 'coroutine' : runsIn ? 'sync' : 'module';
      const queueMethod = queueMethodOf(ctx, call);
      const boundTo = use.kind === 'assigned' ? use.target.text : undefined;
      ctx.report({
        range: ctx.rangeOf(call),
        message: message(coroutine, boundTo, queueMethod, misuse?.phrase),
        detail: detail(coroutine, where, queueMethod),
        fixes: where === 'coroutine' ? [awaitFix(ctx, call, use.kind === 'used' && misuse !== undefined && (misuse.node.type === 'attribute' || misuse.node.type === 'subscript'))] : scope.kind === 'module' && use.kind === 'statement' ? [runFix(ctx, call)] : [],
        ...(misuse && boundTo ? { related: [{ range: ctx.rangeOf(misuse.node), message: `\`${boundTo}\` holds the coroutine here, not its result` }] } : {}),
        ...(coroutine.assumes ? { assumes: [coroutine.assumes] } : {}),
      });
    }
  },
};

/** `put` or `get` when the call is that method of an asyncio queue: sync code has a `_nowait` twin for it. */
function queueMethodOf(ctx: RuleContext, call: PyNode): 'put' | 'get' | undefined {
  const receiver = ctx.resolver.receiverOf(call);
  if (receiver?.type?.kind !== 'known' || receiver.type.type.kind !== 'queue') return undefined;
  return receiver.method === 'put' || receiver.method === 'get' ? receiver.method : undefined;
}

/**
 * The one-line message. `misuse` says how the coroutine object is read in place of its result
 * (`its .data is read`), when that is why it is reported.
 */
function message(c: CoroutineCall, boundTo: string | undefined, queueMethod: 'put' | 'get' | undefined, misuse: string | undefined): string {
  const effect = queueMethod === 'put' ? 'so the item never reaches the queue' : 'so its code never runs';
  if (misuse) {
    const holder = boundTo ? `\`${boundTo}\` holds it and ${misuse}` : misuse;
    return fitMessage(`\`${c.callee}(...)\` returns a coroutine that is never awaited: ${holder}`, `This call returns a coroutine that is never awaited: ${holder}`, `This coroutine is never awaited: ${holder}`, 'This coroutine is read as if it were its result, but it is never awaited');
  }
  const dropped = boundTo ? `that \`${boundTo}\` holds but never awaits` : 'that is never awaited';
  return fitMessage(`\`${c.callee}(...)\` returns a coroutine ${dropped}, ${effect}`, `This call returns a coroutine ${dropped}, ${effect}`, `This coroutine is never awaited, ${effect}`);
}

function detail(c: CoroutineCall, where: 'coroutine' | 'sync' | 'module', queueMethod: 'put' | 'get' | undefined): string {
  const why = `Why a coroutine: ${c.evidence}. Calling it only creates the coroutine object; its body runs once the coroutine is awaited or run as a task.`;
  switch (where) {
    case 'coroutine':
      return `${why} Write \`await ${c.callee}(...)\` to run it and get its result, or start it with \`asyncio.create_task(...)\` and keep the task.`;
    case 'sync':
      if (queueMethod === 'put') {
        return `${why} A plain \`def\` cannot await: \`${c.callee}_nowait(item)\` puts the item at once (a full bounded queue raises \`asyncio.QueueFull\`); from another thread, hand it over with \`loop.call_soon_threadsafe(${c.callee}_nowait, item)\`.`;
      }
      if (queueMethod === 'get') return `${why} A plain \`def\` cannot await: \`${c.callee}_nowait()\` takes an item at once, or raises \`asyncio.QueueEmpty\` when there is none.`;
      return `${why} A plain \`def\` cannot await: make this function \`async def\` and await the call (its callers then await it too). Only the program's entry point starts a coroutine with \`asyncio.run(...)\`.`;
    default:
      return `${why} At the top of a program, start the event loop with \`asyncio.run(${c.callee}(...))\`.`;
  }
}

/** `fetch()` -> `await fetch()` (and `x = fetch()` -> `x = await fetch()`; `fetch().a` -> `(await fetch()).a`). */
function awaitFix(ctx: RuleContext, call: PyNode, parenthesize: boolean): Fix {
  const range = ctx.rangeOf(call);
  const edits = parenthesize
    ? [{ range, newText: `(await ${call.text})` }]
    : [{ range: { start: range.start, end: range.start }, newText: 'await ' }];
  return { title: 'Await the coroutine', edits, applicability: 'safe', isPreferred: true };
}

/** A module-level `main()` -> `asyncio.run(main())`, adding `import asyncio` when missing. */
function runFix(ctx: RuleContext, call: PyNode): Fix {
  const asyncio = asyncioModule(ctx.file);
  return {
    title: `Run it with \`${asyncio.name}.run(...)\``,
    edits: [...asyncio.edits, { range: ctx.rangeOf(call), newText: `${asyncio.name}.run(${call.text})` }],
    applicability: 'safe',
    isPreferred: true,
  };
}
