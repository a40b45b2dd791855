import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleSummary } from './workspaceIndex';

/** How installed files are read (a test may count the reads). */
export interface PackageFiles {
  /** The file's modification time, or undefined when it does not exist. */
  mtime(file: string): number | undefined;
  read(file: string): string | undefined;
}

const DISK: PackageFiles = {
  mtime(file) {
    try {
      const s = statSync(file, { throwIfNoEntry: false });
      return s?.isFile() ? s.mtimeMs : undefined;
    } catch {
      return undefined;
    }
  },
  read(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Larger installed modules are not read (generated code, vendored bundles). */
const MAX_MODULE_BYTES = 2 * 1024 * 1024;

/**
 * The project's installed packages, as the workspace index sees them: a module is found on the
 * interpreter's search path (site-packages, a `.venv`), read only when some lookup needs it, and
 * summarised like a workspace file (stubs `.pyi` first). Summaries are kept until the file's
 * modification time changes; a module that is not installed is remembered as such.
 */
export class InstalledPackages {
  private readonly files = new Map<string, string | null>();
  private readonly summaries = new Map<string, { mtime: number; summary: ModuleSummary }>();

  constructor(
    /** Directories to look in, in order (site-packages and the like; the standard library is left out by the caller). */
    readonly searchPaths: readonly string[],
    private readonly summarize: (source: string, modulePath: string) => ModuleSummary,
    private readonly disk: PackageFiles = DISK,
  ) {}

  /** The summary of an installed module (`aiohttp.client`), or undefined when it is not installed. */
  summaryOf(module: string): ModuleSummary | undefined {
    const file = this.fileOf(module);
    if (!file) return undefined;
    const mtime = this.disk.mtime(file);
    if (mtime === undefined) return undefined;
    const cached = this.summaries.get(file);
    if (cached?.mtime === mtime) return cached.summary;
    const source = this.disk.read(file);
    if (source === undefined || source.length > MAX_MODULE_BYTES) return undefined;
    const summary = this.summarize(source, /__init__\.pyi?$/.test(file) ? `${module}.__init__` : module);
    this.summaries.set(file, { mtime, summary });
    return summary;
  }

  private fileOf(module: string): string | undefined {
    const known = this.files.get(module);
    if (known !== undefined) return known ?? undefined;
    const parts = module.split('.');
    let found: string | undefined;
    if (parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
      const stubs = [`${parts[0]}-stubs`, ...parts.slice(1)];
      search: for (const dir of this.searchPaths) {
        for (const each of [stubs, parts]) {
          const base = path.join(dir, ...each);
          for (const candidate of [`${base}.pyi`, `${base}.py`, path.join(base, '__init__.pyi'), path.join(base, '__init__.py')]) {
            if (this.disk.mtime(candidate) !== undefined) {
              found = candidate;
              break search;
            }
          }
        }
      }
    }
    this.files.set(module, found ?? null);
    return found;
  }
}
