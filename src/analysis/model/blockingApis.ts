/**
 * Synchronous library calls that block the calling thread until something outside the program
 * answers (a timer, a server, a child process, a user). Inside `async def` that thread is the
 * event loop's: ACO301 reports them. Keys are fully qualified names, as the resolver spells them.
 */

/** How the rule's fix moves the call off the loop. */
export type BlockingRemedy =
  /** `time.sleep(x)` -> `await asyncio.sleep(x)`: asyncio has the same call, non-blocking. */
  | 'sleep'
  /** `fn(*args)` -> `await asyncio.to_thread(fn, *args)`: run it in a worker thread. */
  | 'thread';

export interface BlockingApi {
  /** What the call waits for, to finish "... blocks the event loop while it ...". */
  readonly waitsFor: string;
  /** The asyncio-native way to do the same thing, for the message; empty when there is none. */
  readonly nativeAlternative: string;
  readonly remedy: BlockingRemedy;
}

const api = (waitsFor: string, nativeAlternative: string, remedy: BlockingRemedy = 'thread'): BlockingApi => ({ waitsFor, nativeAlternative, remedy });

const HTTP = api('waits for the HTTP response', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`)');
const CHILD = api('waits for the child process to finish', '`asyncio.create_subprocess_exec(...)`, whose `wait()` and `communicate()` are awaitable');

/** The verbs of `requests`' module-level API and of its `Session` objects. */
const REQUESTS_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

/** Module-level functions that block. */
export const BLOCKING_FUNCTIONS: ReadonlyMap<string, BlockingApi> = new Map([
  ['time.sleep', api('sleeps', '`asyncio.sleep()`', 'sleep')],
  ...REQUESTS_VERBS.flatMap((verb): [string, BlockingApi][] => [[`requests.${verb}`, HTTP], [`requests.api.${verb}`, HTTP]]),
  ['urllib.request.urlopen', api('waits for the server to answer', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`)')],
  ['subprocess.run', CHILD],
  ['subprocess.call', CHILD],
  ['subprocess.check_call', CHILD],
  ['subprocess.check_output', CHILD],
  ['socket.create_connection', api('resolves the host name and connects', '`asyncio.open_connection(host, port)`')],
  ['builtins.input', api('waits for the user to type a line', '')],
]);

/** Values whose methods block, told apart by what built them. */
export type BlockingReceiverKind = 'requests-session' | 'popen' | 'socket';

/** Constructors (and annotations) that give a value one of the {@link BlockingReceiverKind}s. */
export const BLOCKING_CONSTRUCTORS: ReadonlyMap<string, BlockingReceiverKind> = new Map([
  ['requests.Session', 'requests-session'],
  ['requests.session', 'requests-session'],
  ['requests.sessions.Session', 'requests-session'],
  ['subprocess.Popen', 'popen'],
  ['socket.socket', 'socket'],
  ['socket.create_connection', 'socket'],
]);

const SOCKET = api('waits for the network', '`loop.sock_recv()` / `loop.sock_sendall()` on a non-blocking socket, or the streams of `asyncio.open_connection()`');

/** The blocking methods of each receiver kind. */
export const BLOCKING_METHODS: Readonly<Record<BlockingReceiverKind, ReadonlyMap<string, BlockingApi>>> = {
  'requests-session': new Map([...REQUESTS_VERBS, 'send'].map((verb) => [verb, HTTP])),
  popen: new Map([
    ['wait', CHILD],
    ['communicate', CHILD],
  ]),
  socket: new Map(['recv', 'recv_into', 'recvfrom', 'recvfrom_into', 'send', 'sendall', 'sendto', 'accept', 'connect'].map((m) => [m, SOCKET])),
};

/**
 * Receiver kinds whose blocking depends on state set at run time (`sock.setblocking(False)`):
 * only values created in the coroutine itself, whose every use is in sight, are judged.
 */
export const STATEFUL_RECEIVERS: ReadonlySet<BlockingReceiverKind> = new Set(['socket']);
