/**
 * Folders never walked nor indexed, by name at any depth: virtualenvs, caches, build output and VCS
 * metadata hold no code of the user's. Folders whose name starts with a dot are skipped as well.
 * The CLI's walk, the language server's discovery and the editor's file search all read this list.
 */
export const IGNORED_FOLDERS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.ruff_cache', '.pytest_cache',
  '__pypackages__', '__pycache__', 'node_modules', '.eggs', 'build', 'dist', 'site-packages',
]);

/** True when a folder of this name is never walked (the list above, or any hidden folder). */
export function isIgnoredFolder(name: string): boolean {
  return IGNORED_FOLDERS.has(name) || name.startsWith('.');
}

/** The same folders as one glob for file searches that take an exclude pattern (`**\/{.*,venv,...}/**`). */
export function ignoredFoldersGlob(): string {
  const names = [...IGNORED_FOLDERS].filter((n) => !n.startsWith('.'));
  return `**/{.*,${names.join(',')}}/**`;
}
