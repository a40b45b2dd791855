import type { CardView, Rating, ViewState } from '../shared/protocol';
import { button, h, list } from './dom';

export interface StudyHandlers {
  reveal(): void;
  rate(rating: Rating): void;
  openSource(key: string): void;
}

const ANSWERS: readonly { rating: Rating; label: string; hint: string; cls: string }[] = [
  { rating: 1, label: 'Again', hint: "didn't know", cls: 'again' },
  { rating: 2, label: 'Hard', hint: 'struggled', cls: 'hard' },
  { rating: 3, label: 'Good', hint: 'recalled', cls: 'good' },
  { rating: 4, label: 'Easy', hint: 'too easy', cls: 'easy' },
];

const KIND_LABEL: Readonly<Record<CardView['kind'], string>> = {
  new: 'New card',
  learning: 'Learning',
  review: 'Review',
  'learn-ahead': 'Learning (shown early)',
  pinned: 'Opened from the editor',
};

/** The New / Learning / Due counts, Anki's three numbers; the current card's queue is underlined. */
export function countsBar(state: ViewState): HTMLElement {
  const kind = state.card?.kind;
  const current = kind === 'new' ? 'new' : kind === 'review' ? 'review' : kind === 'learning' || kind === 'learn-ahead' ? 'learning' : undefined;
  const count = (cls: 'new' | 'learning' | 'review', label: string, n: number, title: string): HTMLElement =>
    h('span', { class: `count ${cls}${current === cls ? ' current' : ''}`, title }, h('span', { class: 'n' }, String(n)), ` ${label}`);
  return h(
    'div',
    { class: 'counts', role: 'status', 'aria-label': 'Cards left today' },
    count('new', 'new', state.counts.new, 'New cards left today (see the newCardsPerDay setting)'),
    count('learning', 'learning', state.counts.learning, 'Cards in their learning steps'),
    count('review', 'due', state.counts.review, 'Reviews due today'),
  );
}

/** The card: question, then (once revealed) the answer; the buttons below it. */
export function cardSection(card: CardView, state: ViewState, revealed: boolean, on: StudyHandlers): HTMLElement {
  const meta = h(
    'div',
    { class: 'meta' },
    h('span', { class: `badge difficulty ${card.difficulty}`, title: 'Difficulty (a label from the deck)' }, card.difficulty),
    h('span', { class: 'kind' }, KIND_LABEL[card.kind]),
    ...card.rules.map((r) => h('span', { class: 'badge rule', title: `Linter rule ${r}` }, r)),
    card.timestamp !== undefined && card.canOpenSource
      ? button(['▶ ', card.timestamp], () => on.openSource(card.key), { class: 'link source', title: 'Open the video at this moment' })
      : card.timestamp !== undefined
        ? h('span', { class: 'source', title: 'Position in the course video' }, `▶ ${card.timestamp}`)
        : null,
  );
  const tags = card.tags.length > 0 ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, ...card.tags.map((t) => h('li', {}, t))) : null;
  const question = h('div', { class: 'question' }, h('h2', { class: 'front', id: 'card-front' }, card.front), card.frontCode !== undefined ? codeBlock(card.frontCode) : null);
  const answer = h(
    'div',
    { class: 'answer', id: 'card-answer', 'aria-live': 'polite', hidden: !revealed },
    revealed ? h('p', { class: 'back' }, card.back) : null,
    revealed && card.code !== undefined ? codeBlock(card.code) : null,
    revealed && card.snippets.length > 0 ? h('p', { class: 'snippets' }, 'Snippets: ', ...card.snippets.map((s) => h('code', {}, s))) : null,
  );
  const article = h(
    'article',
    { class: 'card', role: 'group', 'aria-roledescription': 'flashcard', 'aria-labelledby': 'card-front', tabindex: '-1', 'data-key': card.key },
    meta,
    tags,
    question,
    answer,
  );
  return h('section', { class: 'study', 'aria-label': `${card.deckName} deck` }, article, actions(state, revealed, on));
}

function actions(state: ViewState, revealed: boolean, on: StudyHandlers): HTMLElement {
  if (!revealed) {
    return h(
      'div',
      { class: 'actions' },
      button(['Show answer ', h('kbd', {}, 'Space')], () => on.reveal(), { class: 'primary reveal', 'aria-keyshortcuts': 'Space Enter', 'aria-controls': 'card-answer' }),
    );
  }
  const intervals = state.intervals ?? ['', '', '', ''];
  return h(
    'div',
    { class: 'actions answers', role: 'group', 'aria-label': 'How well did you know it?' },
    ...ANSWERS.map(({ rating, label, hint, cls }) =>
      button(
        [h('span', { class: 'interval' }, intervals[rating - 1] ?? ''), h('span', { class: 'label' }, label), h('span', { class: 'hint' }, hint), h('kbd', {}, String(rating))],
        () => on.rate(rating),
        {
          class: `answer-button ${cls}`,
          'aria-keyshortcuts': rating === 3 ? '3 Space' : String(rating),
          'aria-label': `${label}, ${hint}: next in ${intervals[rating - 1] ?? ''}`,
        },
      ),
    ),
  );
}

/**
 * Code wraps at the view's width instead of running off its edge (the sidebar is narrow). Each
 * line is its own box whose wrapped part hangs further in than the line's own indentation, as an
 * editor's word wrap does, so a wrapped line never reads as a dedent. The newlines stay real text
 * between the boxes, so the text (and a copy of it) is the code exactly as written.
 */
function codeBlock(code: string): HTMLElement {
  const lines = code.split('\n');
  return list('pre', { class: 'code', tabindex: '0', 'aria-label': 'Python code' }, lines, (line, i) => {
    const el = h('span', { class: 'line' }, line);
    // CSSOM, not a style attribute: the page's CSP forbids inline style attributes, not this.
    el.style.setProperty('--indent', String(line.length - line.trimStart().length));
    if (i === lines.length - 1) return el;
    const pair = document.createDocumentFragment();
    pair.append(el, '\n');
    return pair;
  });
}

/** Shown when no card is left for now: what was done, and when to come back. */
export function doneSection(state: ViewState, showStats: () => void): HTMLElement {
  const [again, hard, good, easy] = state.session.answers;
  const total = again + hard + good + easy;
  const minutes = Math.max(0, Math.round((Date.now() - state.session.startedAt) / 60_000));
  const filtered = state.filter.tags.length > 0 || state.filter.difficulties.length > 0;
  return h(
    'section',
    { class: 'done', 'aria-labelledby': 'done-title' },
    h('h2', { id: 'done-title', tabindex: '-1' }, state.totalCards === 0 ? 'No cards to study' : total > 0 ? 'Well done: nothing more is due right now' : 'Nothing is due right now'),
    total > 0
      ? h(
          'dl',
          { class: 'summary', 'aria-label': 'This session' },
          h('dt', {}, 'Answered'),
          h('dd', {}, `${total} card${total === 1 ? '' : 's'}${minutes > 0 ? ` in ${minutes} min` : ''}`),
          h('dt', {}, 'Again / Hard / Good / Easy'),
          h('dd', {}, `${again} / ${hard} / ${good} / ${easy}`),
          h('dt', {}, 'Recalled'),
          h('dd', {}, `${Math.round(((total - again) / total) * 100)}%`),
        )
      : null,
    state.nextDueIn !== undefined ? h('p', {}, `The next card is due in ${state.nextDueIn}.`) : null,
    filtered ? h('p', { class: 'muted' }, 'A filter is on: clear it to study the other cards.') : null,
    button(['Statistics'], showStats, { class: 'secondary' }),
  );
}
