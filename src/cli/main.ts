import path from 'node:path';
import { parseArgs, USAGE, UsageError } from './args';
import { runCheck } from './check';
import { runTraceCommand } from './trace';
import { autoEngine, serveIfWorker } from './workers';
import { VERSION } from '../version';

/** The `async-coach` executable: parses arguments, loads the parser from next to the bundle, runs. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'trace') {
    const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
    return runTraceCommand(argv.slice(1), { stdout: write(process.stdout), stderr: write(process.stderr), cwd: process.cwd(), packageRoot: path.join(__dirname, '..') });
  }
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
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const wasm = { runtime: path.join(__dirname, 'web-tree-sitter.wasm'), python: path.join(__dirname, 'tree-sitter-python.wasm') };
  const engine = autoEngine(wasm, __filename, args.jobs);
  const color = process.env.NO_COLOR === undefined && (process.env.FORCE_COLOR !== undefined || process.stdout.isTTY === true);
  return runCheck(args, engine, {
    stdout: (s) => process.stdout.write(s),
    stderr: (line) => process.stderr.write(line + '\n'),
    cwd: process.cwd(),
    colorByDefault: color,
  }, VERSION);
}

if (!serveIfWorker()) {
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
