import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { PythonParser } from '../analysis/parser';
import { serve } from './server';

/**
 * Runs the server on this process's stdin/stdout. Anything else written to stdout would corrupt the
 * protocol, so console output is sent to stderr. Resolves with the exit code once the client exits:
 * 0 after a `shutdown` request, 1 when the client left without one.
 */
export async function startStdioServer(parser: PythonParser, docsDir: string): Promise<number> {
  console.log = console.info = console.warn;
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  const { shutdownRequested } = await serve(connection, parser, docsDir);
  return shutdownRequested ? 0 : 1;
}
