// @ts-check
// Read-only access to the peers' bare git mirrors (`/work/.mirror/<owner>+<name>/repo`): nothing
// of theirs is copied into this repository; the replay reads their fixtures at run time.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** One peer's mirror, read at its HEAD. */
export class Mirror {
  /** @param {string} root  the folder of mirrors @param {string} repo  owner/name */
  constructor(root, repo) {
    this.repo = repo;
    this.gitDir = path.join(root, repo.replace('/', '+'), 'repo');
    /** @type {string[] | undefined} */
    this.files = undefined;
  }

  /** @param {string[]} args @returns {string} stdout */
  git(...args) {
    return execFileSync('git', ['--git-dir', this.gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }

  /** The commit the replay reads, for the report. */
  head() {
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Every path at HEAD. */
  list() {
    this.files ??= this.git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
    return this.files;
  }

  /**
   * Paths at HEAD under `pathspec` whose text contains `text` (fixed string).
   * @param {string} text @param {string} pathspec @returns {string[]}
   */
  grep(text, pathspec) {
    try {
      return this.git('grep', '-l', '-F', text, 'HEAD', '--', pathspec).split('\n').filter(Boolean).map((l) => l.replace(/^HEAD:/, ''));
    } catch {
      return []; // git grep exits 1 when nothing matches
    }
  }

  /** @param {string} file @returns {string} its text at HEAD */
  show(file) {
    return this.git('show', `HEAD:${file}`);
  }
}
