import { parseTimelineToWebview, type TimelineToExtension, type TimelineView } from '../../shared/timelineProtocol';
import { h } from '../dom';
import { formatSeconds } from '../../shared/duration';
import { axis, placeSegments, renderView, tooltipLines, type SegmentRef } from './render';
import { fit, pan, panTo, zoom, type Viewport } from './viewport';

/** What VS Code gives a webview script; declared here because the page has no @types for it. */
interface VsCodeApi {
  postMessage(message: TimelineToExtension): void;
  getState(): unknown;
  setState(state: UiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** UI-only state kept across hide/show: the zoom window. */
interface UiState {
  viewport?: Viewport;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const tooltip = h('div', { id: 'tooltip', role: 'tooltip', hidden: true });
const status = h('p', { id: 'status', class: 'visually-hidden', 'aria-live': 'polite' });
let view: TimelineView | undefined;
let viewport: Viewport = restoreViewport(vscode.getState());
let refs = new Map<HTMLElement, SegmentRef>();
let focused: HTMLElement | undefined;

function restoreViewport(raw: unknown): Viewport {
  const v = (raw as UiState | undefined)?.viewport;
  return v && Number.isFinite(v.from) && Number.isFinite(v.to) && v.to > v.from ? v : fit(1);
}

function post(message: TimelineToExtension): void {
  vscode.postMessage(message);
}

/** Both runs share one time scale: the longer total decides the width. */
function total(): number {
  return Math.max(0, ...(view?.runs.map((r) => r.total) ?? [0]));
}

const actions = {
  openSource: (run: number, file: string, line: number): void => post({ type: 'openSource', run, file, line }),
  openRuleDocs: (): void => post({ type: 'openRuleDocs' }),
  rerun: (): void => post({ type: 'rerun' }),
  zoom: (zoomIn: boolean): void => setViewport(zoom(viewport, total(), zoomIn, focusedTime())),
  fit: (): void => setViewport(fit(total())),
};

function render(): void {
  if (!view) return;
  refs = new Map();
  app.replaceChildren(...renderView(view, viewport, actions, refs), tooltip, status);
  const first = [...refs.keys()][0];
  if (first) first.tabIndex = 0;
  focused = undefined;
}

function setViewport(next: Viewport): void {
  viewport = next;
  vscode.setState({ viewport });
  // Move what is drawn instead of drawing it again: focus and open details stay as they are.
  for (const old of app.querySelectorAll('.lane.axis')) old.replaceWith(axis(viewport));
  placeSegments(app, viewport, refs);
  if (focused && !focused.hasAttribute('data-off') && document.activeElement === focused) showTooltip(focused);
  status.textContent = `Showing ${formatSeconds(viewport.from)} to ${formatSeconds(viewport.to)}`;
}

function focusedTime(): number | undefined {
  const ref = focused ? refs.get(focused) : undefined;
  return ref ? (ref.segment.start + ref.segment.end) / 2 : undefined;
}

function focusSegment(el: HTMLElement | undefined): void {
  if (!el) return;
  for (const other of refs.keys()) other.tabIndex = -1;
  el.tabIndex = 0;
  focused = el;
  el.focus({ preventScroll: false });
  const ref = refs.get(el);
  if (ref && el.hasAttribute('data-off')) {
    // Off screen after a step: bring it into the window.
    setViewport(panTo(viewport, total(), Math.max(0, ref.segment.start - (viewport.to - viewport.from) * 0.1)));
    return;
  }
  showTooltip(el);
}

function showTooltip(el: HTMLElement, x?: number, y?: number): void {
  const ref = refs.get(el);
  if (!ref) return;
  tooltip.replaceChildren(...tooltipLines(ref).map((line, i) => h(i === 0 ? 'strong' : 'span', {}, line)));
  tooltip.hidden = false;
  const box = el.getBoundingClientRect();
  const left = x ?? box.left;
  const top = (y ?? box.bottom) + 8;
  tooltip.style.left = `${Math.max(4, Math.min(left, window.innerWidth - tooltip.offsetWidth - 4))}px`;
  tooltip.style.top = `${top + tooltip.offsetHeight > window.innerHeight ? (y ?? box.top) - tooltip.offsetHeight - 8 : top}px`;
  el.setAttribute('aria-describedby', 'tooltip');
}

function hideTooltip(): void {
  tooltip.hidden = true;
}

function openRef(el: HTMLElement): void {
  const ref = refs.get(el);
  if (!ref) return;
  const file = ref.segment.file ?? ref.lane.file;
  const line = ref.segment.line ?? ref.lane.line;
  if (file && line) actions.openSource(ref.run, file, line);
}

/** The segment in the same run, `delta` lanes away, nearest in time to the current one. */
function neighbourLane(el: HTMLElement, delta: number): HTMLElement | undefined {
  const ref = refs.get(el);
  if (!ref) return undefined;
  const rows = [...app.querySelectorAll<HTMLElement>('.lane[data-lane]')];
  const row = el.closest<HTMLElement>('.lane[data-lane]');
  const target = row ? rows[rows.indexOf(row) + delta] : undefined;
  if (!target) return undefined;
  const t = (ref.segment.start + ref.segment.end) / 2;
  const candidates = [...target.querySelectorAll<HTMLElement>('.seg[data-run]')];
  return candidates.reduce<HTMLElement | undefined>((best, c) => {
    const r = refs.get(c);
    const b = best ? refs.get(best) : undefined;
    if (!r) return best;
    const d = Math.abs((r.segment.start + r.segment.end) / 2 - t);
    return !b || d < Math.abs((b.segment.start + b.segment.end) / 2 - t) ? c : best;
  }, undefined);
}

function neighbourSegment(el: HTMLElement, delta: number): HTMLElement | undefined {
  const siblings = [...(el.parentElement?.querySelectorAll<HTMLElement>('.seg[data-run]') ?? [])];
  return siblings[siblings.indexOf(el) + delta];
}

app.addEventListener('mouseover', (event) => {
  const el = (event.target as HTMLElement).closest<HTMLElement>('.seg[data-run]');
  if (el) showTooltip(el, event.clientX, event.clientY);
});
app.addEventListener('mouseout', (event) => {
  if ((event.target as HTMLElement).closest('.seg[data-run]')) hideTooltip();
});
app.addEventListener('click', (event) => {
  const el = (event.target as HTMLElement).closest<HTMLElement>('.seg[data-run]');
  if (el) openRef(el);
});
app.addEventListener('focusin', (event) => {
  const el = (event.target as HTMLElement).closest<HTMLElement>('.seg[data-run]');
  if (el && refs.has(el)) {
    focused = el;
    showTooltip(el);
  }
});
app.addEventListener('focusout', hideTooltip);

window.addEventListener('keydown', (event: KeyboardEvent) => {
  if (!view || event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = (event.target as HTMLElement | null)?.tagName;
  if (tag === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
  const onSegment = focused !== undefined && document.activeElement === focused;
  let handled = true;
  if (event.key === '+' || event.key === '=') actions.zoom(true);
  else if (event.key === '-' || event.key === '_') actions.zoom(false);
  else if (event.key === '0') actions.fit();
  else if (event.shiftKey && event.key === 'ArrowLeft') setViewport(pan(viewport, total(), -1));
  else if (event.shiftKey && event.key === 'ArrowRight') setViewport(pan(viewport, total(), 1));
  else if (event.key === 'Home') setViewport(panTo(viewport, total(), 0));
  else if (event.key === 'End') setViewport(panTo(viewport, total(), total()));
  else if (onSegment && focused && event.key === 'ArrowDown') focusSegment(neighbourLane(focused, 1));
  else if (onSegment && focused && event.key === 'ArrowUp') focusSegment(neighbourLane(focused, -1));
  else if (onSegment && focused && event.key === 'ArrowRight') focusSegment(neighbourSegment(focused, 1));
  else if (onSegment && focused && event.key === 'ArrowLeft') focusSegment(neighbourSegment(focused, -1));
  else if (onSegment && focused && event.key === 'Enter') openRef(focused);
  else if (event.key === 'Escape') hideTooltip();
  else handled = false;
  if (handled) event.preventDefault();
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseTimelineToWebview(event.data);
  if (!message) return; // Not ours, or malformed: ignore rather than draw half of it.
  if (message.type === 'show') {
    const sameRuns = view && view.title === message.view.title && view.runs.length === message.view.runs.length;
    view = message.view;
    if (!sameRuns || viewport.to > total() * 1.0001 || viewport.to <= 0) viewport = fit(total());
    vscode.setState({ viewport });
    render();
    return;
  }
  view = undefined;
  app.replaceChildren(
    h('section', { class: message.type === 'running' ? 'running-state' : 'error-state', role: message.type === 'error' ? 'alert' : 'status' }, h('h1', {}, message.title), h('p', {}, message.text)),
    status,
  );
});

app.replaceChildren(h('p', { class: 'loading' }, 'Loading the timeline…'));
post({ type: 'ready' });
