import type { PyNode } from '../syntax/pyNode';

/** One name an import statement binds. */
export interface ImportedName {
  /** The local name (`aio` in `import asyncio as aio`). */
  readonly name: string;
  /** The identifier that binds it. */
  readonly node: PyNode;
  /**
   * What it refers to, fully qualified: `import asyncio as aio` -> `asyncio`,
   * `from asyncio import sleep` -> `asyncio.sleep`, `import a.b` -> `a` (it binds `a`).
   * Relative imports are resolved against the importing module when its path is known,
   * else keep their leading dots (`.api.fetch`).
   */
  readonly qualified: string;
  /** True for `import x` / `import x as y` (the name is a module). */
  readonly isModuleImport: boolean;
}

/** The names bound by one `import` / `from ... import` statement. */
export function importBindings(stmt: PyNode, modulePath: string | undefined): ImportedName[] {
  const out: ImportedName[] = [];
  if (stmt.type === 'import_statement') {
    for (const item of stmt.childrenIn('name')) {
      if (item.type === 'aliased_import') {
        const dotted = item.child('name');
        const alias = item.child('alias');
        if (dotted && alias) out.push({ name: alias.text, node: alias, qualified: compact(dotted.text), isModuleImport: true });
      } else {
        const first = item.children[0];
        if (first) out.push({ name: first.text, node: first, qualified: first.text, isModuleImport: true });
      }
    }
    return out;
  }
  if (stmt.type !== 'import_from_statement') return out;
  const moduleNode = stmt.child('module_name');
  if (!moduleNode) return out;
  const from = moduleNode.type === 'relative_import' ? resolveRelative(moduleNode, modulePath) : compact(moduleNode.text);
  for (const item of stmt.childrenIn('name')) {
    if (item.type === 'aliased_import') {
      const original = item.child('name');
      const alias = item.child('alias');
      if (original && alias) out.push({ name: alias.text, node: alias, qualified: join(from, compact(original.text)), isModuleImport: false });
    } else {
      const ident = item.children[0];
      if (ident) out.push({ name: item.text, node: ident, qualified: join(from, compact(item.text)), isModuleImport: false });
    }
  }
  return out;
}

/** True for `from x import *`: names may come from `x` that the file never spells out. */
export function isStarImport(stmt: PyNode): boolean {
  return stmt.type === 'import_from_statement' && stmt.children.some((c) => c.type === 'wildcard_import');
}

/**
 * `.api` in module `pkg.service` -> `pkg.api`; `..x` climbs one package more. A package's own
 * `__init__` module is written `pkg.__init__`, so its package is `pkg` like any sibling's.
 * Without a module path, or when climbing above the top, the dots stay.
 */
export function resolveRelative(node: PyNode, modulePath: string | undefined): string {
  const prefix = node.firstOfType('import_prefix');
  const dots = prefix ? prefix.text.replace(/\s/g, '').length : 0;
  const rest = node.firstOfType('dotted_name');
  const tail = rest ? compact(rest.text) : '';
  if (modulePath === undefined) return '.'.repeat(dots) + tail;
  const parts = modulePath.split('.');
  parts.pop();
  for (let i = 1; i < dots; i++) {
    if (parts.length === 0) return '.'.repeat(dots) + tail;
    parts.pop();
  }
  const base = parts.join('.');
  return base && tail ? `${base}.${tail}` : base || tail;
}

/** The module a dotted path names, with a package's `__init__` folded into the package. */
export function canonicalModule(modulePath: string): string {
  return modulePath === '__init__' ? '' : modulePath.endsWith('.__init__') ? modulePath.slice(0, -'.__init__'.length) : modulePath;
}

function join(from: string, name: string): string {
  return from === '' ? name : from.endsWith('.') ? from + name : `${from}.${name}`;
}

/** Dotted names may be written with spaces or line breaks (`a . b`): drop them. */
function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
