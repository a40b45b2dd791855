/**
 * The visible time window of the timeline, and what zooming and panning do to it. Pure, so the
 * keyboard's effect is unit-tested without a browser.
 */
export interface Viewport {
  /** Seconds at the left and right edges. */
  from: number;
  to: number;
}

/** Never zoom closer than this: a step of a few microseconds is still a visible sliver. */
const MIN_SPAN = 0.0005;
const ZOOM_STEP = 1.5;
const PAN_FRACTION = 0.2;

/** The whole run (the longest one, when two are compared on one scale). */
export function fit(total: number): Viewport {
  return { from: 0, to: total > 0 ? total : 1 };
}

/** Zooms in (`in` true) or out around `center` (seconds), kept inside [0, total]. */
export function zoom(view: Viewport, total: number, zoomIn: boolean, center = (view.from + view.to) / 2): Viewport {
  const span = view.to - view.from;
  const full = fit(total);
  const next = Math.min(full.to - full.from, Math.max(MIN_SPAN, zoomIn ? span / ZOOM_STEP : span * ZOOM_STEP));
  const ratio = span > 0 ? (center - view.from) / span : 0.5;
  return clamp({ from: center - next * ratio, to: center - next * ratio + next }, total);
}

/** Pans by a fifth of the window, left (`-1`) or right (`1`). */
export function pan(view: Viewport, total: number, direction: -1 | 1): Viewport {
  const shift = (view.to - view.from) * PAN_FRACTION * direction;
  return clamp({ from: view.from + shift, to: view.to + shift }, total);
}

/** Moves the window (same width) so it starts at `from`. */
export function panTo(view: Viewport, total: number, from: number): Viewport {
  return clamp({ from, to: from + (view.to - view.from) }, total);
}

function clamp(view: Viewport, total: number): Viewport {
  const full = fit(total);
  const span = Math.min(view.to - view.from, full.to);
  let from = Math.max(0, view.from);
  if (from + span > full.to) from = full.to - span;
  return { from, to: from + span };
}

/** Where a time falls in the window, in percent of its width (may be outside 0-100). */
export function percentAt(view: Viewport, t: number): number {
  return ((t - view.from) / (view.to - view.from)) * 100;
}

/** Round tick times (1, 2 or 5 times a power of ten apart), about `count` of them in the window. */
export function ticks(view: Viewport, count = 6): number[] {
  const span = view.to - view.from;
  if (!(span > 0)) return [];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(view.from / step) * step; t <= view.to + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}
