import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPythonParser, type PythonParser } from '../analysis/parser';
import { CHECK_USAGE, parseArgs, unknownServerOptions, USAGE, UsageError } from './args';
import { runCheck, type Checker, type CliIo } from './check';
import { docsHelp } from './format/sarif';
import { watchAndCheck } from './watch';
import { serveCoreIfWorker } from '../server/coreWorker';
import { startStdioServer } from '../server/stdio';
import { runTraceCommand, TRACE_USAGE } from './trace';
import { autoEngine, serveIfWorker } from './workers';
import { REPOSITORY_URL, VERSION } from '../version';

/** The `async-coach` executable: parses arguments, loads the parser from next to the bundle, runs. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'trace') {
    const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
    return runTraceCommand(argv.slice(1), { stdout: write(process.stdout), stderr: write(process.stderr), cwd: process.cwd(), packageRoot: path.join(__dirname, '..') });
  }
  if (argv[0] === 'server') return runServer(argv.slice(1));
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`async-coach: ${err.message}\nRun 'async-coach --help' for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    process.stdout.write((args.topic === 'check' ? CHECK_USAGE : args.topic === 'trace' ? TRACE_USAGE : USAGE) + '\n');
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`async-coach ${VERSION}\n`);
    return 0;
  }
  const wasm = { runtime: path.join(__dirname, 'web-tree-sitter.wasm'), python: path.join(__dirname, 'tree-sitter-python.wasm') };
  let parser: Promise<PythonParser> | undefined;
  const checker: Checker = {
    engine: autoEngine(wasm, __filename, args.jobs),
    parser: () => (parser ??= loadPythonParser(wasm)),
    help: docsHelp(REPOSITORY_URL, (slug) => readDocsPage(path.join(__dirname, '..', 'media', 'docs', `${slug}.md`))),
  };
  const color = process.env.NO_COLOR === undefined && (process.env.FORCE_COLOR !== undefined || process.stdout.isTTY === true);
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (line) => process.stderr.write(line + '\n'),
    cwd: process.cwd(),
    colorByDefault: color,
  };
  return args.watch ? watchAndCheck(args, checker, io, VERSION) : runCheck(args, checker, io, VERSION);
}

/** `async-coach server [--stdio]`: LSP over stdin/stdout until the client says exit (0 after a shutdown request). */
async function runServer(rest: readonly string[]): Promise<number> {
  const unknown = unknownServerOptions(rest);
  if (unknown.length > 0) {
    process.stderr.write(`async-coach: server: unknown option '${unknown[0]}' (the server speaks LSP on stdin/stdout)\n`);
    return 2;
  }
  const wasm = { runtime: path.join(__dirname, 'web-tree-sitter.wasm'), python: path.join(__dirname, 'tree-sitter-python.wasm') };
  return startStdioServer(__filename, wasm, path.join(__dirname, '..', 'media', 'docs'));
}

function readDocsPage(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

if (!serveIfWorker() && !serveCoreIfWorker()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`async-coach: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
