import { modulePathFromRelative } from '../analysis/workspace/workspaceIndex';

/**
 * The dotted module paths a workspace file can be imported as, most likely first.
 *
 * Python decides by the import root, which the editor cannot know for sure, so every plausible one
 * is returned: the package root found by walking up `__init__.py` directories (regular packages),
 * the workspace folder itself (namespace packages and scripts run from the root), and the folder
 * below a leading `src/` (the src layout). Registering a module under each costs little and lets
 * `import pkg.api` and `from .api import fetch` resolve whichever layout the project uses.
 *
 * @param relativePath path relative to the workspace folder, with `/` separators
 * @param hasInit whether a directory (relative, `/`-separated, '' for the root) holds `__init__.py`
 */
export function candidateModulePaths(relativePath: string, hasInit: (dir: string) => boolean): string[] {
  const parts = relativePath.split('/').filter(Boolean);
  const out: string[] = [];
  const add = (segments: string[]): void => {
    const mod = modulePathFromRelative(segments.join('/'));
    if (mod && !out.includes(mod)) out.push(mod);
  };
  // Walk up while the parent directory is a regular package.
  let start = parts.length - 1;
  while (start > 0 && hasInit(parts.slice(0, start).join('/'))) start--;
  add(parts.slice(start));
  add(parts);
  if (parts[0] === 'src' && parts.length > 1) add(parts.slice(1));
  return out;
}
