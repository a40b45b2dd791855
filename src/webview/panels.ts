import type { CardDifficulty, DeckProblem, ExtensionAction, StudyFilterView, ViewState } from '../shared/protocol';
import { button, h } from './dom';

/** Tag and difficulty checkboxes; every change sends the whole filter. */
export function filterPanel(state: ViewState, onChange: (filter: StudyFilterView) => void): HTMLElement {
  const chosen = { tags: new Set(state.filter.tags), difficulties: new Set<CardDifficulty>(state.filter.difficulties) };
  const send = (): void => onChange({ tags: [...chosen.tags], difficulties: [...chosen.difficulties] });
  const box = <T extends string>(set: Set<T>, value: T, id: string): HTMLElement => {
    const input = h('input', { type: 'checkbox', id, checked: set.has(value) });
    input.addEventListener('change', () => {
      if (input.checked) set.add(value);
      else set.delete(value);
      send();
    });
    return h('label', { class: 'check', for: id }, input, value);
  };
  const clear = button(['Show all cards'], () => onChange({ tags: [], difficulties: [] }), { class: 'link', disabled: chosen.tags.size === 0 && chosen.difficulties.size === 0 });
  return h(
    'section',
    { class: 'filters', id: 'filter-panel', 'aria-label': 'Filter cards' },
    h('fieldset', {}, h('legend', {}, 'Difficulty'), ...state.available.difficulties.map((d) => box(chosen.difficulties, d, `difficulty-${d}`))),
    h('fieldset', { class: 'tag-list' }, h('legend', {}, 'Tags'), ...state.available.tags.map((t, i) => box(chosen.tags, t, `tag-${i}`))),
    h('p', { class: 'muted' }, 'A card shows when it matches any chosen tag and any chosen difficulty.'),
    clear,
  );
}

/** Deck files that failed validation, with every problem, so they can be fixed at once. */
export function problemsPanel(problems: readonly DeckProblem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title' }, `Deck problems (${problems.length})`),
    h(
      'ul',
      {},
      ...problems.map((p) => h('li', {}, h('code', { class: 'file' }, p.source), p.path ? ' ' : null, p.path ? h('code', { class: 'path' }, p.path) : null, ': ', p.message)),
    ),
  );
}

/** Deck management, as plain buttons at the bottom. */
export function deckTools(run: (action: ExtensionAction) => void): HTMLElement {
  const tool = (label: string, action: ExtensionAction, title: string): HTMLElement => button([label], () => run(action), { class: 'link', title });
  return h(
    'nav',
    { class: 'deck-tools', 'aria-label': 'Decks' },
    tool('Import Anki…', 'importAnki', 'Import an Anki text (.txt/.tsv) export as a deck'),
    tool('Export Anki…', 'exportAnki', 'Save a deck as an Anki text file (#separator:Tab)'),
    tool('Decks folder', 'openDecksFolder', 'Open .async-coach/decks, where your own decks live'),
    tool('Reload decks', 'reloadDecks', 'Read the deck files again'),
  );
}
