// Picks the Decoder's wordlist through main's own open dialog, on the lab
// window: files only, one at a time. The path stays in main; the page only
// asked for a file.
import { dialog, type BaseWindow } from 'electron';
import type { WordlistPicker } from './decoder';

export function dialogPicker(window: BaseWindow): WordlistPicker {
  return {
    async pickWordlist() {
      const { canceled, filePaths } = await dialog.showOpenDialog(window, {
        title: 'Choose a wordlist to crack the cookies with',
        buttonLabel: 'Crack with this list',
        properties: ['openFile', 'dontAddToRecent'],
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
  };
}
