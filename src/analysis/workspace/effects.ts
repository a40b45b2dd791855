/**
 * Function summaries and effects: the one place where per-function knowledge lives, as plain data
 * (arrays, strings, booleans) that can be cached per file, sent between threads and, later, kept by a
 * language server's project. Summaries are built from one function's own code (see summarizeFunction.ts);
 * what a call does *transitively* is worked out on demand from the summaries of its callees (see
 * effectResolver.ts), so editing one function re-summarises that function only.
 *
 * Effects name the state they touch with keys:
 * - `l:name.attr.attr`: a variable of the function (a parameter, or for a nested function a variable of the
 *   enclosing one), with up to two attributes: `l:self._cache`, `l:session`, `l:user.id`;
 * - `g:module.name`: a module-level name (`g:pkg.state.CACHE`);
 * - `*`: anything at all (a callback was called: it may do anything).
 * Two keys overlap when one is a prefix of the other (`l:self` overlaps `l:self._cache`).
 */
import type { CallIntent } from '../model/callNames';

/**
 * What a call does to the world outside the program (a database, a server, a file): `none`, only
 * reads it (`read`), changes it (`write`), or does I/O of a kind nothing tells (`unknown`).
 */
export type World = 'none' | 'read' | 'unknown' | 'write';

/** What running some code may touch. Plain data. */
export interface Effects {
  /** Keys read. */
  readonly reads: readonly string[];
  /** Keys certainly or probably written: an assignment, `append`, a method whose name changes state. */
  readonly writes: readonly string[];
  /** Keys handed to a call whose name says nothing: written unless the enclosing function's name says it only reads. */
  readonly mayWrites: readonly string[];
  /** Keys of stateful resources used (sessions, connections, locks, streams). */
  readonly resources: readonly string[];
  readonly world: World;
  /** It waits on I/O (a library awaitable, `asyncio.sleep`, a socket): not pure computation behind `async`. */
  readonly suspends: boolean;
}

/** One call inside a function, as its summary records it: resolved later against the callee's summary. */
export interface CallRef {
  /** Qualified name of the callee (this module or another), when the code names one: `pkg.api.fetch`, `pkg.api.Client.get`. */
  readonly target?: string;
  /** The call is awaited (its effects happen before the next statement, and it suspends). */
  readonly awaited: boolean;
  /** Keys bound to the callee's first parameter (`self`), for a method called on an object. */
  readonly self?: readonly string[];
  /** Keys of each positional argument (empty for a literal or a fresh value). */
  readonly args: readonly (readonly string[])[];
  readonly keywords: readonly (readonly [string, readonly string[]])[];
  /** `*args`/`**kwargs` at the call: any parameter may receive any of the keys passed. */
  readonly spread: boolean;
  /**
   * Made in an `except` handler: it runs only when something failed (a retry, a resync, a cleanup), so
   * what it changes counts as unknown, settled by the enclosing function's name like any unknown.
   */
  readonly recovery?: true;
  /** What the call does when the target has no summary (a library, a builtin): from known APIs and its name. */
  readonly fallback: Effects;
}

/** A function's own code, summarised. */
export interface FunctionSummary {
  /** Parameter names in order; `*args` and `**kwargs` keep their stars. */
  readonly params: readonly string[];
  /** Parameters holding stateful resources (by annotation or name). */
  readonly resourceParams: readonly string[];
  /** An `async def` that stays a coroutine function. */
  readonly coroutine: boolean;
  /** What the function's name says: it settles the unknown effects of its body (see {@link Effects.mayWrites}). */
  readonly intent: CallIntent;
  /** The body's own effects, without those of the calls it makes. */
  readonly direct: Effects;
  readonly calls: readonly CallRef[];
}

export const NO_EFFECTS: Effects = Object.freeze({ reads: [], writes: [], mayWrites: [], resources: [], world: 'none', suspends: false });

/** Anything may happen: a callback called, a cycle between summaries. */
export const ANY_EFFECTS: Effects = Object.freeze({ reads: ['*'], writes: ['*'], mayWrites: [], resources: [], world: 'unknown', suspends: true });

const WORLD_ORDER: readonly World[] = ['none', 'read', 'unknown', 'write'];

/** The stronger of two world effects (`write` > `unknown` > `read` > `none`). */
export function worldJoin(a: World, b: World): World {
  return WORLD_ORDER.indexOf(a) >= WORLD_ORDER.indexOf(b) ? a : b;
}

/** A mutable union of effects. */
export class EffectSet {
  readonly reads = new Set<string>();
  readonly writes = new Set<string>();
  readonly mayWrites = new Set<string>();
  readonly resources = new Set<string>();
  world: World = 'none';
  suspends = false;

  add(e: Effects): this {
    for (const k of e.reads) this.reads.add(k);
    for (const k of e.writes) this.writes.add(k);
    for (const k of e.mayWrites) this.mayWrites.add(k);
    for (const k of e.resources) this.resources.add(k);
    this.world = worldJoin(this.world, e.world);
    this.suspends ||= e.suspends;
    return this;
  }

  freeze(): Effects {
    return { reads: [...this.reads], writes: [...this.writes], mayWrites: [...this.mayWrites], resources: [...this.resources], world: this.world, suspends: this.suspends };
  }
}

/** True when the keys name overlapping state: equal, one a prefix of the other at a `.`, or `*`. */
export function keysOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  return a.length < b.length ? b.startsWith(a) && b[a.length] === '.' : a.startsWith(b) && a[b.length] === '.';
}

/** True when some key of `a` overlaps some key of `b`. */
export function anyOverlap(a: Iterable<string>, b: Iterable<string>): boolean {
  const bs = [...b];
  if (bs.length === 0) return false;
  for (const x of a) for (const y of bs) if (keysOverlap(x, y)) return true;
  return false;
}

/** The variable or module name a key starts from: `l:self._cache` -> `l:self`. */
export function keyRoot(key: string): string {
  const dot = key.indexOf('.', 2);
  return key.startsWith('g:') || dot === -1 ? key : key.slice(0, dot);
}

/** A key for a variable and an attribute path, keeping at most two attributes. */
export function localKey(name: string, path: readonly string[] = []): string {
  return ['l:' + name, ...path.slice(0, 2)].join('.');
}

/** `key` with more attributes, still capped at two below a variable. */
export function extendKey(key: string, path: readonly string[]): string {
  if (key === '*' || path.length === 0) return key;
  const parts = key.split('.');
  const limit = key.startsWith('g:') ? parts.length + path.length : 3;
  return [...parts, ...path].slice(0, Math.max(parts.length, limit)).join('.');
}

/** Effects of error-handling code: its certain changes become possible ones (see {@link CallRef.recovery}). */
export function asRecovery(e: Effects): Effects {
  if (e.writes.length === 0 && e.world !== 'write') return e;
  return { ...e, writes: [], mayWrites: [...e.mayWrites, ...e.writes], world: e.world === 'write' ? 'unknown' : e.world };
}
