import type { CardDifficulty, DeckProblem, ExtensionAction, StudyFilterView, ViewState } from '../shared/protocol';
import { button, h, list } from './dom';

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
    list('fieldset', { class: 'tag-list' }, state.available.tags, (t, i) => box(chosen.tags, t, `tag-${i}`), h('legend', {}, 'Tags')),
    state.available.moreTags > 0
      ? h('p', { class: 'muted', id: 'more-tags' }, `The ${state.available.tags.length.toLocaleString('en')} most used tags are listed; ${state.available.moreTags.toLocaleString('en')} more are not.`)
      : null,
    h('p', { class: 'muted' }, 'A card shows when it matches any chosen tag and any chosen difficulty.'),
    clear,
  );
}

/** Deck files that failed validation, with their problems (the first ones, when there are many). */
export function problemsPanel(problems: readonly DeckProblem[], total: number): HTMLElement | null {
  if (problems.length === 0) return null;
  const rest = total - problems.length;
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title' }, `Deck problems (${total.toLocaleString('en')})`),
    list('ul', {}, problems, (p) => h('li', {}, h('code', { class: 'file' }, p.source), p.path ? ' ' : null, p.path ? h('code', { class: 'path' }, p.path) : null, ': ', p.message)),
    rest > 0 ? h('p', { class: 'muted', id: 'more-problems' }, `and ${rest.toLocaleString('en')} more: fix these, then reload the decks.`) : null,
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
