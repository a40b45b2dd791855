import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../analyzer';
import type { PythonParser } from '../parser';
import { pythonCandidates } from '../../settings/pythonPath';
import { InstalledPackages } from './installedPackages';

/** Interpreters of a virtual environment in a folder, by platform. */
const VENV_PYTHONS = process.platform === 'win32' ? ['.venv/Scripts/python.exe', 'venv/Scripts/python.exe'] : ['.venv/bin/python', 'venv/bin/python'];

/**
 * The directories of installed third-party packages imports resolve through, for the CLI and the
 * language server alike: those of the given interpreter (`--python`, `asyncCoach.pythonPath`),
 * else of a `.venv`/`venv` in one of `roots`, else of `python3`. Only `site-packages`/`dist-packages` entries are kept (the standard library is known
 * by its own tables). Empty when no interpreter answers, with a note saying so.
 */
export function packageSearchPaths(python: string | undefined, roots: readonly string[], note: (line: string) => void): string[] {
  const venv = roots.flatMap((r) => VENV_PYTHONS.map((v) => path.join(r, v))).find((p) => existsSync(p));
  const candidates = python ? [python] : venv ? [venv] : pythonCandidates(undefined);
  for (const interpreter of candidates) {
    const paths = sitePackagesOf(interpreter);
    if (paths) return paths;
    if (python) note(`warning: could not run ${python} to find its installed packages; imports of third-party packages are not read`);
  }
  return [];
}

/** Answers per interpreter, for this process: `--watch` and repeated checks ask once. */
const asked = new Map<string, string[] | undefined>();

function sitePackagesOf(interpreter: string): string[] | undefined {
  if (asked.has(interpreter)) return asked.get(interpreter);
  let answer: string[] | undefined;
  try {
    const out = execFileSync(interpreter, ['-c', 'import json, sys; print(json.dumps(sys.path))'], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'ignore'] });
    const paths = JSON.parse(out) as unknown;
    if (Array.isArray(paths)) answer = paths.filter((p): p is string => typeof p === 'string' && /[\\/](site|dist)-packages$/.test(p));
  } catch {
    answer = undefined;
  }
  asked.set(interpreter, answer);
  return answer;
}

/** The installed packages of `searchPaths`, each module summarised with `parser` when first looked up. */
export function installedPackages(searchPaths: readonly string[], parser: PythonParser): InstalledPackages {
  return new InstalledPackages(searchPaths, (source, modulePath) => analyzeSource(parser, source, { rules: [], modulePath }).summary);
}
