/**
 * What a function's or method's name says it does. Real code bottoms out in library calls whose
 * effects no summary can see (`session.execute`, `client.send`), so the concurrency rules read the
 * name the author chose, as a reviewer does: `read_flows`, `get_user`, `count_runs` ask; `create_flow`,
 * `delete_children`, `save` change something; `frobnicate` says nothing. Evidence in the code (a
 * summary that shows a write) always wins over a name.
 */

/** `query`: asks without changing anything; `mutate`: changes state; `unknown`: the name does not say. */
export type CallIntent = 'query' | 'mutate' | 'unknown';

/** Words that name a read (command-query separation: a query returns data and changes nothing). */
const QUERY_WORDS: ReadonlySet<string> = new Set([
  'get', 'read', 'fetch', 'list', 'count', 'find', 'search', 'query', 'lookup', 'describe', 'retrieve', 'exists', 'exist',
  'has', 'is', 'check', 'head', 'options', 'scan', 'stat', 'select', 'show', 'inspect', 'resolve', 'load', 'validate', 'verify',
  'info', 'status', 'health', 'ping', 'estimate', 'preview', 'peek', 'browse', 'filter', 'aggregate', 'sum', 'compare',
]);

/** Words that name a change of some state (a collection, a server, a stream, a lock). */
const MUTATE_WORDS: ReadonlySet<string> = new Set([
  'set', 'put', 'post', 'patch', 'delete', 'del', 'remove', 'rm', 'add', 'append', 'extend', 'insert', 'update', 'upsert',
  'create', 'save', 'store', 'write', 'send', 'sendall', 'publish', 'push', 'pop', 'popleft', 'clear', 'reset', 'close',
  'aclose', 'shutdown', 'start', 'stop', 'commit', 'rollback', 'flush', 'register', 'unregister', 'subscribe', 'unsubscribe',
  'ack', 'nack', 'cancel', 'acquire', 'release', 'lock', 'unlock', 'mark', 'incr', 'increment', 'incrby', 'decr', 'decrement',
  'replace', 'move', 'rename', 'upload', 'emit', 'notify', 'fire', 'enqueue', 'dequeue', 'consume', 'receive', 'recv',
  'drain', 'kill', 'terminate', 'spawn', 'schedule', 'assign', 'claim', 'lease', 'renew', 'expire', 'invalidate', 'evict',
  'purge', 'truncate', 'drop', 'destroy', 'dispose', 'install', 'uninstall', 'deploy', 'apply', 'transfer', 'approve',
  'reject', 'login', 'logout', 'refresh', 'sync', 'migrate', 'seed', 'reserve', 'buy', 'sell', 'withdraw', 'deposit',
  'persist', 'record', 'track', 'bump', 'touch', 'toggle', 'enable', 'disable', 'activate', 'deactivate', 'archive',
  'restore', 'revoke', 'grant', 'invite', 'ban', 'kick', 'pin', 'unpin', 'edit', 'modify', 'change', 'alter', 'merge',
  'attach', 'detach', 'connect', 'disconnect', 'bind', 'unbind', 'leave', 'reply', 'forward', 'broadcast',
  'dispatch', 'trigger', 'init', 'initialize', 'initialise', 'setup', 'teardown', 'cleanup', 'prune', 'rotate', 'resume',
  'pause', 'retry', 'abort', 'wipe', 'erase', 'overwrite', 'mutate', 'discard', 'feed', 'handshake', 'authenticate', 'auth',
  'provision', 'allocate', 'place', 'finish', 'finalize', 'finalise', 'confirm', 'accept', 'pay', 'charge',
  'mint', 'burn', 'stake', 'vote',
]);

/** Words of a factory: the call hands back a new object of its own (a session, a cursor, a connection). */
const FRESH_WORDS: ReadonlySet<string> = new Set([
  'session', 'context', 'connect', 'connection', 'cursor', 'transaction', 'begin', 'acquire', 'open', 'create', 'new',
  'make', 'build', 'copy', 'clone', 'pipeline', 'client', 'spawn',
]);

/** The words of a snake_case or camelCase name, lower-cased: `_api_get` -> api, get; `getUser` -> get, user. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter((w) => w !== '');
}

/**
 * The intent a callable's name states: its first word that is a verb decides (`get_mark_price` asks,
 * `post_order` changes, `_api_get` asks), and a changing verb joined by `and`/`or` wins
 * (`get_or_create`, `fetch_and_lock`). Names with no verb (`frobnicate`, `execute`) say nothing.
 */
export function callIntent(name: string): CallIntent {
  const words = nameWords(name);
  let intent: CallIntent = 'unknown';
  for (const [i, w] of words.entries()) {
    const joined = i > 0 && (words[i - 1] === 'and' || words[i - 1] === 'or');
    if (MUTATE_WORDS.has(w) && (intent === 'unknown' || joined)) return 'mutate';
    if (QUERY_WORDS.has(w) && intent === 'unknown') intent = 'query';
  }
  return intent;
}

/** The call hands back a new object of its own: `db.session_context()`, `pool.acquire()`, `conn.cursor()`. */
export function returnsFreshObject(name: string): boolean {
  return nameWords(name).some((w) => FRESH_WORDS.has(w));
}

/** Calls that only compute or report (builtins, logging, formatting): no effect worth ordering. */
const HARMLESS_FUNCTIONS: ReadonlySet<string> = new Set([
  'len', 'str', 'int', 'float', 'bool', 'bytes', 'repr', 'format', 'isinstance', 'issubclass', 'hasattr', 'getattr', 'id',
  'hash', 'type', 'min', 'max', 'sum', 'abs', 'round', 'sorted', 'reversed', 'enumerate', 'zip', 'range', 'list', 'dict',
  'set', 'tuple', 'frozenset', 'iter', 'map', 'filter', 'any', 'all', 'print', 'divmod', 'ord', 'chr', 'callable', 'super',
  'vars', 'dir', 'object',
]);

/** Logging methods: writing a log line orders nothing another call reads. */
const LOG_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'fatal']);

/** A call that neither changes state nor waits: builtins, logging calls, `print`. */
export function isHarmlessCall(calleeName: string, isMethod: boolean, receiverText: string | undefined): boolean {
  if (!isMethod) return HARMLESS_FUNCTIONS.has(calleeName);
  return LOG_METHODS.has(calleeName) && receiverText !== undefined && /log/i.test(receiverText);
}
