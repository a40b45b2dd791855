import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PythonParser } from '../../analysis/parser';
import { DIAGNOSTIC_SOURCE } from '../../server/protocol';
import { COMMANDS } from '../commandIds';
import type { CoachClient } from '../languageClient';
import { describeError } from '../logger';
import type { RuleDocs } from '../ruleDocs';
import { TimelineCommands, trusted, type SourceProgram } from './timelineCommands';
import { TimelinePanel } from './timelinePanel';
import { TimelineRunner } from './timelineRuns';
import { challengeDocument } from '../flashcards/challengeCommands';

/** Not in the palette: what the timeline panel shows, for the integration tests and troubleshooting. */
export const TIMELINE_INTERNAL_COMMANDS = { snapshot: 'asyncCoach.timeline.snapshot' } as const;

/** Wires "See it run": the panel, the CodeLens on asyncio.run(...), the ACO101 action, the commands. */
export function registerTimeline(context: vscode.ExtensionContext, parser: PythonParser, client: CoachClient, docs: RuleDocs, log: vscode.LogOutputChannel): void {
  // The panel calls back only once its page has loaded, after `timeline` exists.
  const panel = new TimelinePanel(context.extensionUri, (message) => timeline.handle(message), log);
  const runner = new TimelineRunner(context.extensionUri);
  const timeline = new TimelineCommands(parser, runner, panel, docs, log);
  const lenses = new RunCodeLenses(client, log);
  const python: vscode.DocumentSelector = { language: 'python' };
  context.subscriptions.push(
    panel,
    runner,
    lenses,
    vscode.languages.registerCodeLensProvider(python, lenses),
    vscode.languages.registerCodeActionsProvider(python, new CompareWithFixAction(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
    vscode.commands.registerCommand(COMMANDS.runTimeline, (uri?: unknown) => timeline.runAndShow(uri)),
    vscode.commands.registerCommand(COMMANDS.compareWithFix, (uri?: unknown, line?: unknown) => timeline.compareWithFix(uri, line)),
    vscode.commands.registerCommand(COMMANDS.compareChallenge, () => compareChallenge(timeline, context.extensionUri)),
    vscode.commands.registerCommand(COMMANDS.showTimelineExample, (name?: unknown) => showExample(timeline, context.extensionUri, name)),
    vscode.commands.registerCommand(TIMELINE_INTERNAL_COMMANDS.snapshot, () => panel.snapshot()),
  );
}

/** "Run and show timeline" above every asyncio.run(...) that starts the program. */
class RunCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly client: CoachClient,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  /** The server finds the entry points in its own tree of the document: nothing is parsed here. */
  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    let ranges: vscode.Range[];
    try {
      ranges = await this.client.entryPoints(document, token);
    } catch (err) {
      if (!token.isCancellationRequested) this.log.debug(`No timeline code lenses for ${document.uri.toString(true)}: ${describeError(err)}`);
      return [];
    }
    const title = vscode.workspace.isTrusted ? '$(play) Run and show timeline' : '$(lock) Run and show timeline (needs a trusted workspace)';
    return ranges.map((range) => new vscode.CodeLens(range, { title, command: COMMANDS.runTimeline, arguments: [document.uri], tooltip: 'Run this file with Async Coach\'s tracer and see how its tasks ran' }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** On an ACO101 finding: run the file as it is and with the fix on a temporary copy, and compare. */
class CompareWithFixAction implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const finding = context.diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object' && d.code.value === 'ACO101');
    if (!finding) return [];
    const action = new vscode.CodeAction('Compare with the fix: run both and show their timelines', vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: COMMANDS.compareWithFix, arguments: [document.uri, finding.range.start.line] };
    return [action];
  }
}

/**
 * The challenge's "See it run": the learner's challenge.py compared with its fix when it still
 * awaits independent calls one after another; otherwise the lesson's own example of that.
 */
async function compareChallenge(timeline: TimelineCommands, extensionUri: vscode.Uri): Promise<unknown> {
  if (!(await trusted())) return undefined;
  const doc = await challengeDocument();
  if (doc && timeline.hasFixToCompare(doc.getText(), doc.uri)) return timeline.compareWithFix(doc.uri);
  const example = readExample(extensionUri, 'one_after_another');
  return example && timeline.compareSource({ ...example, why: "The lesson's example: three fetch_user calls awaited one after another, then the same three gathered." });
}

/**
 * A built-in example's timeline (flashcards link to them): compared with its fix when it has an
 * ACO101 finding, else run on its own. Without a name, the learner picks one.
 */
async function showExample(timeline: TimelineCommands, extensionUri: vscode.Uri, name: unknown): Promise<unknown> {
  const chosen = typeof name === 'string' ? name : await pickExample(extensionUri);
  if (!chosen) return undefined;
  const example = readExample(extensionUri, chosen);
  if (!example) {
    void vscode.window.showWarningMessage(`Async Coach: there is no built-in example named "${chosen}".`);
    return undefined;
  }
  if (!(await trusted())) return undefined;
  return timeline.hasFixToCompare(example.text) ? timeline.compareSource(example) : timeline.runSource(example);
}

function examplesDir(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'media', 'timeline', 'examples').fsPath;
}

/** `media/timeline/examples/<name>.py`, for a plain name only (decks name examples; they never give paths). */
function readExample(extensionUri: vscode.Uri, name: string): SourceProgram | undefined {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name)) return undefined;
  try {
    const text = readFileSync(path.join(examplesDir(extensionUri), `${name}.py`), 'utf8');
    return { name: `${name}.py`, text, dir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir() };
  } catch {
    return undefined;
  }
}

async function pickExample(extensionUri: vscode.Uri): Promise<string | undefined> {
  const names = readdirSync(examplesDir(extensionUri)).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));
  const items = names.map((name) => {
    const first = /^"""(.*)$/m.exec(readExample(extensionUri, name)?.text ?? '')?.[1] ?? '';
    return { label: name, detail: first };
  });
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Which example do you want to see run?' }))?.label;
}
