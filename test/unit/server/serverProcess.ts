// The language server as its own process, for the tests: the same startStdioServer the CLI's
// `async-coach server` runs, with the parser loaded from node_modules (the unit layer does not build dist/).
import path from 'node:path';
import { startStdioServer } from '../../../src/server/stdio';
import { repoRoot, testParser } from '../helpers';

void testParser()
  .then((parser) => startStdioServer(parser, path.join(repoRoot(), 'media', 'docs')))
  .then((code) => process.exit(code));
