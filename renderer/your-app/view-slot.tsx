// The placeholder the Your app view is drawn over. The desktop app places its
// own WebContentsView on this rectangle: the page reports where the slot is
// (main checks and clips it), and null when it is hidden or has nothing to show.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { LabBridge, TargetState, ViewRect } from '../../contract';

/** The slot's rectangle in the window, or null when nothing of it shows. */
export function slotRect(element: HTMLElement): ViewRect | null {
  const box = element.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return null;
  return { x: box.left, y: box.top, width: box.width, height: box.height };
}

const sameRect = (a: ViewRect | null, b: ViewRect | null): boolean =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

export function ViewSlot({ lab, state }: { lab: LabBridge; state: TargetState | null }) {
  const slot = useRef<HTMLDivElement>(null);
  const last = useRef<ViewRect | null | undefined>(undefined);
  // Before the first page, and after a page failed, the slot says why itself: the view stays hidden.
  const showView = state !== null && state.url !== '' && state.error === null;
  const show = useRef(showView);
  show.current = showView;

  const report = useRef((): void => {
    const element = slot.current;
    const rect = element !== null && show.current ? slotRect(element) : null;
    if (last.current !== undefined && sameRect(last.current, rect)) return;
    last.current = rect;
    lab.setTargetBounds(rect).catch(() => undefined);
  }).current;

  useLayoutEffect(() => {
    const element = slot.current;
    if (element === null) return;
    // Its size changes with the window and the tab; its place with anything above it.
    const resized = new ResizeObserver(report);
    resized.observe(element);
    resized.observe(document.documentElement);
    window.addEventListener('resize', report);
    document.addEventListener('scroll', report, true);
    return () => {
      resized.disconnect();
      window.removeEventListener('resize', report);
      document.removeEventListener('scroll', report, true);
      last.current = null;
      lab.setTargetBounds(null).catch(() => undefined);
    };
  }, []);
  // Every repaint may have moved it (an error line above appeared, the tab changed).
  useLayoutEffect(report);

  return (
    <div ref={slot} id="target-view" class="view-slot" aria-label="Your app's page">
      {state === null || state.url === '' ? (
        <div class="view-slot-message">
          <p class="view-slot-title">Open your own web app here</p>
          <p>
            Type its address above (your dev server on this computer, or any http or https site) and log in as you normally would. The page runs in a sandboxed
            view of its own, with cookies of its own; the inspector beside it takes its session apart.
          </p>
        </div>
      ) : state.error !== null ? (
        <div class="view-slot-message view-slot-error">
          <p class="view-slot-title">The page did not load</p>
          <p>{state.error}</p>
        </div>
      ) : (
        // Drawn by the desktop app over this box; seen only while it loads.
        <p class="view-slot-loading">{state.loading ? `Loading ${state.url}…` : state.url}</p>
      )}
    </div>
  );
}
