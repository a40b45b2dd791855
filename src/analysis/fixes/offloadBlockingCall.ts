import type { FileModel } from '../model/fileModel';
import type { Scope } from '../model/scopes';
import { isAtLeast, type PythonVersion } from '../pythonVersion';
import { valueParent, type PyNode } from '../syntax/pyNode';
import type { Fix, TextEdit } from '../types';
import { asyncioModule, replaceSpan } from './edits';

/**
 * Quick fixes that take a blocking call off the event loop, for ACO301. Both insert `await`, so
 * they are only offered for calls that run directly in an `async def` (the rule makes sure).
 */

/** `time.sleep(x)` -> `await asyncio.sleep(x)`, keeping the arguments as written. */
export function awaitAsyncioSleepFix(file: FileModel, call: PyNode, coroutine: Scope): Fix | undefined {
  const args = call.child('arguments');
  const asyncio = asyncioSpelling(file, coroutine);
  if (!args || !asyncio) return undefined;
  const replacement = `${asyncio.name}.sleep${args.text}`;
  return {
    title: `Replace with \`await ${asyncio.name}.sleep${shorten(args.text)}\``,
    edits: [...asyncio.edits, awaitedReplacement(file, call, replacement)],
    // Other tasks now run while this one waits: usually the point, but it is a change of timing.
    applicability: 'unsafe',
  };
}

/**
 * `fn(a, k=b)` -> `await asyncio.to_thread(fn, a, k=b)` (Python 3.9+); before 3.9, without keyword
 * arguments, `await asyncio.get_running_loop().run_in_executor(None, fn, a)`.
 */
export function toThreadFix(file: FileModel, call: PyNode, coroutine: Scope, target: PythonVersion): Fix | undefined {
  const callee = call.child('function');
  const args = call.child('arguments');
  const asyncio = asyncioSpelling(file, coroutine);
  if (!callee || !args || !asyncio) return undefined;
  // `f(x for x in xs)`: the generator keeps its own parentheses as one argument.
  const inner = args.type === 'generator_expression' ? args.text : args.text.slice(1, -1);
  const rest = inner.trim() === '' ? '' : `, ${inner}`;
  let replacement: string;
  let shown: string;
  const fn = compact(callee.text).length <= 40 ? compact(callee.text) : '...';
  if (isAtLeast(target, 3, 9)) {
    replacement = `${asyncio.name}.to_thread(${callee.text}${rest})`;
    shown = `${asyncio.name}.to_thread(${fn}${rest === '' ? '' : ', ...'})`;
  } else if (isAtLeast(target, 3, 7) && !args.children.some((c) => c.type === 'keyword_argument' || c.type === 'dictionary_splat')) {
    replacement = `${asyncio.name}.get_running_loop().run_in_executor(None, ${callee.text}${rest})`;
    shown = `${asyncio.name}.get_running_loop().run_in_executor(None, ${fn}${rest === '' ? '' : ', ...'})`;
  } else {
    return undefined;
  }
  return {
    title: `Run it in a worker thread: \`await ${shown}\``,
    edits: [...asyncio.edits, awaitedReplacement(file, call, replacement)],
    // Other tasks now run while this one waits: usually the point, but it is a change of timing.
    applicability: 'unsafe',
  };
}

/**
 * Replaces `call` with `await <replacement>`, parenthesised where the result is used as a primary
 * (`(await x).json()`, `(await x)[0]`); a call that is already awaited keeps its single `await`.
 */
function awaitedReplacement(file: FileModel, call: PyNode, replacement: string): TextEdit {
  const { parent, child } = valueParent(call);
  if (parent?.type === 'await') return replaceSpan(file, call.startIndex, call.endIndex, replacement);
  const isPrimary =
    child === call &&
    parent !== null &&
    ((parent.type === 'attribute' && parent.child('object') === call) ||
      (parent.type === 'subscript' && parent.child('value') === call) ||
      (parent.type === 'call' && parent.child('function') === call));
  const awaited = `await ${replacement}`;
  return replaceSpan(file, call.startIndex, call.endIndex, isPrimary ? `(${awaited})` : awaited);
}

/** How the coroutine can spell `asyncio`; undefined when a local name hides the module import. */
function asyncioSpelling(file: FileModel, coroutine: Scope): { name: string; edits: TextEdit[] } | undefined {
  const spelling = asyncioModule(file);
  const owner = coroutine.resolve(spelling.name);
  if (owner && owner !== file.moduleScope) return undefined;
  return spelling;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

function shorten(args: string): string {
  const flat = args.replace(/\s+/g, ' ');
  return flat.length > 30 ? '(...)' : flat;
}
