// Preloaded into Electronegativity (node --require): its network look-ups fail at once.
//
// The tool fetches fresh translations and Electron's release list with got 11.
// Here there is no network, and under Node 24 got's retry after a failed look-up
// throws from a timer ("The `onCancel` handler was attached after the promise
// settled"), which kills the scan. Every such look-up is optional: the tool
// falls back to its bundled English texts and skips the "newer Electron
// available" check, which this project's pinned version and release notes cover.
'use strict';
const Module = require('node:module');

const offline = () => Promise.reject(new Error('offline: Session Lab runs Electronegativity without network access'));
const got = Object.assign(offline, { head: offline, get: offline, extend: () => got });

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return got;
  return load.call(this, request, ...rest);
};
