import { unparenthesize, type PyNode } from '../syntax/pyNode';
import type { FileModel } from './fileModel';
import type { Resolver } from './resolver';
import type { Scope } from './scopes';

/** Builtins the blocking rules look for: `input()` waits for the user, `open()` for the disk. */
const BUILTINS: ReadonlySet<string> = new Set(['input', 'open']);

/** How many `a = b` hops an alias may take (`sleep = time.sleep`; `nap = sleep`). */
const MAX_ALIAS_DEPTH = 3;

/**
 * The qualified name an expression stands for, as the blocking rules need it: through imports
 * (`from time import sleep`), through names assigned a dotted name in every one of their bindings
 * (`input_func = input`, `sleep = time.sleep`), for builtins no binding hides (`input` ->
 * `builtins.input`), and for an unbound name spelled like one of `modules` (`httpx.get(...)` typed
 * before `import httpx`: a name bound nowhere can only be that module or a NameError). Undefined
 * when any binding is something else, or a `from x import *` may bind the name.
 */
export function knownName(expr: PyNode, scope: Scope, resolver: Resolver, modules: ReadonlySet<string>, depth = 0): string | undefined {
  const e = unparenthesize(expr);
  const imported = resolver.qualifiedName(e, scope);
  if (imported) return imported;
  if (e.type === 'attribute') {
    const object = e.child('object');
    const attribute = e.child('attribute')?.text;
    const base = object && attribute ? knownName(object, scope, resolver, modules, depth) : undefined;
    return base ? `${base}.${attribute}` : undefined;
  }
  if (e.type !== 'identifier') return undefined;
  const found = resolver.bindingsAt(e.text, scope);
  if (!found) return unboundName(e.text, resolver.file, modules);
  if (depth >= MAX_ALIAS_DEPTH || found.bindings.length === 0) return undefined;
  let name: string | undefined;
  for (const b of found.bindings) {
    const value = b.kind === 'assignment' && b.value ? unparenthesize(b.value) : undefined;
    if (value?.type !== 'identifier' && value?.type !== 'attribute') return undefined;
    const target = knownName(value, found.scope, resolver, modules, depth + 1);
    if (!target || (name !== undefined && target !== name)) return undefined;
    name = target;
  }
  return name;
}

function unboundName(name: string, file: FileModel, modules: ReadonlySet<string>): string | undefined {
  if (file.hasStarImport) return undefined;
  if (BUILTINS.has(name)) return `builtins.${name}`;
  return modules.has(name) ? name : undefined;
}
