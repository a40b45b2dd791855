// What the snippet JSON cannot say about each snippet: where it belongs in a file, which imports
// it expects the file to have already, and the oldest Python it runs on. The tests use it to put
// each snippet in its context before compiling, running and linting it.

/**
 * - `program`: a whole file (imports, main, `asyncio.run`): for a new, empty file.
 * - `module`: definitions (a class, a function) for module level, anywhere in a module.
 * - `async-body`: statements for inside an `async def`, at any indentation.
 */
export type SnippetPlacement = 'program' | 'module' | 'async-body';

export interface SnippetInfo {
  placement: SnippetPlacement;
  /** Modules the snippet uses but does not import (a program imports its own). */
  expectsImports: readonly string[];
  /** Oldest Python 3 minor version the snippet runs on. */
  minPython: `3.${number}`;
}

export const SNIPPET_CATALOG: Readonly<Record<string, SnippetInfo>> = {
  'aio-run': { placement: 'program', expectsImports: [], minPython: '3.7' },
  'aio-gather': { placement: 'async-body', expectsImports: ['asyncio'], minPython: '3.7' },
  'aio-semaphore': { placement: 'module', expectsImports: ['asyncio'], minPython: '3.7' },
  'aio-timeout': { placement: 'async-body', expectsImports: ['asyncio'], minPython: '3.11' },
  'aio-wait-for': { placement: 'async-body', expectsImports: ['asyncio'], minPython: '3.7' },
  'aio-taskgroup': { placement: 'async-body', expectsImports: ['asyncio'], minPython: '3.11' },
  'aio-task': { placement: 'module', expectsImports: ['asyncio'], minPython: '3.9' },
  'aio-context-manager': { placement: 'module', expectsImports: ['asyncio'], minPython: '3.7' },
  'aio-generator': { placement: 'module', expectsImports: ['asyncio'], minPython: '3.7' },
  'aio-queue': { placement: 'program', expectsImports: [], minPython: '3.7' },
  'aio-fetcher': { placement: 'program', expectsImports: [], minPython: '3.9' },
  'aio-timer': { placement: 'module', expectsImports: ['time'], minPython: '3.7' },
  'aio-event': { placement: 'program', expectsImports: [], minPython: '3.7' },
};

/** The Python to compile or analyse a snippet in its context: imports it expects, and an `async def` around statements. */
export function inContext(prefix: string, expanded: string): string {
  const info = SNIPPET_CATALOG[prefix];
  if (!info) throw new Error(`no catalog entry for snippet ${prefix}`);
  const imports = info.expectsImports.map((m) => `import ${m}\n`).join('');
  if (info.placement === 'async-body') {
    const indented = expanded.split('\n').map((line) => (line ? '    ' + line : line)).join('\n');
    return `${imports}\n\nasync def snippet_context():\n${indented}\n`;
  }
  return imports ? `${imports}\n\n${expanded}\n` : expanded;
}
