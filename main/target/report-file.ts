// Saves the Your app report where the person says, through main's own save
// dialog: the page never names a path, and the file is readable by its owner only.
import fs from 'node:fs';
import path from 'node:path';
import { dialog, type BaseWindow } from 'electron';
import type { ReportFormat } from '../../contract';
import type { ReportSaver } from './target-inspector';

const FILTERS: Record<ReportFormat, { name: string; extensions: string[] }> = {
  markdown: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** The report holds session cookies' values: 0600, as the lab's own key file. */
export function writeReport(filePath: string, text: string): Promise<void> {
  return fs.promises.writeFile(filePath, text, { mode: 0o600 });
}

export function dialogSaver(window: BaseWindow, folder: string): ReportSaver {
  return {
    async choosePath(suggestedName, format) {
      const { canceled, filePath } = await dialog.showSaveDialog(window, {
        title: 'Export the Your app report',
        defaultPath: path.join(folder, suggestedName),
        filters: [FILTERS[format]],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      return canceled || filePath === undefined || filePath === '' ? null : filePath;
    },
    write: writeReport,
  };
}
