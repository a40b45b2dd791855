import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { ignoredFoldersGlob, IGNORED_FOLDERS } from '../../../src/analysis/workspace/ignoredFolders';
import { Project } from '../../../src/analysis/workspace/project';
import { write } from '../cli/harness';
import { testParser } from '../helpers';

const API = 'import asyncio\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(0)\n';

describe('Project: one view of a Python project for the CLI, the server and the editor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-project-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('discovers Python files, skipping ignored folders and what pyproject.toml excludes', async () => {
    write(dir, {
      'pyproject.toml': '[tool.async-coach]\nexclude = ["generated"]\n',
      'app.py': '',
      'pkg/api.py': '',
      '.venv/lib/x.py': '',
      'node_modules/y.py': '',
      '.hidden/z.py': '',
      'generated/out.py': '',
    });
    const project = new Project([dir]);
    const found = await project.discover([dir]);
    assert.deepEqual(found.files.map((f) => path.relative(dir, f)).sort(), ['app.py', path.join('pkg', 'api.py')]);
  });

  it('registers a summary under every module path, reports whether it changed, and forgets it', async () => {
    write(dir, { 'src/pkg/api.py': API });
    const project = new Project([dir]);
    const file = path.join(dir, 'src/pkg/api.py');
    const { summary } = analyzeSource(await testParser(), API, { rules: [] });
    assert.equal(project.setSummary(file, summary), true);
    assert.equal(project.setSummary(file, summary), false, 'the same summary again changes nothing');
    assert.equal(project.index.lookup('pkg.api.fetch_user'), 'async', 'the src layout path is registered');
    assert.equal(project.index.lookup('src.pkg.api.fetch_user'), 'async');
    project.forget(file);
    assert.equal(project.index.lookup('pkg.api.fetch_user'), undefined);
  });

  it('a new __init__.py changes module paths once the project is told', () => {
    write(dir, { 'lib/pkg/api.py': '' });
    const project = new Project([path.join(dir, 'other')]);
    const file = path.join(dir, 'lib/pkg/api.py');
    assert.deepEqual(project.modulePaths(file), ['api']);
    write(dir, { 'lib/pkg/__init__.py': '' });
    assert.deepEqual(project.modulePaths(file), ['api'], 'cached until a change is reported');
    assert.deepEqual(project.fileChanged(path.join(dir, 'lib/pkg/__init__.py')), { modulePaths: true, config: false });
    assert.deepEqual(project.modulePaths(file), ['pkg.api']);
  });

  it('the editor\'s exclude glob names exactly the ignored folders', () => {
    const glob = picomatch(ignoredFoldersGlob(), { dot: true });
    for (const name of IGNORED_FOLDERS) assert.ok(glob(`a/${name}/b.py`), name);
    assert.ok(glob('a/.anything/b.py'), 'hidden folders');
    assert.ok(!glob('a/pkg/b.py'));
  });
});
