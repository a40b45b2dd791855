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

/**
 * Calls that block only with some arguments: `os.spawn*` with the `os.P_WAIT` mode (or none given),
 * `os.wait*` unless the `os.WNOHANG` option makes them a poll.
 */
export type BlockingArguments = 'spawn-wait-mode' | 'no-wnohang';

export interface BlockingApi {
  /** What the call waits for, to finish "... blocks the event loop while it ...". */
  readonly waitsFor: string;
  /** The asyncio-native way to do the same thing, for the message; empty when there is none. */
  readonly nativeAlternative: string;
  readonly remedy: BlockingRemedy;
  readonly blocksWith?: BlockingArguments;
}

const api = (waitsFor: string, nativeAlternative: string, remedy: BlockingRemedy = 'thread', blocksWith?: BlockingArguments): BlockingApi => ({
  waitsFor,
  nativeAlternative,
  remedy,
  ...(blocksWith ? { blocksWith } : {}),
});

const HTTP = api('waits for the HTTP response', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`)');
const CHILD = api('waits for the child process to finish', '`asyncio.create_subprocess_exec(...)`, whose `wait()` and `communicate()` are awaitable');
const SHELL = api('waits for the shell command to finish', '`asyncio.create_subprocess_shell(...)`, whose `wait()` and `communicate()` are awaitable');
const SPAWN = api('waits for the child process to finish', '`asyncio.create_subprocess_exec(...)`, whose `wait()` is awaitable', 'thread', 'spawn-wait-mode');
const WAIT_CHILD = api('waits for a child process to exit', 'the awaitable `wait()` of a process started with `asyncio.create_subprocess_exec(...)`', 'thread', 'no-wnohang');

/** The verbs of `requests`' module-level API and of its `Session` objects. */
const REQUESTS_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

/** httpx's module functions and `Client` methods that send a request (`stream` sends it on entering). */
const HTTPX_VERBS = [...REQUESTS_VERBS, 'stream'];

/** `httpx2` continues `httpx` under another name, with the same API. */
const HTTPX_MODULES = ['httpx', 'httpx2'];

/** The request methods of urllib3's pools and managers. */
const URLLIB3_METHODS = ['request', 'urlopen', 'request_encode_url', 'request_encode_body'];

/** Module-level functions that block. */
export const BLOCKING_FUNCTIONS: ReadonlyMap<string, BlockingApi> = new Map([
  ['time.sleep', api('sleeps', '`asyncio.sleep()`', 'sleep')],
  ...REQUESTS_VERBS.flatMap((verb): [string, BlockingApi][] => [[`requests.${verb}`, HTTP], [`requests.api.${verb}`, HTTP]]),
  ['urllib.request.urlopen', api('waits for the server to answer', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp.ClientSession`)')],
  ['subprocess.run', CHILD],
  ['subprocess.call', CHILD],
  ['subprocess.check_call', CHILD],
  ['subprocess.check_output', CHILD],
  ['subprocess.getoutput', SHELL],
  ['subprocess.getstatusoutput', SHELL],
  ['os.system', SHELL],
  ['os.popen', api("waits for the shell command's output", '`asyncio.create_subprocess_shell(...)` with `stdout=asyncio.subprocess.PIPE`')],
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((fn): [string, BlockingApi] => [`os.${fn}`, SPAWN]),
  ...['wait', 'wait3', 'wait4', 'waitid', 'waitpid'].map((fn): [string, BlockingApi] => [`os.${fn}`, WAIT_CHILD]),
  ...HTTPX_MODULES.flatMap((m) => HTTPX_VERBS.map((verb): [string, BlockingApi] => [`${m}.${verb}`, HTTP])),
  ['urllib3.request', HTTP],
  ['socket.create_connection', api('resolves the host name and connects', '`asyncio.open_connection(host, port)`')],
  ['builtins.input', api('waits for the user to type a line', '')],
]);

/** Values whose methods block, told apart by what built them. */
export type BlockingReceiverKind = 'requests-session' | 'httpx-client' | 'urllib3-pool' | 'popen' | 'socket';

/** urllib3's pools and pool managers: every one sends requests through the same methods. */
const URLLIB3_POOLS = [
  'PoolManager', 'ProxyManager', 'HTTPConnectionPool', 'HTTPSConnectionPool', 'connection_from_url', 'proxy_from_url',
  'connectionpool.ConnectionPool', 'connectionpool.HTTPConnectionPool', 'connectionpool.HTTPSConnectionPool', 'connectionpool.connection_from_url',
  'poolmanager.PoolManager', 'poolmanager.ProxyManager', 'poolmanager.proxy_from_url', 'request.RequestMethods', '_request_methods.RequestMethods',
];

/** Constructors (and annotations) that give a value one of the {@link BlockingReceiverKind}s. */
export const BLOCKING_CONSTRUCTORS: ReadonlyMap<string, BlockingReceiverKind> = new Map([
  ['requests.Session', 'requests-session'],
  ['requests.session', 'requests-session'],
  ['requests.sessions.Session', 'requests-session'],
  ...HTTPX_MODULES.map((m): [string, BlockingReceiverKind] => [`${m}.Client`, 'httpx-client']),
  ...URLLIB3_POOLS.map((name): [string, BlockingReceiverKind] => [`urllib3.${name}`, 'urllib3-pool']),
  ['subprocess.Popen', 'popen'],
  ['socket.socket', 'socket'],
  ['socket.create_connection', 'socket'],
]);

const SOCKET = api('waits for the network', '`loop.sock_recv()` / `loop.sock_sendall()` on a non-blocking socket, or the streams of `asyncio.open_connection()`');

/** The blocking methods of each receiver kind. */
export const BLOCKING_METHODS: Readonly<Record<BlockingReceiverKind, ReadonlyMap<string, BlockingApi>>> = {
  'requests-session': new Map([...REQUESTS_VERBS, 'send'].map((verb) => [verb, HTTP])),
  'httpx-client': new Map([...HTTPX_VERBS, 'send'].map((verb) => [verb, HTTP])),
  'urllib3-pool': new Map(URLLIB3_METHODS.map((method) => [method, HTTP])),
  popen: new Map([
    ['wait', CHILD],
    ['communicate', CHILD],
  ]),
  socket: new Map(['recv', 'recv_into', 'recvfrom', 'recvfrom_into', 'send', 'sendall', 'sendto', 'accept', 'connect'].map((m) => [m, SOCKET])),
};

/** The module names the tables above start with: an unbound name spelled like one still means it (see blockingCalls.ts). */
export const BLOCKING_MODULE_ROOTS: ReadonlySet<string> = new Set([...BLOCKING_FUNCTIONS.keys(), ...BLOCKING_CONSTRUCTORS.keys()].map((q) => q.split('.')[0]!).filter((m) => m !== 'builtins'));

/**
 * Receiver kinds whose blocking depends on state set at run time (`sock.setblocking(False)`):
 * only values created in the coroutine itself, whose every use is in sight, are judged.
 */
export const STATEFUL_RECEIVERS: ReadonlySet<BlockingReceiverKind> = new Set(['socket']);
