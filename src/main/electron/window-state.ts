/**
 * The window's bounds and maximized state, kept in `<data folder>/window-state.json`. The file
 * is read through a schema (anyone can edit it) and the bounds are clamped to a display that is
 * connected now, so a window saved on an unplugged monitor never opens off screen.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = Object.freeze({ width: 1280, height: 800 });
export const MIN_SIZE = Object.freeze({ width: 960, height: 600 });
const MAX_COORDINATE = 100_000;
const MAX_SIZE = 16_384;
/** How much of the window must lie on a display for the saved position to be kept. */
const MIN_VISIBLE = Object.freeze({ width: 120, height: 60 });

const coordinate = z.number().int().min(-MAX_COORDINATE).max(MAX_COORDINATE);
export const windowStateSchema = z.strictObject({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: z.number().int().min(200).max(MAX_SIZE),
  height: z.number().int().min(150).max(MAX_SIZE),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placement {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function fit(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return { width: Math.max(1, Math.min(size.width, area.width)), height: Math.max(1, Math.min(size.height, area.height)) };
}

/**
 * Where the window opens. A saved position is kept when enough of the window is on one of the
 * displays' work areas (then it is moved and shrunk to lie wholly on that display); otherwise
 * the window is centred on the primary display. No state: the default size, centred.
 */
export function clampToDisplay(state: WindowState | null, displays: { workAreas: readonly Rect[]; primary: Rect }): Placement {
  const size = state ? { width: state.width, height: state.height } : { ...DEFAULT_SIZE };
  const maximized = state?.maximized ?? false;
  const centred = (area: Rect): Placement => {
    const fitted = fit(size, area);
    return {
      bounds: { x: Math.round(area.x + (area.width - fitted.width) / 2), y: Math.round(area.y + (area.height - fitted.height) / 2), ...fitted },
      maximized,
    };
  };
  if (!state || state.x === undefined || state.y === undefined) return centred(displays.primary);
  const saved: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of displays.workAreas) {
    const o = overlap(saved, area);
    if (o.width >= Math.min(MIN_VISIBLE.width, saved.width) && o.height >= Math.min(MIN_VISIBLE.height, saved.height) && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) return centred(displays.primary);
  const fitted = fit(size, best);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - fitted.width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - fitted.height);
  return { bounds: { x, y, ...fitted }, maximized };
}

/** The saved state, or null when there is none or it is not valid (reported, never half-used). */
export function loadWindowState(dataDir: string, log: (message: string) => void): WindowState | null {
  const file = join(dataDir, WINDOW_STATE_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`window state: ${file} is not valid JSON; using the defaults`);
    return null;
  }
  const parsed = windowStateSchema.safeParse(raw);
  if (!parsed.success) {
    log(`window state: ${file} is invalid (${parsed.error.issues[0]?.message}); using the defaults`);
    return null;
  }
  return parsed.data;
}

/** Writes the state atomically (synchronously: it runs while the window closes). */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const valid = windowStateSchema.parse({
    ...state,
    x: state.x === undefined ? undefined : Math.round(state.x),
    y: state.y === undefined ? undefined : Math.round(state.y),
    width: Math.round(state.width),
    height: Math.round(state.height),
  });
  const file = join(dataDir, WINDOW_STATE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(valid)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
