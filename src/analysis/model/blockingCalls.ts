import { calleeOf, plainPositionalArgs } from '../syntax/queries';
import type { PyNode } from '../syntax/pyNode';
import { BLOCKING_FUNCTIONS, BLOCKING_METHODS, BLOCKING_MODULE_ROOTS, type BlockingApi, type BlockingReceiverKind } from './blockingApis';
import { blockingReceiverKind } from './blockingReceivers';
import { knownName } from './knownNames';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';

/** A blocking call found in a coroutine, with how it is written. */
export interface BlockingCall {
  readonly api: BlockingApi;
  /** The callee for messages: as written (`requests.get`, `sleep`, `proc.wait`), or `Popen.wait` when written as a long chain. */
  readonly callee: string;
  /** The callee is short and plain enough to show inside `asyncio.to_thread(..., ...)`. */
  readonly showInHint: boolean;
}

/** How messages name the type of a receiver that is written as a constructor call. */
const RECEIVER_NAMES: Record<BlockingReceiverKind, string> = {
  'requests-session': 'Session',
  'httpx-client': 'Client',
  'urllib3-pool': 'PoolManager',
  popen: 'Popen',
  socket: 'socket',
};

/**
 * The blocking API `call` makes, if it makes one that blocks with these arguments: a function of
 * {@link BLOCKING_FUNCTIONS} (through imports and aliases, see {@link knownName}) or a method of a
 * blocking receiver (a `requests.Session`, an `httpx.Client`, a urllib3 pool, a `Popen`, a socket).
 */
export function findBlockingCall(call: PyNode, scope: Scope, coroutine: Scope, resolver: Resolver): BlockingCall | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  // Only for calls found blocking: the callee of each call in a long chain holds the whole chain.
  const written = (): string => callee.text.replace(/\s+/g, '');
  const qualified = knownName(callee, scope, resolver, BLOCKING_MODULE_ROOTS);
  if (qualified) {
    const api = BLOCKING_FUNCTIONS.get(qualified);
    if (!api || !blocksWithTheseArguments(api, call, scope, resolver)) return undefined;
    const shown = written();
    return { api, callee: shown, showInHint: shown.length <= 40 };
  }
  if (callee.type !== 'attribute') return undefined;
  const receiver = callee.child('object');
  const method = callee.child('attribute')?.text;
  if (!receiver || !method) return undefined;
  const kind = blockingReceiverKind(receiver, scope, coroutine, resolver);
  const api = kind ? BLOCKING_METHODS[kind].get(method) : undefined;
  if (!kind || !api || (kind === 'popen' && pollsOnly(call))) return undefined;
  const text = written();
  const plain = !text.includes('(') && text.length <= 40;
  return { api, callee: plain ? text : `${RECEIVER_NAMES[kind]}(...).${method}`, showInHint: plain };
}

function blocksWithTheseArguments(api: BlockingApi, call: PyNode, scope: Scope, resolver: Resolver): boolean {
  if (api.remedy === 'sleep') return !sleepsForNothing(call);
  if (api.blocksWith === 'spawn-wait-mode') return spawnsAndWaits(call, scope, resolver);
  if (api.blocksWith === 'no-wnohang') return !argumentsOf(call).some((a) => /\bWNOHANG\b/.test(a.text));
  return true;
}

/** `time.sleep(0)` only yields the thread to others for a moment: the loop does not freeze. */
function sleepsForNothing(call: PyNode): boolean {
  const args = plainPositionalArgs(call);
  return args?.length === 1 && /^0*\.?0*$/.test(args[0]!.text);
}

/**
 * `os.spawnv(os.P_WAIT, ...)` waits for the child; `os.P_NOWAIT` and the other modes return at
 * once. The mode is the first argument (or `mode=`): `os.P_WAIT`, an alias of it
 * (`P_WAIT = os.P_WAIT`), or any name spelled `P_WAIT`, since no other constant has that name.
 * A variable or a number is not judged. A call without a mode cannot run: flagged as written.
 */
function spawnsAndWaits(call: PyNode, scope: Scope, resolver: Resolver): boolean {
  const args = call.child('arguments')?.children ?? [];
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.child('name')?.text === 'mode')?.child('value');
  const first = args[0];
  const mode = keyword ?? (first && first.type !== 'keyword_argument' && first.type !== 'list_splat' && first.type !== 'dictionary_splat' ? first : undefined);
  if (!mode) return !args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat');
  const name = knownName(mode, scope, resolver, BLOCKING_MODULE_ROOTS) ?? (mode.type === 'identifier' || mode.type === 'attribute' ? mode.text : '');
  return name === 'P_WAIT' || name.endsWith('.P_WAIT');
}

/** `proc.wait(timeout=0)` / `proc.wait(0)` returns at once: a poll, not a wait. */
function pollsOnly(call: PyNode): boolean {
  for (const arg of call.child('arguments')?.children ?? []) {
    const value = arg.type === 'keyword_argument' && arg.child('name')?.text === 'timeout' ? arg.child('value') : arg.type === 'keyword_argument' ? undefined : arg;
    if (value && /^0*\.?0*$/.test(value.text)) return true;
  }
  return false;
}

function argumentsOf(call: PyNode): PyNode[] {
  return call.child('arguments')?.children ?? [];
}
