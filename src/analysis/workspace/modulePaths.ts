import path from 'node:path';
import { modulePathFromRelative } from './workspaceIndex';

/**
 * The dotted module paths a file can be imported as, most likely first. The one place that decides
 * it, for the CLI, the language server and the editor alike.
 *
 * Python decides by the import root, which a linter cannot know for sure, so every plausible one is
 * returned: the package root found by walking up `__init__.py` folders (regular packages), each root
 * the file lies under (namespace packages and scripts run from there), and below a leading `src/`
 * under a root (the src layout). Registering a module under each costs little and lets
 * `import pkg.api` and `from .api import fetch` resolve whichever layout the project uses.
 *
 * @param file absolute path of the file
 * @param roots absolute folders imports may start from (workspace folders, the CLI's folders)
 * @param isPackage whether an absolute folder holds an `__init__.py`
 */
export function modulePathsOf(file: string, roots: readonly string[], isPackage: (dir: string) => boolean): string[] {
  const out: string[] = [];
  const add = (relative: string): void => {
    const mod = modulePathFromRelative(relative);
    if (mod && !out.includes(mod)) out.push(mod);
  };
  const parts = [path.basename(file)];
  let dir = path.dirname(file);
  while (isPackage(dir)) {
    parts.unshift(path.basename(dir));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  add(parts.join('/'));
  for (const root of roots) {
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    add(relative);
    const segments = relative.split(/[\\/]+/);
    if (segments[0] === 'src' && segments.length > 1) add(segments.slice(1).join('/'));
  }
  return out;
}
