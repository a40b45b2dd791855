import assert from 'node:assert/strict';
import { candidateModulePaths } from '../../../src/editing/modulePaths';

const inits = (...dirs: string[]) => (dir: string): boolean => dirs.includes(dir);

describe('module paths of workspace files', () => {
  it('a top-level script is its own module', () => {
    assert.deepEqual(candidateModulePaths('main.py', inits()), ['main']);
  });

  it('a regular package is rooted above its outermost __init__.py', () => {
    assert.deepEqual(candidateModulePaths('project/pkg/api.py', inits('project/pkg')), ['pkg.api', 'project.pkg.api']);
  });

  it('a namespace package (no __init__.py) is reachable from the folder root', () => {
    assert.deepEqual(candidateModulePaths('pkg/api.py', inits()), ['api', 'pkg.api']);
  });

  it('the src layout also registers the path below src/', () => {
    assert.deepEqual(candidateModulePaths('src/app/db.py', inits('src/app')), ['app.db', 'src.app.db']);
    assert.deepEqual(candidateModulePaths('src/tool.py', inits()), ['tool', 'src.tool']);
  });

  it('a package __init__ keeps its __init__ name, as the index expects', () => {
    assert.deepEqual(candidateModulePaths('pkg/__init__.py', inits('pkg')), ['pkg.__init__']);
  });

  it('skips paths that are not importable names', () => {
    assert.deepEqual(candidateModulePaths('my-scripts/run.py', inits()), ['run']);
    assert.deepEqual(candidateModulePaths('2024/x.py', inits()), ['x']);
  });
});
