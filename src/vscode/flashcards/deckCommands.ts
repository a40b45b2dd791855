import * as vscode from 'vscode';
import { exportAnkiTsv, importAnkiTsv } from '../../flashcards/anki';
import { DECK_FORMAT_VERSION, type Deck } from '../../flashcards/deck';
import type { Library } from '../../flashcards/library';
import { describeError } from '../logger';
import { WORKSPACE_DECKS_DIR } from './deckLoader';

/** Where new decks go: the first workspace folder's `.async-coach/decks`, else extension storage. */
export function decksFolder(globalDecks: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, WORKSPACE_DECKS_DIR) : globalDecks;
}

/** Reads an Anki text export, validates it, and saves it as a JSON deck. Returns the new file. */
export async function importAnki(globalDecks: vscode.Uri, log: vscode.LogOutputChannel, from?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = from ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Anki text export': ['txt', 'tsv', 'csv'] } }))?.[0];
  if (!picked) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(picked));
  } catch (err) {
    void vscode.window.showErrorMessage(`Async Coach: could not read ${picked.fsPath}: it must be a UTF-8 text file (${err instanceof Error ? err.message : String(err)}).`);
    return undefined;
  }
  const name = picked.path.split('/').pop()?.replace(/\.[^.]+$/, '') ?? 'Imported';
  const result = importAnkiTsv(text, name);
  if (!result.ok) {
    const first = result.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
    void vscode.window.showErrorMessage(`Async Coach: ${picked.path.split('/').pop()} is not a deck Async Coach can read (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}: ${first}).`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(decksFolder(globalDecks), `${result.deck.id}.json`);
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it? Progress on cards with the same ids is kept.`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  }
  try {
    await writeJson(target, { formatVersion: DECK_FORMAT_VERSION, ...result.deck });
  } catch (err) {
    log.error(`Import failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Async Coach: the deck could not be saved; see the "Async Coach" output.');
    return undefined;
  }
  const skipped = result.skipped > 0 ? ` (${result.skipped} line${result.skipped === 1 ? '' : 's'} without a front and back skipped)` : '';
  void vscode.window.showInformationMessage(`Async Coach: imported ${result.deck.cards.length} cards into "${result.deck.name}"${skipped}.`);
  return target;
}

/** Saves a deck as Anki TSV; asks which deck when there are several. */
export async function exportAnki(library: Library, to?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const deck = library.decks.length === 1 ? library.decks[0] : await pickDeck(library.decks);
  if (!deck) return undefined;
  const target = to ?? (await vscode.window.showSaveDialog({ saveLabel: 'Export for Anki', filters: { 'Anki text': ['txt'] }, defaultUri: defaultExportUri(deck) }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportAnkiTsv(deck)));
  if (!to) void vscode.window.showInformationMessage(`Async Coach: exported ${deck.cards.length} cards. In Anki: File > Import, then pick ${target.path.split('/').pop()}.`);
  return target;
}

/** Opens the decks folder's starter file, creating both when missing. */
export async function openDecksFolder(globalDecks: vscode.Uri): Promise<void> {
  const folder = decksFolder(globalDecks);
  const starter = vscode.Uri.joinPath(folder, 'my-deck.json');
  const entries = await vscode.workspace.fs.readDirectory(folder).then(
    (e) => e.filter(([n]) => n.endsWith('.json')),
    () => [],
  );
  if (entries.length === 0) await writeJson(starter, STARTER_DECK);
  const first = entries.length > 0 ? vscode.Uri.joinPath(folder, entries[0]?.[0] ?? 'my-deck.json') : starter;
  await vscode.window.showTextDocument(first);
}

const STARTER_DECK = {
  formatVersion: DECK_FORMAT_VERSION,
  id: 'my-deck',
  name: 'My asyncio notes',
  cards: [
    {
      id: 'first-card',
      front: 'What does asyncio.gather return?',
      back: 'A list of the results, in the order the awaitables were passed.',
      code: 'a, b = await asyncio.gather(fetch(1), fetch(2))',
      difficulty: 'easy',
      tags: ['gather'],
      snippets: ['aio-gather'],
    },
  ],
};

async function pickDeck(decks: readonly Deck[]): Promise<Deck | undefined> {
  const item = await vscode.window.showQuickPick(
    decks.map((d) => ({ label: d.name, description: `${d.cards.length} cards`, deck: d })),
    { placeHolder: 'Which deck should be exported?' },
  );
  return item?.deck;
}

function defaultExportUri(deck: Deck): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, `${deck.id}.anki.txt`) : undefined;
}

async function writeJson(target: vscode.Uri, value: unknown): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n'));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
