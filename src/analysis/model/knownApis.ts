/**
 * What the analysis knows about libraries without reading them: asyncio's coroutine functions and
 * task factories, and the types whose methods return coroutines. Keys are fully qualified names.
 */

/** asyncio functions that return a coroutine (calling one without `await` runs nothing). */
export const ASYNCIO_COROUTINE_FUNCTIONS: ReadonlySet<string> = new Set([
  'asyncio.sleep', 'asyncio.wait_for', 'asyncio.wait', 'asyncio.to_thread',
  'asyncio.open_connection', 'asyncio.start_server', 'asyncio.open_unix_connection', 'asyncio.start_unix_server',
  'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell',
]);

/** asyncio functions that schedule a new task and return it. */
export const ASYNCIO_TASK_FACTORIES: ReadonlySet<string> = new Set(['asyncio.create_task', 'asyncio.ensure_future']);

/** asyncio functions that return an already scheduled future (dropping it loses no work). */
export const ASYNCIO_FUTURE_FUNCTIONS: ReadonlySet<string> = new Set([
  'asyncio.gather', 'asyncio.shield', 'asyncio.wrap_future', 'asyncio.run_coroutine_threadsafe', 'asyncio.create_task', 'asyncio.ensure_future',
]);

/** Functions that hand back an event loop. */
export const LOOP_GETTERS: ReadonlySet<string> = new Set(['asyncio.get_event_loop', 'asyncio.get_running_loop', 'asyncio.new_event_loop']);

/** Libraries with their own structured concurrency: `asyncio.gather` is not the fix there. */
export const OTHER_ASYNC_LIBRARIES: ReadonlySet<string> = new Set(['trio', 'anyio', 'curio']);

/** asyncio's submodules: `asyncio.tasks.sleep` is `asyncio.sleep`. */
const ASYNCIO_SUBMODULES = new Set([
  'tasks', 'streams', 'subprocess', 'locks', 'queues', 'events', 'runners', 'threads', 'timeouts', 'taskgroups', 'futures', 'base_events',
]);

export type KnownTypeKind = 'queue' | 'lock' | 'semaphore' | 'event' | 'condition' | 'barrier' | 'stream' | 'taskgroup' | 'process' | 'http-client' | 'loop';

export interface KnownType {
  readonly kind: KnownTypeKind;
  /** Display name, e.g. `asyncio.Queue`. */
  readonly name: string;
  /** Methods that return a coroutine (or an awaitable that does nothing until awaited). */
  readonly coroutineMethods: ReadonlySet<string>;
}

/** HTTP verbs of async HTTP clients: independent requests may run concurrently on one client. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/** The HTTP methods the HTTP specification defines as safe: they only read. */
export const SAFE_HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'options']);

const known = (kind: KnownTypeKind, name: string, methods: string[]): KnownType => ({ kind, name, coroutineMethods: new Set(methods) });

const QUEUE = ['put', 'get', 'join'];
const HTTP = [...HTTP_METHODS, 'send', 'aclose', 'close', 'ws_connect'];
const LOOP = [
  'sock_recv', 'sock_recv_into', 'sock_recvfrom', 'sock_sendall', 'sock_sendto', 'sock_connect', 'sock_accept', 'sock_sendfile',
  'getaddrinfo', 'getnameinfo', 'create_connection', 'create_server', 'create_datagram_endpoint', 'create_unix_connection',
  'create_unix_server', 'connect_read_pipe', 'connect_write_pipe', 'connect_accepted_socket', 'subprocess_exec', 'subprocess_shell',
  'shutdown_asyncgens', 'shutdown_default_executor', 'sendfile', 'start_tls',
];

/** Constructors (and annotations) that give a local a known type. */
export const KNOWN_TYPES: ReadonlyMap<string, KnownType> = new Map([
  ['asyncio.Queue', known('queue', 'asyncio.Queue', QUEUE)],
  ['asyncio.PriorityQueue', known('queue', 'asyncio.PriorityQueue', QUEUE)],
  ['asyncio.LifoQueue', known('queue', 'asyncio.LifoQueue', QUEUE)],
  ['asyncio.Lock', known('lock', 'asyncio.Lock', ['acquire'])],
  ['asyncio.Semaphore', known('semaphore', 'asyncio.Semaphore', ['acquire'])],
  ['asyncio.BoundedSemaphore', known('semaphore', 'asyncio.BoundedSemaphore', ['acquire'])],
  ['asyncio.Event', known('event', 'asyncio.Event', ['wait'])],
  ['asyncio.Condition', known('condition', 'asyncio.Condition', ['acquire', 'wait', 'wait_for'])],
  ['asyncio.Barrier', known('barrier', 'asyncio.Barrier', ['wait', 'reset', 'abort'])],
  ['asyncio.StreamReader', known('stream', 'asyncio.StreamReader', ['read', 'readline', 'readexactly', 'readuntil'])],
  ['asyncio.StreamWriter', known('stream', 'asyncio.StreamWriter', ['drain', 'wait_closed', 'start_tls'])],
  ['asyncio.TaskGroup', known('taskgroup', 'asyncio.TaskGroup', [])],
  ['asyncio.subprocess.Process', known('process', 'asyncio.subprocess.Process', ['wait', 'communicate'])],
  ['asyncio.AbstractEventLoop', known('loop', 'asyncio event loop', LOOP)],
  ['httpx.AsyncClient', known('http-client', 'httpx.AsyncClient', HTTP)],
  ['aiohttp.ClientSession', known('http-client', 'aiohttp.ClientSession', HTTP)],
]);

/** The event loop type, for values from `asyncio.get_running_loop()` and friends. */
export const LOOP_TYPE: KnownType = KNOWN_TYPES.get('asyncio.AbstractEventLoop')!;

/** Kinds whose methods are synchronisation: their order is the point, so they never run concurrently. */
export const SYNCHRONISATION_KINDS: ReadonlySet<KnownTypeKind> = new Set(['queue', 'lock', 'semaphore', 'event', 'condition', 'barrier']);

/** Folds asyncio's submodules into the package: `asyncio.tasks.sleep` -> `asyncio.sleep`. */
export function normalizeQualified(qualified: string): string {
  const parts = qualified.split('.');
  if (parts[0] === 'asyncio' && parts.length === 3 && ASYNCIO_SUBMODULES.has(parts[1]!)) {
    if (parts[1] === 'subprocess' && parts[2] === 'Process') return qualified;
    return `asyncio.${parts[2]}`;
  }
  if (qualified === 'asyncio.Process') return 'asyncio.subprocess.Process';
  return qualified;
}

/** Known decorators that leave an `async def` a coroutine function. Others may turn it into anything. */
export const TRANSPARENT_DECORATORS: ReadonlySet<string> = new Set([
  'staticmethod', 'classmethod', 'abstractmethod', 'abc.abstractmethod', 'override', 'typing.override', 'typing_extensions.override',
  'overload', 'typing.overload', 'wraps', 'functools.wraps', 'final', 'typing.final',
]);
