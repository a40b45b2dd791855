import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../unit/helpers';
import { cliPath, runProcess } from './process';

/** Debian's Neovim (0.7.2 on bookworm; `npm run host:setup` installs it). */
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvim.status === 0;

interface NvimRecord {
  diagnostics: { code: string; source: string; lnum: number; message: string }[];
  titles: string[];
  chosen: string | null;
  after: { code: string; lnum: number }[];
  text: string | null;
  errors: string[];
}

describe('Neovim as a client of async-coach server', function () {
  before(function () {
    if (!haveNvim) {
      console.log('    (skipped: nvim is not installed; `npm run host:setup` or `apt-get install neovim` installs it)');
      this.skip();
    }
  });

  it('opens a copy of examples/sequential.py, receives ACO101, and applies the gather rewrite from the code action menu', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-nvim-'));
    try {
      const file = path.join(dir, 'sequential.py');
      copyFileSync(path.join(repoRoot(), 'examples', 'sequential.py'), file);
      const out = path.join(dir, 'record.json');
      const lua = path.join(repoRoot(), 'test', 'cli', 'nvim', 'async-coach.lua');
      const run = await runProcess('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-u', lua], {
        cwd: dir,
        env: { ASYNC_COACH_OUT: out, ASYNC_COACH_NODE: process.execPath, ASYNC_COACH_CLI: cliPath(), ASYNC_COACH_ROOT: dir, ASYNC_COACH_FILE: file, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir },
        timeoutMs: 600_000,
      });
      const record = JSON.parse(readFileSync(out, 'utf8')) as NvimRecord;
      assert.deepEqual(record.errors, [], `nvim: ${run.stderr}`);
      const sequential = record.diagnostics.filter((d) => d.code === 'ACO101');
      assert.ok(sequential.length > 0, JSON.stringify(record.diagnostics));
      assert.ok(sequential.every((d) => d.source === 'Async Coach'));
      // The menu Neovim showed, in the server's order: the rewrites first, the docs last.
      assert.match(record.titles[0] ?? '', /gather|TaskGroup/);
      assert.ok(record.titles.includes('Disable ACO101 for this line'), record.titles.join(' | '));
      assert.match(record.titles.at(-1) ?? '', /^Show documentation for ACO101/);
      assert.match(record.chosen ?? '', /gather/);
      // Neovim applied the edit and wrote the file; the finding at that line is gone.
      const written = readFileSync(file, 'utf8');
      assert.match(written, /asyncio\.gather\(/);
      assert.equal(record.text, written.replace(/\n$/, ''));
      assert.ok(!record.after.some((d) => d.code === 'ACO101' && d.lnum === sequential[0]!.lnum), JSON.stringify(record.after));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
