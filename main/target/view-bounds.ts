// Where the Your app view goes in the lab window: the placeholder's rectangle,
// as the page reported it, checked and clipped to the window's content area.
import type { ViewRect } from '../../contract';

/** No window is this large; a coordinate beyond it is not a placeholder's. */
export const MAX_VIEW_COORDINATE = 100_000;

export interface ContentSize {
  width: number;
  height: number;
}

/**
 * The view's bounds in whole pixels: the placeholder clipped to the content
 * area. null (hide the view) when no placeholder was given or none of it is inside.
 */
export function fitViewBounds(rect: ViewRect | null, content: ContentSize): ViewRect | null {
  if (rect === null) return null;
  const left = Math.max(0, Math.round(rect.x));
  const top = Math.max(0, Math.round(rect.y));
  const right = Math.min(Math.floor(content.width), Math.round(rect.x + rect.width));
  const bottom = Math.min(Math.floor(content.height), Math.round(rect.y + rect.height));
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
