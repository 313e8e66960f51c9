import { describe, expect, it } from 'vitest';
import { isAbort, loadErrorSentence } from '../../../main/target/load-errors';

describe('why a page did not load', () => {
  it("says that nothing answered, in Electron's and in Playwright's spelling", () => {
    const sentence = 'Could not open http://127.0.0.1:5999/: nothing answered at that address (connection refused). Is your app running, on that port?';
    expect(loadErrorSentence('http://127.0.0.1:5999/', 'ERR_CONNECTION_REFUSED')).toBe(sentence);
    expect(loadErrorSentence('http://127.0.0.1:5999/', 'net::ERR_CONNECTION_REFUSED at http://127.0.0.1:5999/')).toBe(sentence);
  });

  it('a certificate error says the view does not open such pages', () => {
    expect(loadErrorSentence('https://self-signed.test/', 'ERR_CERT_AUTHORITY_INVALID')).toMatch(
      /self-signed certificate\?\). The view does not open pages whose certificate fails\.$/,
    );
    expect(loadErrorSentence('https://x.test/', 'ERR_CERT_WEAK_KEY')).toMatch(/the certificate was refused/);
  });

  it('an unknown error is named as Chromium gave it', () => {
    expect(loadErrorSentence('http://x.test/', 'ERR_QUIC_PROTOCOL_ERROR')).toBe('Could not open http://x.test/: Chromium reported ERR_QUIC_PROTOCOL_ERROR.');
  });

  it('an aborted load (replaced, or stopped) is no failure', () => {
    expect(isAbort('ERR_ABORTED')).toBe(true);
    expect(isAbort('net::ERR_ABORTED')).toBe(true);
    expect(isAbort('ERR_CONNECTION_REFUSED')).toBe(false);
  });
});
