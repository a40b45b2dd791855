/** Folder names whose files are test code (pytest's and unittest's conventions). */
const TEST_FOLDERS = new Set(['tests', 'test']);

/**
 * True for test code, by the conventions pytest and unittest discover: a file named `test_*.py`,
 * `*_test.py` or `conftest.py`, or any file under a `tests/` or `test/` folder. `relativePath` is
 * relative to the project (the folder of its pyproject.toml, the workspace folder, or the folder
 * given to the CLI), so that a project that itself lives under a `tests/` folder is not all tests.
 * The one definition the CLI and the editor share.
 */
export function isTestFile(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  const name = parts.pop();
  if (!name) return false;
  if (/^test_.*\.pyi?$/.test(name) || /_test\.pyi?$/.test(name) || name === 'conftest.py') return true;
  return parts.some((p) => TEST_FOLDERS.has(p));
}
