// The language server as its own process, for the tests: the same startStdioServer the CLI's
// `async-coach server` runs, with the parser loaded from node_modules (the unit layer does not build
// dist/). This file is also the core's worker thread, as dist/cli.js is for the real server.
import path from 'node:path';
import { serveCoreIfWorker } from '../../../src/server/coreWorker';
import { startStdioServer } from '../../../src/server/stdio';
import { repoRoot } from '../helpers';

if (!serveCoreIfWorker()) {
  const wasm = { runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'), python: require.resolve('tree-sitter-python/tree-sitter-python.wasm') };
  void startStdioServer(__filename, wasm, path.join(repoRoot(), 'media', 'docs')).then((code) => process.exit(code));
}
