import * as vscode from 'vscode';
import { exportAnkiTsv, importAnkiTsv, type AnkiLineProblem } from '../../flashcards/anki';
import { DECK_FORMAT_VERSION, type Deck } from '../../flashcards/deck';
import type { Library } from '../../flashcards/library';
import { readRegularFile } from '../../flashcards/regularFile';
import { describeError } from '../logger';
import { WORKSPACE_DECKS_DIR } from './deckLoader';

/** Where new decks go: the first workspace folder's `.async-coach/decks`, else extension storage. */
export function decksFolder(globalDecks: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, WORKSPACE_DECKS_DIR) : globalDecks;
}

/** Anki exports of big collections run to a few megabytes; this leaves room and stops devices. */
const MAX_ANKI_BYTES = 50 * 1024 * 1024;
/** Lines about left-out cards written to the log per import; the rest are counted. */
const MAX_LOGGED_PROBLEMS = 1000;

/**
 * Reads an Anki text export and saves what it can as JSON decks (several when it has more cards
 * than a deck holds). What was left out is listed line by line in the log. Returns the first file.
 */
export async function importAnki(globalDecks: vscode.Uri, log: vscode.LogOutputChannel, from?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = from ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Anki text export': ['txt', 'tsv', 'csv'] } }))?.[0];
  if (!picked) return undefined;
  const fileName = picked.path.split('/').pop() ?? 'the file';
  const text = await readImportText(picked);
  if (typeof text !== 'string') {
    void vscode.window.showErrorMessage(`Async Coach: ${fileName} ${text.problem}.`);
    return undefined;
  }
  const result = importAnkiTsv(text, fileName.replace(/\.[^.]+$/, '') || 'Imported');
  logProblems(log, fileName, result.problems);
  const leftOut = result.problems.length > 0 ? ` ${result.problems.length} line${result.problems.length === 1 ? '' : 's'} with something left out: see the Async Coach log.` : '';
  if (!result.ok) {
    const first = result.errors.slice(0, 3).map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ');
    void showWithLog(vscode.window.showErrorMessage(`Async Coach: nothing could be imported from ${fileName} (${first}).${leftOut}`, 'Show Log'), log);
    return undefined;
  }
  const folder = decksFolder(globalDecks);
  const targets = result.decks.map((deck) => ({ deck, uri: vscode.Uri.joinPath(folder, `${deck.id}.json`) }));
  const existing = (await Promise.all(targets.map(async (t) => ((await exists(t.uri)) ? t.uri : undefined)))).filter((u): u is vscode.Uri => u !== undefined);
  if (existing.length > 0) {
    const names = existing.map((u) => vscode.workspace.asRelativePath(u)).join(', ');
    const choice = await vscode.window.showWarningMessage(`${names} ${existing.length === 1 ? 'exists' : 'exist'}. Replace? Progress on cards with the same ids is kept.`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  }
  try {
    for (const { deck, uri } of targets) await writeJson(uri, { formatVersion: DECK_FORMAT_VERSION, ...deck });
  } catch (err) {
    log.error(`Import failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Async Coach: the deck could not be saved; see the "Async Coach" output.');
    return undefined;
  }
  const cards = result.decks.reduce((n, d) => n + d.cards.length, 0);
  const into = result.decks.length === 1 ? `"${result.decks[0]?.name ?? ''}"` : `${result.decks.length} decks`;
  const message = `Async Coach: imported ${cards} card${cards === 1 ? '' : 's'} into ${into}.${leftOut}`;
  void showWithLog(leftOut ? vscode.window.showWarningMessage(message, 'Show Log') : vscode.window.showInformationMessage(message), log);
  return targets[0]?.uri;
}

/** The file's text, or why it cannot be imported (only regular files, capped, UTF-8). */
async function readImportText(uri: vscode.Uri): Promise<string | { problem: string }> {
  let bytes: Uint8Array;
  if (uri.scheme === 'file') {
    const read = await readRegularFile(uri.fsPath, MAX_ANKI_BYTES);
    if (!read.ok) return { problem: read.message };
    bytes = read.bytes;
  } else {
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { problem: 'could not be read' };
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'is not UTF-8 text; export it from Anki as "Notes in Plain Text"' };
  }
}

function logProblems(log: vscode.LogOutputChannel, fileName: string, problems: readonly AnkiLineProblem[]): void {
  for (const p of problems.slice(0, MAX_LOGGED_PROBLEMS)) log.warn(`Anki import of ${fileName}, line ${p.line}: ${p.message}`);
  if (problems.length > MAX_LOGGED_PROBLEMS) log.warn(`Anki import of ${fileName}: and ${problems.length - MAX_LOGGED_PROBLEMS} more lines with something left out`);
}

async function showWithLog(shown: Thenable<string | undefined>, log: vscode.LogOutputChannel): Promise<void> {
  if ((await shown) === 'Show Log') log.show();
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
