import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../unit/helpers';
import { runProcess } from './process';

const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/**
 * A commit of this checkout as it is now (tracked and new files, not ignored ones), as pre-commit's
 * own `try-repo` does: the hook under test is the working tree's, not the last commit's. The commit
 * has fixed dates, so the same files give the same commit and pre-commit reuses the hook's
 * installed environment from the last run (the first install, an `npm install`, takes minutes).
 */
function snapshotRepo(to: string): string {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const root = repoRoot();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    try {
      cpSync(path.join(root, f), path.join(to, f));
    } catch {
      // A file deleted in the working tree but still in the index.
    }
  }
  git(to, 'init', '-q');
  git(to, 'add', '-A');
  const fixedDate = { GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' };
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'snapshot'], { cwd: to, env: { ...process.env, ...GIT_ENV, ...fixedDate } });
  return git(to, 'rev-parse', 'HEAD').trim();
}

describe('the pre-commit hook (.pre-commit-hooks.yaml) with Debian\'s pre-commit', () => {
  let dir: string;
  /** Kept between runs (per checkout): the hook repository and pre-commit's cache of its environment. */
  const cache = path.join(os.tmpdir(), `async-coach-precommit-${createHash('sha256').update(repoRoot()).digest('hex').slice(0, 12)}`);
  before(() => {
    if (spawnSync('pre-commit', ['--version']).status !== 0) {
      // Installed by scripts/setup-test-host.sh (npm run host:setup), which CI runs first.
      throw new Error('pre-commit is not installed: run `npm run host:setup` (it installs Debian\'s pre-commit package)');
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-precommit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('blocks a commit with a bug, fixes what it can, and lets a clean commit through', async () => {
    const hookRepo = path.join(cache, 'hook');
    const project = path.join(dir, 'project');
    mkdirSync(project);
    const rev = snapshotRepo(hookRepo);
    git(project, 'init', '-q');
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: async-coach\n`);
    // pre-commit's own cache beside the hook repository; npm may use its cache for the hook's install.
    const env = { ...GIT_ENV, PRE_COMMIT_HOME: path.join(cache, 'pre-commit'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
    const run = (command: string, ...args: string[]) => runProcess(command, args, { cwd: project, env, timeoutMs: 600_000 });
    const install = await run('pre-commit', 'install');
    assert.equal(install.code, 0, install.stdout + install.stderr);
    git(project, 'add', '.pre-commit-config.yaml');
    git(project, 'commit', '-q', '--no-verify', '-m', 'config');

    // A blocking call in a coroutine: a finding without a safe fix, so the hook stops the commit.
    const blocking = 'import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(1)\n    await asyncio.sleep(0)\n';
    writeFileSync(path.join(project, 'bug.py'), blocking);
    git(project, 'add', 'bug.py');
    const blocked = await run('git', 'commit', '-m', 'add a bug');
    assert.notEqual(blocked.code, 0, 'the commit with a bug is refused');
    assert.match(blocked.stdout + blocked.stderr, /bug\.py:6:5: ACO301/);
    assert.equal(git(project, 'log', '--oneline').trim().split('\n').length, 1, 'nothing was committed');

    // A dropped task: the hook fixes it (safe fix) and stops the commit so the fix can be reviewed.
    writeFileSync(path.join(project, 'bug.py'), 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    asyncio.create_task(work())\n');
    git(project, 'add', 'bug.py');
    const fixed = await run('git', 'commit', '-m', 'a dropped task');
    assert.notEqual(fixed.code, 0, 'a commit whose files the hook changed is stopped');
    assert.match(fixed.stdout + fixed.stderr, /files were modified by this hook/);
    assert.match(readFileSync(path.join(project, 'bug.py'), 'utf8'), /_background_tasks\.add\(task\)/);

    // Staging the fixed file: the commit goes through.
    git(project, 'add', 'bug.py');
    const clean = await run('git', 'commit', '-m', 'the fixed file');
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout + clean.stderr, /async-coach\.+Passed/);
    assert.equal(git(project, 'log', '--oneline').trim().split('\n').length, 2);
  });
});
