import * as vscode from 'vscode';
import { builtinDeck } from '../../flashcards/builtinDeck';
import { validateDeck } from '../../flashcards/deck';
import { buildLibrary, type Library, type LoadedDeck } from '../../flashcards/library';
import { KNOWN_RULE_CODES } from '../../flashcards/ruleCards';

/** Where a workspace keeps its own decks. */
export const WORKSPACE_DECKS_DIR = '.async-coach/decks';
const MAX_DECK_BYTES = 2 * 1024 * 1024;

/**
 * Loads every deck: the built-in one first (its ids win), then `.async-coach/decks/*.json` of each
 * workspace folder, the decks imported outside a workspace, and the paths in
 * `asyncCoach.flashcards.deckPaths`. A bad file becomes a problem shown in the view, never an error.
 */
export async function loadLibrary(globalDecks: vscode.Uri, extraPaths: readonly string[]): Promise<Library> {
  const loaded: LoadedDeck[] = [{ source: 'built-in deck', result: builtinDeck() }];
  const files: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) files.push(...(await jsonFilesIn(vscode.Uri.joinPath(folder.uri, WORKSPACE_DECKS_DIR))));
  files.push(...(await jsonFilesIn(globalDecks)));
  for (const p of extraPaths) {
    const uri = resolvePath(p);
    if (!uri) {
      loaded.push({ source: p, result: { ok: false, errors: [{ path: '', message: 'relative deck path, but no workspace folder is open' }] } });
      continue;
    }
    const stat = await statOf(uri);
    if (stat?.type === vscode.FileType.Directory) files.push(...(await jsonFilesIn(uri)));
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
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_DECK_BYTES) return fail(`is ${Math.round(stat.size / 1024)} KB; deck files may be at most ${MAX_DECK_BYTES / 1024 / 1024} MB`);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      return fail(`is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { source, result: validateDeck(json, { knownRules: KNOWN_RULE_CODES }) };
  } catch (err) {
    if (err instanceof TypeError) return fail('is not UTF-8 text');
    return fail(`could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function jsonFilesIn(dir: vscode.Uri): Promise<vscode.Uri[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && name.toLowerCase().endsWith('.json'))
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
