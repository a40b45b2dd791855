import * as vscode from 'vscode';
import type { PythonParser } from '../../analysis/parser';
import { COMMANDS } from '../commandIds';
import { checkChallengeCommand, createChallenge } from './challengeCommands';
import { FlashcardController } from './controller';
import { exportAnki, importAnki, openDecksFolder } from './deckCommands';
import { WORKSPACE_DECKS_DIR } from './deckLoader';
import { FLASHCARD_VIEW_ID, PlayerView } from './playerView';
import { ProgressFolder } from '../../flashcards/progressFile';
import { PROGRESS_KEY, ProgressStore } from '../../flashcards/progressStore';

/**
 * Commands for tests and troubleshooting, not in the palette: what the view shows, answering the
 * card on screen, re-reading progress from storage the way a reloaded window does, and putting a
 * value into `globalState` as Settings Sync or another machine would.
 */
export const FLASHCARD_INTERNAL_COMMANDS = {
  snapshot: 'asyncCoach.flashcards.snapshot',
  answer: 'asyncCoach.flashcards.answer',
  reload: 'asyncCoach.flashcards.reload',
  writeStoredProgress: 'asyncCoach.flashcards.writeStoredProgress',
} as const;

/** Wires the flashcard player, its commands and the challenge walkthrough into the extension. */
export function registerFlashcards(context: vscode.ExtensionContext, parser: PythonParser, log: vscode.LogOutputChannel): void {
  const globalDecks = vscode.Uri.joinPath(context.globalStorageUri, 'decks');
  const progressFiles = new ProgressFolder(context.globalStorageUri.fsPath);
  const store = new ProgressStore(context.globalState, progressFiles, log);
  let controller: FlashcardController | undefined;
  const view = new PlayerView(context.extensionUri, (message) => controller?.handle(message), log);
  const runAction = (action: 'importAnki' | 'exportAnki' | 'openDecksFolder'): void => {
    const command = { importAnki: COMMANDS.importAnkiDeck, exportAnki: COMMANDS.exportAnkiDeck, openDecksFolder: COMMANDS.openDecksFolder }[action];
    void vscode.commands.executeCommand(command);
  };
  controller = new FlashcardController(view, store, globalDecks, log, runAction);
  const challengeOutput = vscode.window.createOutputChannel('Async Coach Challenge');

  let reloadTimer: NodeJS.Timeout | undefined;
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_DECKS_DIR}/*.json`);
  const reloadSoon = (): void => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void controller?.reloadDecks(), 300);
  };

  context.subscriptions.push(
    view,
    controller,
    challengeOutput,
    watcher,
    watcher.onDidCreate(reloadSoon),
    watcher.onDidChange(reloadSoon),
    watcher.onDidDelete(reloadSoon),
    { dispose: () => clearTimeout(reloadTimer) },
    vscode.window.registerWebviewViewProvider(FLASHCARD_VIEW_ID, view),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('asyncCoach.flashcards')) controller?.settingsChanged();
    }),
    // Trusting the workspace lets its deckPaths in: read the decks again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void controller?.reloadDecks()),
    // Another window (or browser) may have studied meanwhile.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) void controller?.refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.studyFlashcards, async () => (await controller?.open()) !== undefined || view.isReady()),
    vscode.commands.registerCommand(COMMANDS.studyCard, async (id?: unknown) => {
      const chosen = typeof id === 'string' && id.trim() !== '' ? id.trim() : await pickCard(controller);
      return chosen === undefined ? undefined : controller?.open(chosen);
    }),
    vscode.commands.registerCommand(COMMANDS.importAnkiDeck, async (from?: vscode.Uri) => {
      const saved = await importAnki(globalDecks, log, from instanceof vscode.Uri ? from : undefined);
      if (saved) await controller?.reloadDecks();
      return saved;
    }),
    vscode.commands.registerCommand(COMMANDS.exportAnkiDeck, async (to?: vscode.Uri) => {
      const library = await controller?.library();
      return library ? exportAnki(library, to instanceof vscode.Uri ? to : undefined) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.openDecksFolder, () => openDecksFolder(globalDecks)),
    vscode.commands.registerCommand(COMMANDS.createChallenge, () => createChallenge(context.extensionUri)),
    vscode.commands.registerCommand(COMMANDS.checkChallenge, () => checkChallengeCommand(parser, challengeOutput)),
    vscode.commands.registerCommand(FLASHCARD_INTERNAL_COMMANDS.snapshot, () => controller?.snapshot()),
    vscode.commands.registerCommand(FLASHCARD_INTERNAL_COMMANDS.answer, async (rating: unknown) => {
      const snap = await controller?.snapshot();
      const key = snap?.state.card?.key;
      if (!key || !controller || (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4)) return false;
      return controller.rate(key, rating);
    }),
    vscode.commands.registerCommand(FLASHCARD_INTERNAL_COMMANDS.reload, async () => {
      controller?.dispose();
      controller = new FlashcardController(view, new ProgressStore(context.globalState, progressFiles, log), globalDecks, log, runAction);
      await controller.ready;
    }),
    vscode.commands.registerCommand(FLASHCARD_INTERNAL_COMMANDS.writeStoredProgress, (raw: unknown) => context.globalState.update(PROGRESS_KEY, raw)),
  );
}

async function pickCard(controller: FlashcardController | undefined): Promise<string | undefined> {
  const library = await controller?.library();
  if (!library) return undefined;
  const item = await vscode.window.showQuickPick(
    library.cards.map((c) => ({ label: c.card.front, description: [c.card.difficulty, ...c.card.rules].join(' · '), detail: c.deckName, key: c.key })),
    { placeHolder: 'Which card do you want to study?', matchOnDescription: true },
  );
  return item?.key;
}
