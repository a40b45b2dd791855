import { awaitAsyncioSleepFix, toThreadFix } from '../fixes/offloadBlockingCall';
import { asyncLibraryOf, LIBRARIES, runningCoroutine, type AsyncLibrary } from '../model/asyncLibrary';
import { findBlockingCall, type BlockingCall } from '../model/blockingCalls';
import type { Scope } from '../model/scopes';
import { runsOnWorkerThread } from '../model/workerThreads';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import type { Fix } from '../types';

/**
 * ACO301 blocking-call-in-async: a call that blocks its thread (`time.sleep`, `requests.get`,
 * `httpx.get`, `urllib.request.urlopen`, `urllib3.request`, `subprocess.run`, `os.system`,
 * `os.wait`, `Popen.wait`, `socket.create_connection`, `input()`, methods of a `requests.Session`,
 * an `httpx.Client`, a urllib3 pool or a blocking socket) made directly inside `async def`. The
 * event loop runs every task on that one thread, so the whole program stops until the call
 * returns. Names resolve through imports and aliases (`from time import sleep`, `ask = input`); a
 * local that shadows them is not flagged, nor is code in a nested `def` or `lambda` (it runs
 * wherever it is called, often a worker thread), nor a function passed rather than called
 * (`asyncio.to_thread(time.sleep, 1)`), nor a coroutine a framework runs on a worker thread
 * (Textual's `@work(thread=True)`). Fixes: `await asyncio.sleep(x)`, or
 * `await asyncio.to_thread(fn, *args, **kwargs)`.
 */
export const blockingCallInAsync: Rule = {
  meta: {
    code: 'ACO301',
    name: 'blocking-call-in-async',
    defaultSeverity: 'warning',
    summary: 'a blocking call inside `async def` that freezes the event loop',
    docsSlug: 'ACO301-blocking-call-in-async',
    cardId: 'rule-aco301-time-sleep',
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      const coroutine = runningCoroutine(scope);
      if (!coroutine) continue;
      const found = findBlockingCall(call, scope, coroutine, ctx.resolver);
      if (!found || runsOnWorkerThread(coroutine, ctx.resolver)) continue;
      const where = coroutine.name ? `\`${coroutine.name}\`` : 'this coroutine';
      const library = asyncLibraryOf(ctx.file);
      ctx.report({
        range: ctx.rangeOf(call),
        message: message(found),
        detail: detail(found, where, library),
        // The fixes write asyncio: in Trio, AnyIO or Curio code they would not run.
        fixes: library === 'asyncio' ? fixes(ctx, call, found, coroutine) : [],
      });
    }
  },
};

function message({ api, callee }: BlockingCall): string {
  return fitMessage(
    `\`${callee}(...)\` blocks the event loop while it ${api.waitsFor}: no other task runs until it returns`,
    `\`${callee}(...)\` blocks the event loop while it ${api.waitsFor}`,
    `This call blocks the event loop while it ${api.waitsFor}`,
    'This call blocks the event loop: no other task runs until it returns',
  );
}

function detail(found: BlockingCall, where: string, library: AsyncLibrary): string {
  const { api, callee, showInHint } = found;
  const lib = LIBRARIES[library];
  const freeze = `${lib.loop} on one thread, and this call holds that thread inside ${where}, so no timer fires and no socket is read until it returns.`;
  if (api.remedy === 'sleep') return `${capitalized(freeze)} Write \`await ${lib.sleep}(...)\` instead: it pauses only this task and lets the others run.`;
  const native = api.nativeAlternative && library === 'asyncio' ? `, or use ${api.nativeAlternative}` : '';
  return `${capitalized(freeze)} Run it in a worker thread with \`await ${lib.thread}(${showInHint ? callee : 'fn'}, ...)\`${native}.`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fixes(ctx: RuleContext, call: PyNode, found: BlockingCall, coroutine: Scope): Fix[] {
  const fix = found.api.remedy === 'sleep' ? awaitAsyncioSleepFix(ctx.file, call, coroutine) : toThreadFix(ctx.file, call, coroutine, ctx.options.targetVersion);
  return fix ? [fix] : [];
}
