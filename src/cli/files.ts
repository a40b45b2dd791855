import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { describeIoError, type Skipped } from './source';

/** Folders never walked: virtualenvs, caches and VCS metadata hold no code of the user's. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.ruff_cache', '.pytest_cache',
  '__pypackages__', '__pycache__', 'node_modules', '.eggs', 'build', 'dist', 'site-packages',
]);

/** What the walk found: files to check, files it could not take, and notes for stderr. */
export interface Collected {
  files: string[];
  problems: Skipped[];
  /** One-line notes (a symbolic link loop not followed again). */
  notes: string[];
}

/**
 * Expands the given paths into `.py` files; directories are walked, explicit files kept whatever
 * their name (and whatever `exclude` says: naming a file is asking for it). `isExcluded` prunes
 * files and folders found by the walk. Symbolic links are followed, each real folder walked once
 * (a link back up the tree is noted, not followed), each real file checked once.
 */
export async function collectPythonFiles(inputs: readonly string[], isExcluded: (path: string) => boolean = () => false, cwd: string = process.cwd()): Promise<Collected> {
  const out: Collected = { files: [], problems: [], notes: [] };
  const walk = new Walk(out, (p) => isExcluded(path.resolve(cwd, p)), cwd);
  for (const input of inputs) {
    let stat: Stats;
    try {
      stat = await fs.stat(path.resolve(cwd, input));
    } catch (err) {
      out.problems.push({ path: input, reason: describeIoError(err), ioError: true });
      continue;
    }
    if (stat.isDirectory()) {
      const before = out.files.length;
      await walk.dir(input);
      if (out.files.length === before) out.notes.push(`${input}: warning: no Python files found in this directory`);
    } else {
      // Named explicitly: a FIFO or a device is refused when it is read (without blocking), with its reason.
      await walk.file(input);
    }
  }
  return out;
}

class Walk {
  private readonly realDirs = new Set<string>();
  private readonly realFiles = new Set<string>();

  constructor(
    private readonly out: Collected,
    private readonly isExcluded: (path: string) => boolean,
    private readonly cwd: string,
  ) {}

  async file(file: string): Promise<void> {
    const real = await fs.realpath(path.resolve(this.cwd, file)).catch(() => path.resolve(this.cwd, file));
    if (this.realFiles.has(real)) return;
    this.realFiles.add(real);
    this.out.files.push(file);
  }

  /** Walks `dir` (as given, resolved against `cwd` for the file system), keeping the given form in the paths. */
  async dir(dir: string): Promise<void> {
    let entries;
    try {
      const real = await fs.realpath(path.resolve(this.cwd, dir));
      if (this.realDirs.has(real)) {
        this.out.notes.push(`${dir}: note: not walked again (a symbolic link to a folder already walked)`);
        return;
      }
      this.realDirs.add(real);
      entries = await fs.readdir(path.resolve(this.cwd, dir), { withFileTypes: true });
    } catch (err) {
      this.out.problems.push({ path: dir, reason: describeIoError(err), ioError: true });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let kind: 'dir' | 'file' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(path.resolve(this.cwd, full)).catch(() => undefined);
        if (!target) {
          if (entry.name.endsWith('.py')) this.out.problems.push({ path: full, reason: 'skipped: a symbolic link to nothing (its target is missing)', ioError: false });
          continue;
        }
        kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
      }
      if (kind === 'dir') {
        if (!DEFAULT_EXCLUDED_DIRS.has(entry.name) && !entry.name.startsWith('.') && !this.isExcluded(full)) await this.dir(full);
      } else if (entry.name.endsWith('.py') && !this.isExcluded(full)) {
        // A FIFO or device named *.py is reported (ACO002) when the reader refuses it, not silently left out.
        if (kind === 'file') await this.file(full);
        else this.out.files.push(full);
      }
    }
  }
}
