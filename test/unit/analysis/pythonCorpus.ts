import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PythonCorpus {
  /** The directory of the standard library (`.../lib/python3.X`, site-packages inside). */
  dir: string;
  /** Every `.py` under it, sorted. */
  allFiles: string[];
  /** Corpus A: those containing `async def`. */
  asyncFiles: string[];
}

let cached: PythonCorpus | null | undefined;

/** The local Python's library tree (performance.md's corpora), or undefined without python3. */
export function pythonLibFiles(): PythonCorpus | undefined {
  if (cached !== undefined) return cached ?? undefined;
  try {
    const dir = execFileSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const allFiles: string[] = [];
    walk(dir, allFiles);
    allFiles.sort();
    const asyncFiles = allFiles.filter((f) => {
      try {
        return readFileSync(f, 'utf8').includes('async def');
      } catch {
        return false;
      }
    });
    cached = { dir, allFiles, asyncFiles };
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
  }
}
