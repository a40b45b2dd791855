import * as vscode from 'vscode';
import { builtinDeck } from '../../flashcards/builtinDeck';
import { buildLibrary, MAX_DECK_BYTES, parseDeckBytes, type Library, type LoadedDeck } from '../../flashcards/library';
import { formatBytes, readRegularFile } from '../../flashcards/regularFile';
import { KNOWN_RULE_CODES } from '../../flashcards/ruleCards';
import type { DeckPaths } from './flashcardConfig';

/** Where a workspace keeps its own decks. */
export const WORKSPACE_DECKS_DIR = '.async-coach/decks';

/**
 * Loads every deck: the built-in one first (its ids win), then `.async-coach/decks/*.json` of each
 * workspace folder, the decks imported outside a workspace, and the paths in
 * `asyncCoach.flashcards.deckPaths`. A bad file becomes a problem shown in the view, never an error.
 */
export async function loadLibrary(globalDecks: vscode.Uri, extra: DeckPaths): Promise<Library> {
  const loaded: LoadedDeck[] = [{ source: 'built-in deck', result: builtinDeck() }];
  if (extra.ignoredUntilTrusted > 0) {
    const n = extra.ignoredUntilTrusted;
    const message = `${n} path${n === 1 ? '' : 's'} from this workspace's settings ${n === 1 ? 'is' : 'are'} not read until you trust the workspace`;
    loaded.push({ source: 'asyncCoach.flashcards.deckPaths', result: { ok: false, errors: [{ path: '', message }] } });
  }
  const files: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) files.push(...(await jsonFilesIn(vscode.Uri.joinPath(folder.uri, WORKSPACE_DECKS_DIR))));
  files.push(...(await jsonFilesIn(globalDecks)));
  for (const p of extra.paths) {
    const uri = resolvePath(p);
    if (!uri) {
      loaded.push({ source: p, result: { ok: false, errors: [{ path: '', message: 'relative deck path, but no workspace folder is open' }] } });
      continue;
    }
    const stat = await statOf(uri);
    if (stat && stat.type & vscode.FileType.Directory) files.push(...(await jsonFilesIn(uri)));
    else files.push(uri);
  }
  const seen = new Set<string>();
  for (const uri of files) {
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    loaded.push(await readDeck(uri));
  }
  return buildLibrary(loaded);
}

async function readDeck(uri: vscode.Uri): Promise<LoadedDeck> {
  const source = vscode.workspace.asRelativePath(uri, true);
  const fail = (message: string): LoadedDeck => ({ source, result: { ok: false, errors: [{ path: '', message }] } });
  let bytes: Uint8Array;
  if (uri.scheme === 'file') {
    const read = await readRegularFile(uri.fsPath, MAX_DECK_BYTES);
    if (!read.ok) return fail(read.message);
    bytes = read.bytes;
  } else {
    // Other file systems (virtual workspaces) have no devices or pipes; check what they can say.
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File)) return fail('is not a regular file; only regular files are read');
      if (stat.size > MAX_DECK_BYTES) return fail(`is larger than ${formatBytes(MAX_DECK_BYTES)}`);
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return fail('could not be read');
    }
    if (bytes.length > MAX_DECK_BYTES) return fail(`is larger than ${formatBytes(MAX_DECK_BYTES)}`);
  }
  return { source, result: parseDeckBytes(bytes, { knownRules: KNOWN_RULE_CODES }) };
}

async function jsonFilesIn(dir: vscode.Uri): Promise<vscode.Uri[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries
      .filter(([name, type]) => (type & vscode.FileType.File) !== 0 && name.toLowerCase().endsWith('.json'))
      .map(([name]) => vscode.Uri.joinPath(dir, name))
      .sort((a, b) => a.path.localeCompare(b.path));
  } catch {
    return []; // No such folder: no decks there.
  }
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

function resolvePath(p: string): vscode.Uri | undefined {
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return vscode.Uri.file(p);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, p) : undefined;
}
