import path from 'node:path';

/**
 * The interpreters to try for `asyncCoach.pythonPath`: the configured one alone (`~` expanded,
 * a relative path such as `.venv/bin/python` taken from the workspace folder), else `python3`
 * then `python` from PATH (`python` then `py` on Windows). One place, for every feature that
 * runs or inspects the workspace's Python.
 */
export function pythonCandidates(configured: unknown, workspaceFolder?: string, home?: string, platform: NodeJS.Platform = process.platform): string[] {
  const value = typeof configured === 'string' ? configured.trim() : '';
  if (!value) return platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  let resolved = value;
  if (home && (value === '~' || value.startsWith('~/'))) resolved = path.join(home, value.slice(1));
  else if (workspaceFolder && !path.isAbsolute(value) && /[\\/]/.test(value)) resolved = path.resolve(workspaceFolder, value);
  return [resolved];
}
