import { describe, expect, it } from 'vitest';
import { fitViewBounds } from '../../../main/target/view-bounds';

const content = { width: 1280, height: 860 };

describe("the view's place in the window", () => {
  it('is the placeholder, in whole pixels', () => {
    expect(fitViewBounds({ x: 24.4, y: 130.6, width: 700.2, height: 600.5 }, content)).toEqual({ x: 24, y: 131, width: 701, height: 600 });
  });

  it('is clipped to the content area', () => {
    expect(fitViewBounds({ x: -50, y: 700, width: 2000, height: 400 }, content)).toEqual({ x: 0, y: 700, width: 1280, height: 160 });
  });

  it('is hidden when there is no placeholder, or none of it is in the window', () => {
    expect(fitViewBounds(null, content)).toBeNull();
    expect(fitViewBounds({ x: 10, y: 900, width: 300, height: 300 }, content)).toBeNull();
    expect(fitViewBounds({ x: 10, y: 10, width: 0, height: 300 }, content)).toBeNull();
  });
});
