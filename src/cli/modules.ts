import { existsSync } from 'node:fs';
import path from 'node:path';
import { modulePathFromRelative } from '../analysis/workspace/workspaceIndex';

/**
 * The dotted module paths under which a file can be imported: from the top of its package (the
 * folders above it that hold an `__init__.py`), and relative to each directory given on the
 * command line (namespace packages and `src/` layouts have no `__init__.py` to follow).
 */
export class ModulePaths {
  private readonly packageDirs = new Map<string, boolean>();

  constructor(private readonly roots: readonly string[]) {}

  of(file: string): string[] {
    const absolute = path.resolve(file);
    const out = new Set<string>();
    let dir = path.dirname(absolute);
    const parts = [path.basename(absolute)];
    while (this.isPackage(dir)) {
      parts.unshift(path.basename(dir));
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    const fromPackage = modulePathFromRelative(parts.join('/'));
    if (fromPackage) out.add(fromPackage);
    for (const root of this.roots) {
      const relative = path.relative(path.resolve(root), absolute);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const fromRoot = modulePathFromRelative(relative);
      if (fromRoot) out.add(fromRoot);
    }
    return [...out];
  }

  private isPackage(dir: string): boolean {
    let known = this.packageDirs.get(dir);
    if (known === undefined) {
      known = existsSync(path.join(dir, '__init__.py'));
      this.packageDirs.set(dir, known);
    }
    return known;
  }
}
