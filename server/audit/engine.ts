// The auditor's engine as main's Your app inspector and Decoder use it: read
// what a person pasted, detect and decode a jar's cookies, verify them with a key,
// crack them against the built-in list or a wordlist file, and show what they
// hold escaped. server/index.ts loads it on first use.
export { examineCookie, verifyTarget } from './session-auditor';
export { cookieValue, CookieInputError, MAX_INPUT_CHARS, parseCookieInput } from './cookie-input';
export { auditSetCookie } from './set-cookie-row';
export { plainPayload } from './formats/payload';
export { crackCookies, CrackRunError, wordlistSource } from './crack/crack-pool';
export { CrackSourceError } from './crack/batches';
export { KEY_FORM_WORDS } from './crack/key-forms';
export { payloadText } from './cli/cli-output';
export { toPlain } from './codec/json-tree';
export { escapeBytes, escapeText } from './text/escape';
