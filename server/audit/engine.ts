// The auditor's engine as main's Your app inspector uses it: detect and decode
// a jar's cookies, verify them with a key, crack them against the built-in list,
// and show what they hold escaped. server/index.ts loads it on first use.
export { examineCookie, verifyTarget } from './session-auditor';
export { cookieValue } from './cookie-input';
export { crackCookies } from './crack/crack-pool';
export { KEY_FORM_WORDS } from './crack/key-forms';
export { payloadText } from './cli/cli-output';
export { toPlain } from './codec/json-tree';
export { escapeBytes, escapeText } from './text/escape';
