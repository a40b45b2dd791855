import type { Node } from 'web-tree-sitter';

/**
 * Local name -> fully qualified name, from the file's import statements:
 * `import asyncio as aio` gives `aio -> asyncio`, `from asyncio import run` gives `run -> asyncio.run`,
 * `import a.b` binds `a -> a`. Relative imports keep their leading dots (`.api.fetch`).
 */
export type ImportTable = ReadonlyMap<string, string>;

/** Collects every import statement of the file (module level and nested). */
export function collectImports(root: Node): ImportTable {
  const table = new Map<string, string>();
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      for (const name of stmt.childrenForFieldName('name')) {
        if (name.type === 'aliased_import') {
          const dotted = name.childForFieldName('name');
          const alias = name.childForFieldName('alias');
          if (dotted && alias) table.set(alias.text, dotted.text);
        } else {
          const first = name.text.split('.')[0] ?? name.text;
          table.set(first, first);
        }
      }
    } else {
      const module = stmt.childForFieldName('module_name');
      if (!module) continue;
      for (const name of stmt.childrenForFieldName('name')) {
        if (name.type === 'aliased_import') {
          const original = name.childForFieldName('name');
          const alias = name.childForFieldName('alias');
          if (original && alias) table.set(alias.text, joinModule(module.text, original.text));
        } else {
          table.set(name.text, joinModule(module.text, name.text));
        }
      }
    }
  }
  return table;
}

function joinModule(module: string, name: string): string {
  return module.endsWith('.') ? module + name : `${module}.${name}`;
}

/**
 * The qualified name an expression refers to through the imports (`aio.run` -> `asyncio.run`),
 * or undefined when its root is not an imported name.
 */
export function qualifiedName(expr: Node | null, imports: ImportTable): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'identifier') return imports.get(expr.text);
  if (expr.type === 'attribute') {
    const base = qualifiedName(expr.childForFieldName('object'), imports);
    const attr = expr.childForFieldName('attribute');
    return base && attr ? `${base}.${attr.text}` : undefined;
  }
  return undefined;
}
