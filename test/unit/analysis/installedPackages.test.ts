import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { InstalledPackages, type PackageFiles } from '../../../src/analysis/workspace/installedPackages';
import { WorkspaceIndex } from '../../../src/analysis/workspace/workspaceIndex';
import { testParser } from '../helpers';

const USER = 'import fakelib\nfrom fakelib.client import make\nasync def go(s: fakelib.Session):\n    s.get()\n    s.close()\n    make().get()\n';

describe('installed packages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aco-site-'));
    mkdirSync(path.join(dir, 'fakelib'));
    mkdirSync(path.join(dir, 'unused'));
    writeFileSync(path.join(dir, 'fakelib', '__init__.py'), 'from .client import Session\n');
    writeFileSync(path.join(dir, 'fakelib', 'client.py'), 'class Session:\n    async def get(self):\n        pass\n    def close(self):\n        pass\ndef make() -> Session:\n    return Session()\n');
    writeFileSync(path.join(dir, 'unused', '__init__.py'), 'async def never():\n    pass\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads from disk, counting the files read. */
  function countingDisk(reads: string[]): PackageFiles {
    return {
      mtime: (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs,
      read: (f) => {
        reads.push(path.relative(dir, f));
        return readFileSync(f, 'utf8');
      },
    };
  }

  it('resolves calls into an installed package, reading only the modules looked up, once', async () => {
    const parser = await testParser();
    const reads: string[] = [];
    const index = new WorkspaceIndex();
    index.useEnvironment(new InstalledPackages([dir], (source, modulePath) => analyzeSource(parser, source, { rules: [], modulePath }).summary, countingDisk(reads)));
    const { findings } = analyzeSource(parser, USER, { modulePath: 'app', workspace: index, select: new Set(['ACO201']) });
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [4, 6]);
    assert.deepEqual([...new Set(reads)].sort(), [path.join('fakelib', '__init__.py'), path.join('fakelib', 'client.py')]);
    assert.equal(reads.length, 2, 'each module is summarised once');
  });

  it('reads a module again when its modification time changes', async () => {
    const parser = await testParser();
    const reads: string[] = [];
    const packages = new InstalledPackages([dir], (source, modulePath) => analyzeSource(parser, source, { rules: [], modulePath }).summary, countingDisk(reads));
    assert.equal(packages.summaryOf('fakelib.client')?.classes.get('Session')?.get('close'), 'sync');
    const file = path.join(dir, 'fakelib', 'client.py');
    writeFileSync(file, 'class Session:\n    async def close(self):\n        pass\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal(packages.summaryOf('fakelib.client')?.classes.get('Session')?.get('close'), 'async');
    assert.equal(packages.summaryOf('missing.module'), undefined);
  });

  it('lets the workspace win over an installed package of the same name', async () => {
    const parser = await testParser();
    const index = new WorkspaceIndex();
    index.useEnvironment(new InstalledPackages([dir], (source, modulePath) => analyzeSource(parser, source, { rules: [], modulePath }).summary));
    index.set('fakelib.__init__', analyzeSource(parser, 'class Session:\n    def get(self):\n        pass\n', { modulePath: 'fakelib.__init__' }).summary);
    const { findings } = analyzeSource(parser, USER, { modulePath: 'app', workspace: index, select: new Set(['ACO201']) });
    assert.deepEqual(findings, []);
  });
});
