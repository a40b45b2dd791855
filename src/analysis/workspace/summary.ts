import type { FileModel } from '../model/fileModel';
import type { Resolver } from '../model/resolver';
import type { Binding } from '../model/scopes';
import type { ModuleSummary, SymbolKind } from './workspaceIndex';

/**
 * What other files need from this one: each module-level name as `async` (a coroutine function),
 * `sync` (anything else) or `ambiguous` (bound both ways); imported names as re-exports; and
 * the methods of top-level classes. Reads only the module level: cheap, no function bodies.
 */
export function summarizeModule(file: FileModel, resolver: Resolver): ModuleSummary {
  const names = new Map<string, SymbolKind>();
  const reexports = new Map<string, string>();
  const classes = new Map<string, Map<string, SymbolKind>>();
  for (const [name, bindings] of file.moduleScope.bindings) {
    const imports = bindings.filter((b) => b.kind === 'import');
    if (imports.length === bindings.length) {
      const target = imports[0]?.qualified;
      if (target && !target.startsWith('.') && imports.every((b) => b.qualified === target)) reexports.set(name, target);
      continue;
    }
    names.set(name, kindOf(bindings.map((b) => (isCoroutineBinding(b, resolver) ? 'async' : 'sync'))));
    const only = bindings.length === 1 ? bindings[0] : undefined;
    if (only?.kind === 'class') {
      const info = resolver.types.classOf(only.node);
      const methods = new Map<string, SymbolKind>();
      for (const [method, defs] of info.methods) {
        if (info.otherNames.has(method)) methods.set(method, 'ambiguous');
        else methods.set(method, kindOf(defs.map((d) => (resolver.isCoroutineFunction(d.node) ? 'async' : 'sync'))));
      }
      classes.set(name, methods);
    }
  }
  return { names, reexports, classes };
}

function isCoroutineBinding(b: Binding, resolver: Resolver): boolean {
  return b.kind === 'async-def' && resolver.isCoroutineFunction(b.node);
}

function kindOf(kinds: readonly ('async' | 'sync')[]): SymbolKind {
  if (kinds.every((k) => k === 'async')) return 'async';
  if (kinds.every((k) => k === 'sync')) return 'sync';
  return 'ambiguous';
}
