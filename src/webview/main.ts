import { inspectToWebview, type ExtensionAction, type Rating, type StatsView, type StudyFilterView, type ToExtension, type ViewState } from '../shared/protocol';
import { button, h } from './dom';
import { keyAction } from './keys';
import { deckTools, filterPanel, problemsPanel } from './panels';
import { statsSection } from './statsView';
import { cardSection, countsBar, doneSection } from './studyView';

/** What VS Code gives a webview script; declared here because the page has no @types for it. */
interface VsCodeApi {
  postMessage(message: ToExtension): void;
  getState(): unknown;
  setState(state: UiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** UI-only state, kept by VS Code across hide/show (`setState`); progress lives in the extension. */
interface UiState {
  view: 'study' | 'stats';
  /** The card whose answer is showing, so a re-render keeps it showing. */
  revealedKey: string | null;
  filtersOpen: boolean;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let ui: UiState = restoreUi(vscode.getState());
let state: ViewState | undefined;
let stats: StatsView | undefined;
/** Set after an answer is sent, until the next state arrives: a held key must not rate twice. */
let awaitingState = false;
/** Set when a message from the extension could not be shown; cleared by the next good state. */
let refused: string | undefined;

function restoreUi(raw: unknown): UiState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof UiState, unknown>>;
  return {
    view: r.view === 'stats' ? 'stats' : 'study',
    revealedKey: typeof r.revealedKey === 'string' ? r.revealedKey : null,
    filtersOpen: r.filtersOpen === true,
  };
}

function setUi(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
  render();
}

function post(message: ToExtension): void {
  vscode.postMessage(message);
}

const handlers = {
  reveal(): void {
    if (state?.card) setUi({ revealedKey: state.card.key });
    focusCard();
  },
  rate(rating: Rating): void {
    const card = state?.card;
    if (!card || ui.revealedKey !== card.key || awaitingState) return;
    awaitingState = true;
    post({ type: 'rate', key: card.key, rating });
  },
  openSource(key: string): void {
    post({ type: 'openSource', key });
  },
};

function showStats(): void {
  post({ type: 'requestStats' });
  setUi({ view: 'stats' });
  document.getElementById('stats-title')?.focus();
}

function render(): void {
  const focusedId = document.activeElement?.id;
  app.replaceChildren();
  const refusal = refused === undefined ? null : h('p', { class: 'notice error', role: 'alert', id: 'view-error' }, `The player could not show the latest update (${refused}). See the "Async Coach" output.`);
  if (!state) {
    app.append(refusal ?? h('p', { class: 'loading' }, 'Loading flashcards…'));
    return;
  }
  const s = state;
  const toolbar = h(
    'header',
    { class: 'toolbar' },
    countsBar(s),
    h(
      'div',
      { class: 'tools' },
      button(['Undo ', h('kbd', {}, 'U')], () => post({ type: 'undo' }), { id: 'undo', class: 'secondary', disabled: !s.canUndo, 'aria-keyshortcuts': 'U' }),
      button(['Filter'], () => setUi({ filtersOpen: !ui.filtersOpen }), { id: 'filter-toggle', class: `secondary${s.filter.tags.length + s.filter.difficulties.length > 0 ? ' active' : ''}`, 'aria-expanded': String(ui.filtersOpen), 'aria-controls': 'filter-panel' }),
      button(['Stats'], () => (ui.view === 'stats' ? setUi({ view: 'study' }) : showStats()), { id: 'stats-toggle', class: 'secondary', 'aria-pressed': String(ui.view === 'stats') }),
    ),
  );
  const notice = s.notice ? h('p', { class: `notice ${s.notice.level}`, role: s.notice.level === 'error' ? 'alert' : 'status' }, s.notice.text) : null;
  const filters = ui.filtersOpen ? filterPanel(s, (filter: StudyFilterView) => post({ type: 'setFilter', filter })) : null;
  let body: HTMLElement;
  if (ui.view === 'stats') body = statsSection(stats, () => setUi({ view: 'study' }));
  else if (s.card) body = cardSection(s.card, s, ui.revealedKey === s.card.key, handlers);
  else body = doneSection(s, showStats);
  const hints = ui.view === 'stats' ? null : h('p', { class: 'hints muted' }, h('kbd', {}, 'Space'), ' show, then Good · ', h('kbd', {}, '1'), '–', h('kbd', {}, '4'), ' rate · ', h('kbd', {}, 'U'), ' undo');
  app.append(toolbar, ...[refusal, notice, filters, body, problemsPanel(s.deckProblems, s.problemCount), hints, deckTools((action: ExtensionAction) => post({ type: 'action', action }))].filter((x): x is HTMLElement => x !== null));
  const again = focusedId ? document.getElementById(focusedId) : null;
  if (again) again.focus();
}

function focusCard(): void {
  const card = app.querySelector<HTMLElement>('article.card');
  if (card) card.focus({ preventScroll: false });
  else app.querySelector<HTMLElement>('#done-title')?.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const inbox = inspectToWebview(event.data);
  if (!inbox.ok) {
    // Not ours: not for us. Ours but malformed or over a limit: never render half of it, and
    // never drop it silently either: say so here and in the extension's log.
    if (inbox.ours) {
      refused = inbox.problem;
      post({ type: 'viewError', message: inbox.problem });
      render();
    }
    return;
  }
  const message = inbox.message;
  if (message.type === 'stats') {
    stats = message.stats;
    if (ui.view === 'stats') render();
    return;
  }
  const previousKey = state?.card?.key;
  state = message.state;
  refused = undefined;
  awaitingState = false;
  if (state.card?.key !== ui.revealedKey) ui = { ...ui, revealedKey: null };
  vscode.setState(ui);
  render();
  if (ui.view === 'study' && state.card?.key !== previousKey) focusCard();
});

window.addEventListener('keydown', (event: KeyboardEvent) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  // On a focused button, Space and Enter press that button (the browser does it).
  if (tag === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
  if (!state || ui.view !== 'study') return;
  const action = keyAction(event.key, { hasCard: state.card !== null, revealed: state.card !== null && ui.revealedKey === state.card.key, canUndo: state.canUndo });
  if (!action) return;
  event.preventDefault();
  if (action.kind === 'reveal') handlers.reveal();
  else if (action.kind === 'rate') handlers.rate(action.rating);
  else post({ type: 'undo' });
});

render();
post({ type: 'ready' });
