import { formatSeconds } from '../../shared/duration';
import type { LaneView, RunView, SegmentKind, SegmentView, StallView, TimelineView } from '../../shared/timelineProtocol';
import { button, h } from '../dom';
import { percentAt, ticks, type Viewport } from './viewport';

/** What the page does when the learner acts on a drawn element. */
export interface Actions {
  openSource(run: number, file: string, line: number): void;
  openRuleDocs(): void;
  rerun(): void;
  zoom(zoomIn: boolean): void;
  fit(): void;
}

export const KIND_LABEL: Record<SegmentKind, string> = {
  running: 'running',
  waiting: 'waiting (the loop is free)',
  blocked: 'blocked (ready, but the loop is frozen)',
  blocking: 'blocking the loop',
};

/** Where a drawn segment came from, for hover, focus and click. */
export interface SegmentRef {
  run: number;
  lane: LaneView;
  segment: SegmentView;
}

/** The whole page for one timeline view; `refs` maps each segment element to its data. */
export function renderView(view: TimelineView, viewport: Viewport, actions: Actions, refs: Map<HTMLElement, SegmentRef>): HTMLElement[] {
  const header = h(
    'header',
    { class: 'head' },
    h('h1', {}, view.runs.length > 1 ? `Before and after the fix: ${view.title}` : `Timeline of ${view.title}`),
    view.comparison ? h('p', { class: 'comparison', id: 'comparison' }, view.comparison) : null,
    view.message ? h('p', { class: 'message' }, view.message) : null,
    h(
      'div',
      { class: 'toolbar' },
      legend(),
      h(
        'div',
        { class: 'tools' },
        button(['−'], () => actions.zoom(false), { class: 'secondary', title: 'Zoom out (-)', 'aria-label': 'Zoom out', 'aria-keyshortcuts': '-' }),
        button(['+'], () => actions.zoom(true), { class: 'secondary', title: 'Zoom in (+)', 'aria-label': 'Zoom in', 'aria-keyshortcuts': '+' }),
        button(['Fit'], () => actions.fit(), { class: 'secondary', title: 'Show the whole run (0)', 'aria-keyshortcuts': '0' }),
        button(['Run again'], () => actions.rerun(), { class: 'secondary', id: 'rerun' }),
      ),
    ),
    h('p', { class: 'hints muted' }, h('kbd', {}, '↑'), h('kbd', {}, '↓'), ' task · ', h('kbd', {}, '←'), h('kbd', {}, '→'), ' step · ', h('kbd', {}, '+'), h('kbd', {}, '−'), ' zoom · ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, '←'), h('kbd', {}, '→'), ' pan · ', h('kbd', {}, '0'), ' fit · ', h('kbd', {}, 'Enter'), ' go to the line'),
  );
  const runs = view.runs.map((run, i) => renderRun(run, i, viewport, actions, refs, view.stallRule));
  return [header, ...runs];
}

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    ...(Object.keys(KIND_LABEL) as SegmentKind[]).map((kind) => h('li', {}, h('span', { class: `swatch seg ${kind}`, 'aria-hidden': 'true' }), KIND_LABEL[kind])),
  );
}

function renderRun(run: RunView, index: number, viewport: Viewport, actions: Actions, refs: Map<HTMLElement, SegmentRef>, stallRule: string): HTMLElement {
  const headingId = `run-${index}-title`;
  const grid = h('div', { class: 'grid', role: 'grid', 'aria-labelledby': headingId, 'aria-rowcount': String(run.lanes.length + 1) });
  grid.append(axis(viewport));
  run.lanes.forEach((lane, row) => grid.append(renderLane(lane, row, index, run, viewport, refs)));
  return h(
    'section',
    { class: `run${run.failed ? ' failed' : ''}`, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, run.label, ' ', h('span', { class: 'total', 'data-total': String(run.total) }, run.totalText), h('span', { class: 'exit muted' }, ` · the program ${run.exitText}`)),
    run.notes.length > 0 ? h('ul', { class: 'notes' }, ...run.notes.map((n) => h('li', { role: 'note' }, n))) : null,
    run.lanes.length > 0 ? grid : null,
    run.stalls.length > 0 ? stallList(run.stalls, index, actions, stallRule) : null,
    output(run),
  );
}

/** The time axis row (re-drawn when the window moves). */
export function axis(viewport: Viewport): HTMLElement {
  const track = h('div', { class: 'track axis-track', 'aria-hidden': 'true' });
  for (const t of ticks(viewport)) {
    const tick = h('span', { class: 'tick' }, formatSeconds(t).replace(/^0 µs$/, '0 s'));
    tick.style.left = `${percentAt(viewport, t)}%`;
    track.append(tick);
  }
  return h('div', { class: 'lane axis', role: 'row' }, h('div', { class: 'lane-label muted', role: 'columnheader' }, 'task'), track);
}

function renderLane(lane: LaneView, row: number, run: number, runView: RunView, viewport: Viewport, refs: Map<HTMLElement, SegmentRef>): HTMLElement {
  const label = h(
    'div',
    { class: 'lane-label', role: 'rowheader', title: laneSummary(lane) },
    h('span', { class: 'coroutine' }, lane.title),
    lane.name ? h('span', { class: 'task-name muted' }, ` "${lane.name}"`) : null,
    lane.outcome === 'exception' ? h('span', { class: 'outcome exception', title: lane.error ?? '' }, ' raised') : lane.outcome === 'cancelled' ? h('span', { class: 'outcome muted' }, ' cancelled') : null,
  );
  label.style.paddingInlineStart = `${lane.depth * 1.1 + 0.3}em`;
  const track = h('div', { class: 'track', role: 'gridcell' });
  for (const stall of runView.stalls) track.append(band(stall, viewport));
  for (const segment of lane.segments) {
    const el = h('div', { class: `seg ${segment.kind}`, role: 'button', tabindex: '-1', 'aria-label': `${lane.title}: ${segment.text}`, 'data-run': String(run), 'data-row': String(row) });
    if (segment.label) el.append(h('span', { class: 'seg-label' }, segment.label));
    refs.set(el, { run, lane, segment });
    track.append(el);
  }
  const rowEl = h('div', { class: `lane depth-${Math.min(lane.depth, 6)}`, role: 'row', 'data-lane': String(lane.id) }, label, track);
  placeSegments(rowEl, viewport, refs);
  return rowEl;
}

function band(stall: StallView, viewport: Viewport): HTMLElement {
  const el = h('div', { class: 'stall-band', 'aria-hidden': 'true' });
  el.dataset.start = String(stall.start);
  el.dataset.end = String(stall.end);
  place(el, viewport, stall.start, stall.end);
  return el;
}

/** Positions every segment and stall band under `root` for the viewport (zoom and pan call it). */
export function placeSegments(root: HTMLElement, viewport: Viewport, refs: Map<HTMLElement, SegmentRef>): void {
  for (const el of root.querySelectorAll<HTMLElement>('.seg[data-run]')) {
    const ref = refs.get(el);
    if (ref) place(el, viewport, ref.segment.start, ref.segment.end);
  }
  for (const el of root.querySelectorAll<HTMLElement>('.stall-band')) place(el, viewport, Number(el.dataset.start), Number(el.dataset.end));
}

function place(el: HTMLElement, viewport: Viewport, start: number, end: number): void {
  const left = Math.max(-1000, Math.min(1100, percentAt(viewport, start)));
  const right = Math.max(-1000, Math.min(1100, percentAt(viewport, end)));
  // Out of the window, a segment is clipped by its track rather than hidden, so it keeps focus.
  el.toggleAttribute('data-off', right < 0 || left > 100);
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  el.style.left = `${left}%`;
  el.style.width = `${right - left}%`;
}

function stallList(stalls: readonly StallView[], run: number, actions: Actions, rule: string): HTMLElement {
  return h(
    'ul',
    { class: 'stalls', 'aria-label': 'Stalls: the event loop was blocked' },
    ...stalls.map((stall) =>
      h(
        'li',
        {},
        h('span', { class: 'stall-icon', 'aria-hidden': 'true' }, '⚠ '),
        stall.text,
        ' ',
        stall.file && stall.line ? button([`Go to line ${stall.line}`], () => actions.openSource(run, stall.file ?? '', stall.line ?? 1), { class: 'link' }) : null,
        ' · ',
        button([`${rule}: blocking calls in async code`], () => actions.openRuleDocs(), { class: 'link', title: `Open the ${rule} documentation` }),
      ),
    ),
  );
}

function output(run: RunView): HTMLElement {
  const text = run.output === '' ? '(the program printed nothing)' : run.output;
  return h('details', { class: 'output', open: run.output !== '' && run.output.length < 2000 }, h('summary', {}, 'Program output'), h('pre', { tabindex: '0' }, text));
}

/** The hover and focus text of a segment: the task, its coroutine, what it did or waited on, when. */
export function tooltipLines(ref: SegmentRef): string[] {
  const { lane, segment } = ref;
  const where = lane.line ? `, defined at line ${lane.line}` : '';
  return [
    `${lane.title}${lane.name ? ` ("${lane.name}")` : ''}: task #${lane.id}`,
    `coroutine ${lane.title}()${where}`,
    `${KIND_LABEL[segment.kind]}: ${segment.text}`,
    `${formatSeconds(segment.start)} → ${formatSeconds(segment.end)}`,
  ];
}

function laneSummary(lane: LaneView): string {
  const end = lane.end === null ? 'did not finish' : `ended at ${formatSeconds(lane.end)}`;
  const how = lane.outcome === 'exception' ? `raised ${lane.error ?? 'an exception'}` : lane.outcome === 'cancelled' ? 'was cancelled' : lane.outcome === 'result' ? 'returned' : 'still pending';
  return `${lane.title}: started at ${formatSeconds(lane.start)}, ${end}; it ${how}`;
}
