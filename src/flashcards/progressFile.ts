import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile } from './regularFile';

/**
 * Async Coach's own copy of the progress, as a file in the extension's global storage folder.
 * VS Code keeps `globalState` wherever the window's client keeps it: in a browser's storage when
 * the editor is code-server or vscode.dev, and in one JSON blob per extension, so a truncated
 * blob loses the progress and any backup stored beside it. The file lives with the extension
 * host (the server), so every window and browser of one code-server sees it, and it survives
 * whatever happens to `globalState`. Backups go to a folder beside it.
 */
export interface ProgressFiles {
  /** The progress file's text; undefined when there is none yet. Throws when it cannot be read. */
  read(): Promise<string | undefined>;
  /** Replaces the progress file (write to a temporary file, then rename: never half written). */
  write(text: string): Promise<void>;
  /** Moves the progress file, as it is, into the backups; returns where it went. */
  setAside(label: string): Promise<string>;
  /** Writes `text` into the backups; returns where. */
  keepCopy(label: string, text: string): Promise<string>;
  /** The progress file's path, for messages. */
  readonly location: string;
}

export const PROGRESS_FILE = 'progress.json';
export const BACKUP_FOLDER = 'progress-backups';
/** Backups kept; older ones are removed when a new one is made. */
export const MAX_BACKUPS = 20;
/** Far above any real progress (3,000 reviews, 400 days, a record per studied card). */
const MAX_PROGRESS_BYTES = 64 * 1024 * 1024;

/** The progress file and its backups in `folder` (the extension's `globalStorageUri`). */
export class ProgressFolder implements ProgressFiles {
  readonly location: string;

  constructor(private readonly folder: string) {
    this.location = path.join(folder, PROGRESS_FILE);
  }

  async read(): Promise<string | undefined> {
    const read = await readRegularFile(this.location, MAX_PROGRESS_BYTES);
    if (read.ok) return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    if (read.reason === 'missing') return undefined;
    throw new Error(`${this.location} ${read.message}`);
  }

  async write(text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = `${this.location}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.location);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async setAside(label: string): Promise<string> {
    const target = await this.backupPath(label);
    await rename(this.location, target);
    await this.prune();
    return target;
  }

  async keepCopy(label: string, text: string): Promise<string> {
    const target = await this.backupPath(label);
    await writeFile(target, text, 'utf8');
    await this.prune();
    return target;
  }

  private async backupPath(label: string): Promise<string> {
    const dir = path.join(this.folder, BACKUP_FOLDER);
    await mkdir(dir, { recursive: true });
    // Sortable by time; the random tail keeps two backups of one millisecond apart.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return path.join(dir, `${stamp}-${Math.random().toString(36).slice(2, 6)}-${label.replace(/[^a-z0-9-]/gi, '-')}.json`);
  }

  private async prune(): Promise<void> {
    const dir = path.join(this.folder, BACKUP_FOLDER);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names.slice(0, Math.max(0, names.length - MAX_BACKUPS))) await rm(path.join(dir, name), { force: true });
  }
}
