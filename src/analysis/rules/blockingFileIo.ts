import { toThreadFix } from '../fixes/offloadBlockingCall';
import { asyncLibraryOf, LIBRARIES, runningCoroutine } from '../model/asyncLibrary';
import { valueKind } from '../model/blockingReceivers';
import { ASYNC_FILE_WRAPPERS, FILE_IO_FUNCTIONS, FILE_IO_MODULES, PATH_IO_METHODS, PATH_VALUES, type FileIoApi } from '../model/fileIoApis';
import { knownName } from '../model/knownNames';
import type { Scope } from '../model/scopes';
import { runsOnWorkerThread } from '../model/workerThreads';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import { valueParent, type PyNode } from '../syntax/pyNode';
import { calleeOf } from '../syntax/queries';

/**
 * ACO304 blocking-file-io (off by default, a hint when on): file I/O made directly in `async def`:
 * `open()` (and `io`, `codecs`, `gzip`, `bz2`, `lzma`, `os.open`, `tempfile` files), the whole-file
 * `read_text`/`read_bytes`/`write_text`/`write_bytes` and `open` of a `pathlib.Path`, and
 * `shutil`'s copies, moves and tree deletions. A local disk answers in microseconds, so most such
 * calls cost nothing worth a thread; large files, network file systems and busy servers are where
 * they stall every task, which is why the rule is opt-in. Fix (unsafe): `await asyncio.to_thread(fn,
 * ...)` for calls that do the whole job; none for `open()`, whose reads and writes follow on the
 * file object (the fix is moving the whole `with` block into a function: see the docs page).
 */
export const blockingFileIo: Rule = {
  meta: {
    code: 'ACO304',
    name: 'blocking-file-io',
    defaultSeverity: 'hint',
    summary: 'file I/O (`open()`, whole-file reads and writes, `shutil` copies) directly inside `async def`',
    docsSlug: 'ACO304-blocking-file-io',
    cardId: 'rule-aco304-file-io',
    offByDefault: true,
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      const coroutine = runningCoroutine(scope);
      if (!coroutine) continue;
      const found = fileIoCall(ctx, call, scope, coroutine);
      if (!found || isAwaitedOrWrapped(ctx, call, scope) || runsOnWorkerThread(coroutine, ctx.resolver)) continue;
      const library = asyncLibraryOf(ctx.file);
      const fix = library === 'asyncio' && found.api.offloadable ? toThreadFix(ctx.file, call, coroutine, ctx.options.targetVersion) : undefined;
      ctx.report({ range: ctx.rangeOf(call), message: message(found.callee, found.api), detail: detail(LIBRARIES[library].thread), fixes: fix ? [fix] : [] });
    }
  },
};

function fileIoCall(ctx: RuleContext, call: PyNode, scope: Scope, coroutine: Scope): { api: FileIoApi; callee: string } | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  // Only for calls found: the callee of each call in a long chain holds the whole chain.
  const written = (): string => callee.text.replace(/\s+/g, '');
  const qualified = knownName(callee, scope, ctx.resolver, FILE_IO_MODULES);
  if (qualified) {
    const api = FILE_IO_FUNCTIONS.get(qualified);
    return api ? { api, callee: written() } : undefined;
  }
  const object = callee.type === 'attribute' ? callee.child('object') : undefined;
  const api = PATH_IO_METHODS.get(callee.child('attribute')?.text ?? '');
  if (!object || !api || valueKind(object, scope, coroutine, ctx.resolver, PATH_VALUES) !== 'path') return undefined;
  const text = written();
  return { api, callee: text.includes('(') ? `Path(...).${callee.child('attribute')!.text}` : text };
}

/** `await open(...)` is some async library's open; `trio.wrap_file(open(...))` makes the file async. */
function isAwaitedOrWrapped(ctx: RuleContext, call: PyNode, scope: Scope): boolean {
  const { parent } = valueParent(call);
  if (parent?.type === 'await') return true;
  const wrapper = parent?.type === 'argument_list' ? parent.parent : undefined;
  const fn = wrapper?.type === 'call' ? wrapper.child('function') : undefined;
  return fn !== undefined && ASYNC_FILE_WRAPPERS.has(ctx.resolver.qualifiedName(fn, scope) ?? '');
}

/** One sentence of at most 120 characters: what the call does where; the way out is the detail. */
function message(callee: string, api: FileIoApi): string {
  return fitMessage(`\`${callee}()\` ${api.does} on the event loop`, `This call ${api.does} on the event loop`);
}

function detail(thread: string): string {
  return (
    'Local files on a quiet machine are read in microseconds and this rarely matters; for large files, network file systems ' +
    `or a server under load, every other task waits meanwhile. Run it in a worker thread with \`${thread}\`.`
  );
}
