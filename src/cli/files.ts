import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Folders never walked: virtualenvs, caches and VCS metadata hold no code of the user's. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.ruff_cache', '.pytest_cache',
  '__pycache__', '__pypackages__', 'node_modules', '.eggs', 'build', 'dist', 'site-packages',
]);

export type SourceFile = { path: string; text: string } ;

/** A file that could not be checked, with a one-line reason for stderr. */
export interface Skipped {
  path: string;
  reason: string;
  /** I/O errors (missing, unreadable) set exit code 2; undecodable content does not. */
  ioError: boolean;
}

/**
 * Expands the given paths into `.py` files; directories are walked, explicit files kept whatever
 * their name (and whatever `exclude` says: naming a file is asking for it). `isExcluded` prunes
 * files and folders found by the walk.
 */
export async function collectPythonFiles(inputs: readonly string[], isExcluded: (path: string) => boolean = () => false, cwd: string = process.cwd()): Promise<{ files: string[]; problems: Skipped[] }> {
  const files: string[] = [];
  const problems: Skipped[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(path.resolve(cwd, input));
    } catch (err) {
      problems.push({ path: input, reason: describeIoError(err), ioError: true });
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      await walk(input, files, problems, (p) => isExcluded(path.resolve(cwd, p)), cwd);
      if (files.length === before) problems.push({ path: input, reason: 'no Python files found in this directory', ioError: false });
    } else {
      files.push(input);
    }
  }
  return { files: [...new Set(files)], problems };
}

/** Walks `dir` (as given, resolved against `cwd` for the file system), keeping the given form in the paths it returns. */
async function walk(dir: string, out: string[], problems: Skipped[], isExcluded: (path: string) => boolean, cwd: string): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(path.resolve(cwd, dir), { withFileTypes: true });
  } catch (err) {
    problems.push({ path: dir, reason: describeIoError(err), ioError: true });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!DEFAULT_EXCLUDED_DIRS.has(entry.name) && !entry.name.startsWith('.') && !isExcluded(full)) await walk(full, out, problems, isExcluded, cwd);
    } else if (entry.isFile() && entry.name.endsWith('.py') && !isExcluded(full)) {
      out.push(full);
    }
  }
}

/** Reads a file as strict UTF-8; binary and undecodable files come back as a reason to skip. */
export async function readSource(file: string): Promise<SourceFile | Skipped> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    return { path: file, reason: describeIoError(err), ioError: true };
  }
  return decodeSource(file, bytes);
}

/** Decodes bytes as Python source: NUL bytes mean binary; invalid UTF-8 is refused, not guessed. */
export function decodeSource(file: string, bytes: Uint8Array): SourceFile | Skipped {
  if (bytes.includes(0)) return { path: file, reason: 'skipped: looks like a binary file (contains NUL bytes)', ioError: false };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { path: file, text };
  } catch {
    return { path: file, reason: 'skipped: not valid UTF-8 (Python 3 source must be UTF-8 unless it declares a coding)', ioError: false };
  }
}

export function describeIoError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

export function isSkipped(x: SourceFile | Skipped): x is Skipped {
  return 'reason' in x;
}
