import { describe, expect, it } from 'vitest';
import { viewShortcut, type KeyInput } from '../../../main/target/view-shortcuts';

const press = (key: string, mods: Partial<KeyInput> = {}) =>
  viewShortcut({ type: 'keyDown', key, alt: false, control: false, meta: false, shift: false, ...mods });

describe("a browser's keys inside the Your app view", () => {
  it('Alt+Left and Alt+Right go through the history', () => {
    expect(press('ArrowLeft', { alt: true })).toBe('back');
    expect(press('ArrowRight', { alt: true })).toBe('forward');
  });

  it('F5 and Ctrl+R (Cmd+R) reload', () => {
    expect(press('F5')).toBe('reload');
    expect(press('r', { control: true })).toBe('reload');
    expect(press('R', { meta: true })).toBe('reload');
  });

  it('Ctrl+L, Cmd+L, Alt+D and F6 go to the address bar', () => {
    expect(press('l', { control: true })).toBe('address');
    expect(press('L', { meta: true })).toBe('address');
    expect(press('d', { alt: true })).toBe('address');
    expect(press('F6')).toBe('address');
  });

  it("every other key is the page's: typing, plain arrows, Ctrl+Shift+R, a key being released", () => {
    expect(press('l')).toBeNull();
    expect(press('ArrowLeft')).toBeNull();
    expect(press('r', { control: true, shift: true })).toBeNull();
    expect(press('ArrowLeft', { alt: true, control: true })).toBeNull();
    expect(viewShortcut({ type: 'keyUp', key: 'F5', alt: false, control: false, meta: false, shift: false })).toBeNull();
  });
});
