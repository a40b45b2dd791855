import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { loadPythonParser, type WasmPaths } from '../analysis/parser';
import { ServerCore } from './core';
import { inThreadCore, startCoreWorker, type RemoteCore } from './coreWorker';
import { RuleDocsFiles } from './ruleDocs';
import { serve, type CoreStarter } from './server';

/**
 * Runs the server on this process's stdin/stdout, its core on a worker thread started from
 * `script` (a bundle that calls serveCoreIfWorker at load). Anything else written to stdout would
 * corrupt the protocol, so console output goes to stderr. Resolves with the exit code once the
 * client exits: 0 after a `shutdown` request, 1 when the client left without one. `coreInThisThread`
 * keeps the core on the protocol thread (the benchmark's "before").
 */
export async function startStdioServer(script: string, wasm: WasmPaths, docsDir: string, options: { coreInThisThread?: boolean } = {}): Promise<number> {
  console.log = console.info = console.warn;
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  let start: CoreStarter = (log, progress) => startCoreWorker(script, wasm, docsDir, log, progress);
  if (options.coreInThisThread) {
    const parser = await loadPythonParser(wasm);
    start = (log, progress): RemoteCore => inThreadCore(new ServerCore(parser, new RuleDocsFiles(docsDir), log, progress));
  }
  const { shutdownRequested } = await serve(connection, start, docsDir);
  return shutdownRequested ? 0 : 1;
}
