import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { WasmPaths } from '../analysis/parser';
import { startCoreWorker } from './coreWorker';
import { serve } from './server';

/**
 * Runs the server on this process's stdin/stdout, its core on a worker thread started from
 * `script` (a bundle that calls serveCoreIfWorker at load). Anything else written to stdout would
 * corrupt the protocol, so console output goes to stderr. Resolves with the exit code once the
 * client exits: 0 after a `shutdown` request, 1 when the client left without one.
 */
export async function startStdioServer(script: string, wasm: WasmPaths, docsDir: string): Promise<number> {
  console.log = console.info = console.warn;
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  const { shutdownRequested } = await serve(connection, (log, progress) => startCoreWorker(script, wasm, docsDir, log, progress), docsDir);
  return shutdownRequested ? 0 : 1;
}
