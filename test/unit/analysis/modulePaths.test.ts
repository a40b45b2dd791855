import assert from 'node:assert/strict';
import path from 'node:path';
import { modulePathsOf } from '../../../src/analysis/workspace/modulePaths';

const ROOT = path.resolve('/ws');
const at = (relative: string): string => path.join(ROOT, relative);
const inits = (...dirs: string[]) => (dir: string): boolean => dirs.map(at).includes(dir);
const of = (relative: string, isPackage: (dir: string) => boolean): string[] => modulePathsOf(at(relative), [ROOT], isPackage);

describe('module paths of workspace files', () => {
  it('a top-level script is its own module', () => {
    assert.deepEqual(of('main.py', inits()), ['main']);
  });

  it('a regular package is rooted above its outermost __init__.py', () => {
    assert.deepEqual(of('project/pkg/api.py', inits('project/pkg')), ['pkg.api', 'project.pkg.api']);
  });

  it('a namespace package (no __init__.py) is reachable from the folder root', () => {
    assert.deepEqual(of('pkg/api.py', inits()), ['api', 'pkg.api']);
  });

  it('the src layout also registers the path below src/, with or without __init__.py', () => {
    assert.deepEqual(of('src/app/db.py', inits('src/app')), ['app.db', 'src.app.db']);
    assert.deepEqual(of('src/tool.py', inits()), ['tool', 'src.tool']);
    assert.deepEqual(of('src/pkg/api.py', inits()), ['api', 'src.pkg.api', 'pkg.api']);
  });

  it('a package __init__ keeps its __init__ name, as the index expects', () => {
    assert.deepEqual(of('pkg/__init__.py', inits('pkg')), ['pkg.__init__']);
  });

  it('skips paths that are not importable names', () => {
    assert.deepEqual(of('my-scripts/run.py', inits()), ['run']);
    assert.deepEqual(of('2024/x.py', inits()), ['x']);
  });

  it('a file named outside every root still gets its package path (the walk goes above the roots)', () => {
    assert.deepEqual(modulePathsOf(at('lib/pkg/api.py'), [at('other')], inits('lib/pkg')), ['pkg.api']);
  });

  it('every root the file lies under adds its own path', () => {
    assert.deepEqual(modulePathsOf(at('a/b/c.py'), [ROOT, at('a')], inits()), ['c', 'a.b.c', 'b.c']);
  });
});
