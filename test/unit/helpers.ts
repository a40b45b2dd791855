import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPythonParser, type PythonParser } from '../../src/analysis/parser';

/** The repository root, found from the compiled test's location (out/test/...). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || !readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"name": "async-coach"')) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Absolute path of a file under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

let shared: Promise<PythonParser> | undefined;

/** One parser for the whole test process, loaded from node_modules (tests do not need a build). */
export function testParser(): Promise<PythonParser> {
  shared ??= loadPythonParser({
    runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    python: require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  });
  return shared;
}
