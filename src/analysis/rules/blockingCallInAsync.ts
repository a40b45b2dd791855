import { awaitAsyncioSleepFix, toThreadFix } from '../fixes/offloadBlockingCall';
import { BLOCKING_FUNCTIONS, BLOCKING_METHODS, type BlockingApi } from '../model/blockingApis';
import { blockingReceiverKind } from '../model/blockingReceivers';
import type { Scope } from '../model/scopes';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import { calleeOf, plainPositionalArgs } from '../syntax/queries';
import type { Fix } from '../types';

/** A blocking call found in a coroutine, with how it is written. */
interface BlockingCall {
  readonly api: BlockingApi;
  /** The callee for messages: as written (`requests.get`, `sleep`, `proc.wait`), or `Popen.wait` when written as a long chain. */
  readonly callee: string;
  /** The callee is short and plain enough to show inside `asyncio.to_thread(..., ...)`. */
  readonly showInHint: boolean;
}

/** How messages name the type of a receiver that is written as a constructor call. */
const RECEIVER_NAMES = { 'requests-session': 'Session', popen: 'Popen', socket: 'socket' } as const;

/**
 * ACO301 blocking-call-in-async: a call that blocks its thread (`time.sleep`, `requests.get`,
 * `urllib.request.urlopen`, `subprocess.run`, `Popen.wait`, `socket.create_connection`,
 * `input()`, methods of a `requests.Session` or of a blocking socket) made directly inside
 * `async def`. The event loop runs every task on that one thread, so the whole program stops
 * until the call returns. Names resolve through imports (`from time import sleep`, `import time
 * as t`); a local that shadows them is not flagged, nor is code in a nested `def` or `lambda`
 * (it runs wherever it is called, often a worker thread), nor a function passed rather than
 * called (`asyncio.to_thread(time.sleep, 1)`). Fixes: `await asyncio.sleep(x)`, or
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
      const found = blockingCall(ctx, call, scope, coroutine);
      if (!found) continue;
      const where = coroutine.name ? `\`${coroutine.name}\`` : 'this coroutine';
      const library = libraryOf(ctx);
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

/**
 * The `async def` whose own code runs the call: the call's scope is that function, or a list,
 * set or dict comprehension in it (they run on the spot). Nested `def`s and lambdas run wherever
 * they are called; generator expressions whenever they are consumed; class bodies cannot `await`.
 */
function runningCoroutine(scope: Scope): Scope | undefined {
  let s: Scope | null = scope;
  while (s?.kind === 'comprehension') {
    if (s.node.type === 'generator_expression') return undefined;
    s = s.parent;
  }
  return s?.kind === 'function' && s.isCoroutine ? s : undefined;
}

function blockingCall(ctx: RuleContext, call: PyNode, scope: Scope, coroutine: Scope): BlockingCall | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const written = callee.text.replace(/\s+/g, '');
  const qualified = ctx.resolver.qualifiedName(callee, scope) ?? builtinName(ctx, callee, scope);
  if (qualified) {
    const api = BLOCKING_FUNCTIONS.get(qualified);
    if (!api || (api.remedy === 'sleep' && sleepsForNothing(call))) return undefined;
    return { api, callee: written, showInHint: written.length <= 40 };
  }
  if (callee.type !== 'attribute') return undefined;
  const receiver = callee.child('object');
  const method = callee.child('attribute')?.text;
  if (!receiver || !method) return undefined;
  const kind = blockingReceiverKind(receiver, scope, coroutine, ctx.resolver);
  const api = kind ? BLOCKING_METHODS[kind].get(method) : undefined;
  if (!kind || !api || (kind === 'popen' && pollsOnly(call))) return undefined;
  const plain = !written.includes('(') && written.length <= 40;
  return { api, callee: plain ? written : `${RECEIVER_NAMES[kind]}(...).${method}`, showInHint: plain };
}

/** `input` read where no binding hides the builtin (and no `import *` may bring one). */
function builtinName(ctx: RuleContext, callee: PyNode, scope: Scope): string | undefined {
  if (callee.type !== 'identifier' || callee.text !== 'input') return undefined;
  if (ctx.file.hasStarImport || scope.resolve('input') !== undefined) return undefined;
  return 'builtins.input';
}

/** `time.sleep(0)` only yields the thread to others for a moment: the loop does not freeze. */
function sleepsForNothing(call: PyNode): boolean {
  const args = plainPositionalArgs(call);
  return args?.length === 1 && /^0*\.?0*$/.test(args[0]!.text);
}

/** `proc.wait(timeout=0)` / `proc.wait(0)` returns at once: a poll, not a wait. */
function pollsOnly(call: PyNode): boolean {
  for (const arg of call.child('arguments')?.children ?? []) {
    const value = arg.type === 'keyword_argument' && arg.child('name')?.text === 'timeout' ? arg.child('value') : arg.type === 'keyword_argument' ? undefined : arg;
    if (value && /^0*\.?0*$/.test(value.text)) return true;
  }
  return false;
}

/** How each async library spells the non-blocking sleep and the hand-off to a worker thread. */
const LIBRARIES = {
  asyncio: { loop: 'asyncio runs every task', sleep: 'asyncio.sleep', thread: 'asyncio.to_thread' },
  trio: { loop: 'Trio runs every task', sleep: 'trio.sleep', thread: 'trio.to_thread.run_sync' },
  anyio: { loop: 'the event loop runs every task', sleep: 'anyio.sleep', thread: 'anyio.to_thread.run_sync' },
  curio: { loop: 'Curio runs every task', sleep: 'curio.sleep', thread: 'curio.run_in_thread' },
} as const;

type Library = keyof typeof LIBRARIES;

const OTHER_LIBRARIES: readonly Library[] = ['trio', 'anyio', 'curio'];

/**
 * The async library the file is written for: asyncio, unless it imports trio, anyio or curio
 * (also through a relative import the module path resolves), or is itself part of one of them.
 */
function libraryOf(ctx: RuleContext): Library {
  const { file } = ctx;
  const ownPackage = file.modulePath?.split('.')[0];
  const own = OTHER_LIBRARIES.find((l) => l === ownPackage);
  if (own) return own;
  for (const bindings of file.moduleScope.bindings.values()) {
    for (const b of bindings) {
      const head = b.kind === 'import' ? b.qualified?.split('.')[0] : undefined;
      const library = OTHER_LIBRARIES.find((l) => l === head);
      if (library) return library;
    }
  }
  return file.usesOtherAsyncLibrary ? 'anyio' : 'asyncio';
}

function message({ api, callee }: BlockingCall): string {
  return fitMessage(
    `\`${callee}(...)\` blocks the event loop while it ${api.waitsFor}: no other task runs until it returns`,
    `\`${callee}(...)\` blocks the event loop while it ${api.waitsFor}`,
    `This call blocks the event loop while it ${api.waitsFor}`,
    'This call blocks the event loop: no other task runs until it returns',
  );
}

function detail(found: BlockingCall, where: string, library: Library): string {
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
