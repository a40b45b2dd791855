/**
 * Stateful resources: objects that run one operation at a time, so two calls sharing one are
 * ordered however independent they look. SQLAlchemy's `AsyncSession` raises "Session is already
 * flushing" when two writes are gathered on it; asyncpg raises "another operation is in progress";
 * a websocket or a stream interleaves frames. Recognised by type (a known class, by annotation or
 * construction) and by the names code conventionally gives them.
 */
import { nameWords } from './callNames';

/** Class names that are stateful resources when they come from one of {@link RESOURCE_PACKAGES}. */
const RESOURCE_CLASSES: ReadonlySet<string> = new Set([
  'AsyncSession', 'AsyncConnection', 'Session', 'Connection', 'Cursor', 'Transaction', 'Pipeline', 'PubSub',
  'WebSocket', 'WebSocketResponse', 'ClientWebSocketResponse', 'WebSocketClientProtocol', 'WebSocketServerProtocol',
  'ClientConnection', 'ServerConnection', 'PoolConnectionProxy', 'AsyncTransaction', 'Channel', 'StreamReader', 'StreamWriter',
  'Queue', 'PriorityQueue', 'LifoQueue', 'Lock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'Process',
]);

/** Packages whose classes of those names are resources (an `httpx` or `aiohttp` client is not: it pools). */
const RESOURCE_PACKAGES: ReadonlySet<string> = new Set([
  'sqlalchemy', 'asyncpg', 'aiosqlite', 'aiomysql', 'aiopg', 'psycopg', 'psycopg_pool', 'redis', 'aioredis', 'websockets',
  'aiohttp', 'starlette', 'fastapi', 'litestar', 'asyncio', 'aio_pika', 'aiormq', 'databases', 'motor', 'aiokafka', 'nats',
]);

/** Names code gives sessions, connections, transactions, cursors, sockets and streams. */
const RESOURCE_WORDS: ReadonlySet<string> = new Set([
  'session', 'conn', 'connection', 'cursor', 'cur', 'tx', 'txn', 'transaction', 'db', 'ws', 'websocket', 'channel', 'chan',
  'writer', 'reader', 'stream', 'sock', 'socket', 'pipe', 'pipeline', 'pubsub', 'queue', 'lock', 'mutex', 'semaphore', 'sem',
  'transport', 'protocol',
]);

/** HTTP client classes: they keep a pool of connections, so independent requests may share one. */
const HTTP_CLIENTS: ReadonlySet<string> = new Set([
  'httpx.AsyncClient', 'aiohttp.ClientSession', 'aiohttp.client.ClientSession', 'httpx._client.AsyncClient',
]);

/** A qualified class name (`sqlalchemy.ext.asyncio.AsyncSession`) that is a stateful resource. */
export function isResourceType(qualified: string): boolean {
  if (HTTP_CLIENTS.has(qualified)) return false;
  const parts = qualified.split('.');
  const cls = parts[parts.length - 1]!;
  return parts.length > 1 && RESOURCE_PACKAGES.has(parts[0]!) && RESOURCE_CLASSES.has(cls);
}

/** A qualified class name of an async HTTP client. */
export function isHttpClientType(qualified: string): boolean {
  return HTTP_CLIENTS.has(qualified);
}

/**
 * A variable or attribute name that conventionally holds a resource: its last word is one
 * (`session`, `db_session`, `_conn`, `self.ws`, `redis_pipeline`), or it is one of the words with a
 * number (`conn2`). `session_id`, `cursor_position` and `lock_timeout` are not.
 */
export function isResourceName(name: string): boolean {
  const words = nameWords(name.replace(/\d+$/, ''));
  const last = words[words.length - 1];
  return last !== undefined && RESOURCE_WORDS.has(last);
}

/** A class whose instances are themselves resources (methods on `self` share it): `class PgConnection(...)`. */
export function isResourceClassName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last !== undefined && ['connection', 'conn', 'session', 'cursor', 'transaction', 'protocol', 'stream', 'websocket', 'channel', 'pipeline', 'reader', 'writer'].includes(last);
}

/**
 * A method that hands out a separate session or connection (`db.session_context()`, `engine.connect()`,
 * `pool.acquire()`): calling it does not tie the caller to the receiver's own operations, unlike
 * `conn.cursor()` or `session.begin()`, which work on the receiver.
 */
export function opensSeparateResource(method: string): boolean {
  return nameWords(method).some((w) => w === 'session' || w === 'connect' || w === 'connection' || w === 'acquire');
}
