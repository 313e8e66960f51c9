// The lab window's entry: the desktop bridge if the preload gave one, and the page drawn over index.html.
import { createLabWindow } from './lab-window';
import { start } from './lab-page';

start(createLabWindow(window.sessionLab ?? null));
