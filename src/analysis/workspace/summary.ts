import type { FileModel } from '../model/fileModel';
import { normalizeQualified } from '../model/knownApis';
import type { Resolver } from '../model/resolver';
import type { Binding } from '../model/scopes';
import { unparenthesize } from '../syntax/pyNode';
import { declaredTypes } from './declaredTypes';
import type { FunctionSummary } from './effects';
import type { FileSummaries } from './fileSummaries';
import type { ModuleSummary, SymbolKind } from './workspaceIndex';

/**
 * What other files need from this one: each module-level name as `async` (calling it creates a
 * coroutine: a coroutine function, or a coroutine factory),
 * `sync` (anything else) or `ambiguous` (bound both ways); imported names as re-exports; the
 * methods and base classes of top-level classes; and the summary of every coroutine function and
 * method (see effects.ts), which reads their bodies.
 */
export function summarizeModule(file: FileModel, resolver: Resolver, summaries: FileSummaries): ModuleSummary {
  const names = new Map<string, SymbolKind>();
  const reexports = new Map<string, string>();
  const classes = new Map<string, Map<string, SymbolKind>>();
  const classBases = new Map<string, string[]>();
  const functions = new Map<string, FunctionSummary>();
  const summarize = (qualname: string): void => {
    const summary = summaries.local(qualname);
    if (summary) functions.set(qualname, summary);
  };
  for (const [name, bindings] of file.moduleScope.bindings) {
    const imports = bindings.filter((b) => b.kind === 'import');
    if (imports.length === bindings.length) {
      const target = imports[0]?.qualified;
      if (target && !target.startsWith('.') && imports.every((b) => b.qualified === target)) reexports.set(name, target);
      continue;
    }
    names.set(name, kindOf(bindings.map((b) => (makesCoroutine(b, resolver) ? 'async' : 'sync'))));
    const only = bindings.length === 1 ? bindings[0] : undefined;
    if (only && isCoroutineBinding(only, resolver)) summarize(name);
    if (only?.kind === 'class') {
      const info = resolver.types.classOf(only.node);
      const methods = new Map<string, SymbolKind>();
      for (const [method, defs] of info.methods) {
        if (info.otherNames.has(method)) methods.set(method, 'ambiguous');
        else methods.set(method, kindOf(defs.map((d) => (resolver.makesCoroutine(d.node) ? 'async' : 'sync'))));
        if (defs.length === 1 && methods.get(method) === 'async') summarize(`${name}.${method}`);
      }
      classes.set(name, methods);
      const bases: string[] = [];
      for (const base of info.bases) {
        const b = unparenthesize(base);
        const q = resolver.qualifiedName(b, file.moduleScope);
        if (q) bases.push(normalizeQualified(q));
        else if (b.type === 'identifier' && file.moduleScope.bindingsOf(b.text).some((x) => x.kind === 'class')) bases.push(`${summaries.facts.ownModule}.${b.text}`);
      }
      if (bases.length > 0) classBases.set(name, bases);
    }
  }
  return { names, reexports, classes, classBases, functions, declared: declaredTypes(file, resolver) };
}

function isCoroutineBinding(b: Binding, resolver: Resolver): boolean {
  return b.kind === 'async-def' && resolver.isCoroutineFunction(b.node);
}

/** Calling the name creates a coroutine: an `async def`, or a `def` that returns one on every path. */
function makesCoroutine(b: Binding, resolver: Resolver): boolean {
  return isCoroutineBinding(b, resolver) || (b.kind === 'def' && resolver.isCoroutineFactory(b.node));
}

function kindOf(kinds: readonly ('async' | 'sync')[]): SymbolKind {
  if (kinds.every((k) => k === 'async')) return 'async';
  if (kinds.every((k) => k === 'sync')) return 'sync';
  return 'ambiguous';
}
