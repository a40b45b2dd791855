import { unparenthesize } from '../syntax/pyNode';
import { decoratorsOf } from './classes';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';

/**
 * Frameworks that run an `async def` on a worker thread, in an event loop of its own: a blocking
 * call there holds that thread, not the application's loop, so ACO301 and ACO304 stay silent.
 * - Textual: `@work(thread=True)` on the method, or `self.run_worker(self.method, thread=True)`.
 * - mitmproxy: `@concurrent` on an event hook.
 * (`asyncio.to_thread`, `loop.run_in_executor` and `anyio.to_thread.run_sync` take plain functions:
 * a nested `def` or `lambda` handed to them is never checked in the first place.)
 */

/** Decorators that always move the function to a worker thread. */
const THREAD_DECORATORS: ReadonlySet<string> = new Set(['mitmproxy.script.concurrent', 'mitmproxy.script.concurrent.concurrent']);

/** Decorators that do so when called with `thread=True`. */
const THREAD_OPTION_DECORATORS: ReadonlySet<string> = new Set(['textual.work', 'textual.worker.work', 'textual._work_decorator.work']);

/** True when the body of `coroutine` runs on a worker thread (see above). */
export function runsOnWorkerThread(coroutine: Scope, resolver: Resolver): boolean {
  for (const decorator of decoratorsOf(coroutine.node)) {
    const expr = decorator.children[0] ? unparenthesize(decorator.children[0]) : undefined;
    const callee = expr?.type === 'call' ? expr.child('function') : expr;
    const q = callee ? resolver.qualifiedName(callee, coroutine.parent ?? coroutine) : undefined;
    if (!q) continue;
    if (THREAD_DECORATORS.has(q)) return true;
    if (THREAD_OPTION_DECORATORS.has(q) && expr?.type === 'call' && hasThreadTrue(expr.child('arguments')?.text ?? '')) return true;
  }
  const name = coroutine.name;
  return name !== undefined && resolver.file.memo('threadWorkerTargets', () => threadWorkerTargets(resolver.file.source)).has(name);
}

/**
 * The functions the file hands to `run_worker(..., thread=True)` (Textual), by name: `work` for
 * `self.run_worker(self.work, thread=True)`, `self.work()`, `work` or `partial(self.work, x)`.
 * Read from the text, since the call is usually in another method than the worker: the analyzer
 * adds this set to the file's signature, so editing that call re-checks the worker.
 */
export function threadWorkerTargets(source: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (!source.includes('run_worker')) return names;
  for (const match of source.matchAll(/\brun_worker\s*\(/g)) {
    const args = argumentText(source, match.index + match[0].length);
    if (!hasThreadTrue(args)) continue;
    const first = /^\s*(?:work\s*=\s*)?(?:(?:functools\.)?partial\s*\(\s*)?(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*(?:[(),]|$)/.exec(args);
    if (first?.[1]) names.add(first[1]);
  }
  return names;
}

function hasThreadTrue(args: string): boolean {
  return /\bthread\s*=\s*True\b/.test(args);
}

/** The text between the parentheses of a call whose `(` ends at `start` (brackets balanced). */
function argumentText(source: string, start: number): string {
  let depth = 1;
  for (let i = start; i < source.length && i < start + 2000; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0) return source.slice(start, i);
  }
  return '';
}
