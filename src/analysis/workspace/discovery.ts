import { promises as nodeFs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { isIgnoredFolder } from './ignoredFolders';

/** A file that was not checked, and why. */
export interface Skipped {
  path: string;
  reason: string;
  /** I/O errors (missing, unreadable) set exit code 2; the others are reported as ACO002 findings. */
  ioError: boolean;
}

/** What the walk needs of a file system (node's `fs.promises` by default; tests and servers may pass another). */
export interface DiscoveryFileSystem {
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
}

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
export async function collectPythonFiles(inputs: readonly string[], isExcluded: (path: string) => boolean = () => false, cwd: string = process.cwd(), fs: DiscoveryFileSystem = nodeFs): Promise<Collected> {
  const out: Collected = { files: [], problems: [], notes: [] };
  const walk = new Walk(out, (p) => isExcluded(path.resolve(cwd, p)), cwd, fs);
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
    private readonly fs: DiscoveryFileSystem,
  ) {}

  async file(file: string): Promise<void> {
    const real = await this.fs.realpath(path.resolve(this.cwd, file)).catch(() => path.resolve(this.cwd, file));
    if (this.realFiles.has(real)) return;
    this.realFiles.add(real);
    this.out.files.push(file);
  }

  /** Walks `dir` (as given, resolved against `cwd` for the file system), keeping the given form in the paths. */
  async dir(dir: string): Promise<void> {
    let entries;
    try {
      const real = await this.fs.realpath(path.resolve(this.cwd, dir));
      if (this.realDirs.has(real)) {
        this.out.notes.push(`${dir}: note: not walked again (a symbolic link to a folder already walked)`);
        return;
      }
      this.realDirs.add(real);
      entries = await this.fs.readdir(path.resolve(this.cwd, dir), { withFileTypes: true });
    } catch (err) {
      this.out.problems.push({ path: dir, reason: describeIoError(err), ioError: true });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let kind: 'dir' | 'file' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
      if (entry.isSymbolicLink()) {
        const target = await this.fs.stat(path.resolve(this.cwd, full)).catch(() => undefined);
        if (!target) {
          if (entry.name.endsWith('.py')) this.out.problems.push({ path: full, reason: 'skipped: a symbolic link to nothing (its target is missing)', ioError: false });
          continue;
        }
        kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
      }
      if (kind === 'dir') {
        if (!isIgnoredFolder(entry.name) && !this.isExcluded(full)) await this.dir(full);
      } else if (entry.name.endsWith('.py') && !this.isExcluded(full)) {
        // A FIFO or device named *.py is reported (ACO002) when the reader refuses it, not silently left out.
        if (kind === 'file') await this.file(full);
        else this.out.files.push(full);
      }
    }
  }
}

/** A short reason for an I/O error, as the CLI prints it. */
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
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
