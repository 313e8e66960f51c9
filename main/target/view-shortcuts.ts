// A browser's keys while the Your app view has the keyboard: the page would
// otherwise keep them, and a person could not get back to the address bar
// without the mouse. Alt+Left/Right: history; F5 or Ctrl+R: reload; Ctrl+L, Alt+D
// or F6: the address bar (Cmd on macOS for Ctrl).

export type ViewShortcut = 'back' | 'forward' | 'reload' | 'address';

/** The parts of Electron's before-input-event Input the keys are read from. */
export interface KeyInput {
  type: string;
  key: string;
  alt: boolean;
  control: boolean;
  meta: boolean;
  shift: boolean;
}

export function viewShortcut(input: KeyInput): ViewShortcut | null {
  if (input.type !== 'keyDown') return null;
  const command = input.control || input.meta;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (input.alt && !command && !input.shift) {
    if (key === 'ArrowLeft') return 'back';
    if (key === 'ArrowRight') return 'forward';
    if (key === 'd') return 'address';
  }
  if (key === 'F5' && !command && !input.alt) return 'reload';
  if (key === 'F6' && !command && !input.alt) return 'address';
  if (command && !input.alt && !input.shift) {
    if (key === 'r') return 'reload';
    if (key === 'l') return 'address';
  }
  return null;
}
