import type { StatsView } from '../shared/protocol';
import { button, h } from './dom';

/** The small statistics page: today, streak, retention, the 7-day forecast and the card totals. */
export function statsSection(stats: StatsView | undefined, back: () => void): HTMLElement {
  const header = h('div', { class: 'stats-header' }, h('h2', { id: 'stats-title', tabindex: '-1' }, 'Statistics'), button(['Back to study'], back, { class: 'secondary' }));
  if (!stats) return h('section', { class: 'stats', 'aria-labelledby': 'stats-title' }, header, h('p', { class: 'loading' }, 'Loading…'));
  const max = Math.max(1, ...stats.forecast.map((d) => d.count));
  const retention = stats.retention.percent === null ? 'no reviews yet' : `${stats.retention.percent}% of ${stats.retention.reviews} review${stats.retention.reviews === 1 ? '' : 's'}`;
  const figures = h(
    'dl',
    { class: 'figures' },
    h('dt', {}, 'Reviews today'),
    h('dd', {}, String(stats.reviewsToday)),
    h('dt', {}, 'Streak'),
    h('dd', {}, `${stats.streakDays} day${stats.streakDays === 1 ? '' : 's'}`),
    h('dt', {}, 'Retention (30 days)'),
    h('dd', {}, retention),
    h('dt', {}, 'Cards'),
    h('dd', {}, `${stats.totals.new} new · ${stats.totals.learning} learning · ${stats.totals.review} in review`),
  );
  const rows = stats.forecast.map((day) => {
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
    // CSSOM, not a style attribute: the CSP forbids inline style attributes, not this.
    bar.style.setProperty('--share', String(day.count / max));
    return h('tr', {}, h('th', { scope: 'row' }, day.label), h('td', { class: 'bar-cell' }, bar), h('td', { class: 'num' }, String(day.count)));
  });
  const forecast = h(
    'table',
    { class: 'forecast' },
    h('caption', {}, 'Due forecast (cards already studied)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Chart')), h('th', { scope: 'col' }, 'Cards'))),
    h('tbody', {}, ...rows),
  );
  return h('section', { class: 'stats', 'aria-labelledby': 'stats-title' }, header, figures, forecast);
}
