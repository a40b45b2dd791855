import type { FileModel } from '../model/fileModel';
import type { Resolver } from '../model/resolver';
import type { TypeFact } from '../model/typeFacts';

/**
 * The declared types other modules read from this one (see `ModuleSummary.declared`): module-level
 * instances, what module-level functions and top-level classes' methods return (awaited, for an
 * `async def`), and the attributes and properties of top-level classes' instances. Reads every
 * method of a class (for `self.x = ...` anywhere), so it runs once per file version.
 */
export function declaredTypes(file: FileModel, resolver: Resolver): Map<string, string> {
  resolver.referUnread = true;
  resolver.types.forgetMembers();
  try {
    return collect(file, resolver);
  } finally {
    resolver.referUnread = false;
  }
}

function collect(file: FileModel, resolver: Resolver): Map<string, string> {
  const types = resolver.types;
  const out = new Map<string, string>();
  const put = (key: string, fact: TypeFact | undefined): void => {
    const q = types.qualifiedOf(fact);
    if (q) out.set(key, q);
  };
  for (const [name, bindings] of file.moduleScope.bindings) {
    const only = bindings.length === 1 ? bindings[0]! : undefined;
    if (!only) continue;
    if (only.kind === 'assignment' || only.kind === 'annotation') put(name, types.bindingType(only, file.moduleScope));
    else if (only.kind === 'def' || only.kind === 'async-def') put(`${only.kind === 'async-def' ? 'await ' : ''}${name}()`, types.returnOf(only.node, only.kind === 'async-def'));
    else if (only.kind === 'class') {
      const cls = types.classOf(only.node);
      put(`${name}()`, { kind: 'class', cls });
      const attributes = new Set<string>();
      const classScope = file.scopeFor(cls.node);
      for (const attr of classScope?.bindings.keys() ?? []) attributes.add(attr);
      for (const [method, defs] of cls.methods) {
        if (defs.length !== 1) continue;
        const def = defs[0]!.node;
        put(`${def.isAsync ? 'await ' : ''}${name}.${method}()`, types.returnOf(def, def.isAsync));
        file.complete(def);
        for (const store of file.scopeFor(def)?.attributeStores ?? []) {
          const attr = store.target.child('attribute')?.text;
          if (attr) attributes.add(attr);
        }
      }
      for (const attr of [...attributes, ...cls.methods.keys()]) put(`${name}.${attr}`, types.classMember(cls, attr, 0));
    }
  }
  return out;
}
