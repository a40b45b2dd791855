import picomatch from 'picomatch';

/**
 * `exclude` patterns, as pyproject.toml and the settings write them, relative to a base directory:
 * - a pattern without `/` (`migrations`, `*_pb2.py`) matches a file or folder name at any depth;
 * - a pattern with `/` (`tests/fixtures/**`, `src/gen/*.py`) matches the path from the base;
 * - a matching folder excludes everything under it.
 */
export class ExcludeMatcher {
  private readonly anywhere: ((name: string) => boolean)[];
  private readonly rooted: ((path: string) => boolean)[];

  constructor(patterns: readonly string[]) {
    const options = { dot: true };
    const cleaned = patterns.map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter(Boolean);
    this.anywhere = cleaned.filter((p) => !p.includes('/')).map((p) => picomatch(p, options));
    this.rooted = cleaned.filter((p) => p.includes('/')).map((p) => picomatch(p.replace(/^\//, ''), options));
  }

  get isEmpty(): boolean {
    return this.anywhere.length === 0 && this.rooted.length === 0;
  }

  /** True when the path (relative to the base, `/` or `\` separated) or one of its folders is excluded. */
  matches(relativePath: string): boolean {
    if (this.isEmpty) return false;
    const parts = relativePath.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    if (parts.includes('..')) return false;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      if (this.anywhere.some((m) => m(name))) return true;
      const prefix = parts.slice(0, i + 1).join('/');
      if (this.rooted.some((m) => m(prefix))) return true;
    }
    return false;
  }
}
