import type { FileModel } from './fileModel';
import type { Scope } from './scopes';

/**
 * Where a piece of code runs and which async library it is written for: what the rules about
 * blocking (ACO301, ACO304) and busy waiting (ACO305) need before they give advice.
 */

/** How each async library names its loop and spells the non-blocking sleep, the hand-off to a worker thread and its event. */
export const LIBRARIES = {
  asyncio: { loop: 'asyncio runs every task', sleep: 'asyncio.sleep', thread: 'asyncio.to_thread', event: 'asyncio.Event' },
  trio: { loop: 'Trio runs every task', sleep: 'trio.sleep', thread: 'trio.to_thread.run_sync', event: 'trio.Event' },
  anyio: { loop: 'the event loop runs every task', sleep: 'anyio.sleep', thread: 'anyio.to_thread.run_sync', event: 'anyio.Event' },
  curio: { loop: 'Curio runs every task', sleep: 'curio.sleep', thread: 'curio.run_in_thread', event: 'curio.Event' },
} as const;

export type AsyncLibrary = keyof typeof LIBRARIES;

const OTHER_LIBRARIES: readonly AsyncLibrary[] = ['trio', 'anyio', 'curio'];

/**
 * The async library the file is written for: asyncio, unless it imports trio, anyio or curio
 * (also through a relative import the module path resolves), or is itself part of one of them.
 */
export function asyncLibraryOf(file: FileModel): AsyncLibrary {
  // Once per file, not once per finding (a scan of the module per finding is quadratic).
  return file.memo('asyncLibrary', () => findLibrary(file));
}

function findLibrary(file: FileModel): AsyncLibrary {
  const ownPackage = file.modulePath?.split('.')[0];
  const own = OTHER_LIBRARIES.find((l) => l === ownPackage);
  if (own) return own;
  for (const bindings of file.moduleScope.bindings.values()) {
    for (const b of bindings) {
      const head = b.kind === 'import' ? b.qualified?.split('.')[0] : undefined;
      const library = OTHER_LIBRARIES.find((l) => l === head);
      if (library) return library;
    }
  }
  return file.usesOtherAsyncLibrary ? 'anyio' : 'asyncio';
}

/**
 * The `async def` whose own code runs in `scope`: that function, or a list, set or dict
 * comprehension in it (they run on the spot). Nested `def`s and lambdas run wherever they are
 * called; generator expressions whenever they are consumed; class bodies cannot `await`.
 */
export function runningCoroutine(scope: Scope): Scope | undefined {
  let s: Scope | null = scope;
  while (s?.kind === 'comprehension') {
    if (s.node.type === 'generator_expression') return undefined;
    s = s.parent;
  }
  return s?.kind === 'function' && s.isCoroutine ? s : undefined;
}
