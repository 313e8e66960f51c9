import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderEvent } from '../../../main/ipc/sender-check';

const origin = 'http://127.0.0.1:41234';
const trusted = { origin, isLabContents: (id: number) => id === 1, isServing: () => true };
const labPage = { url: `${origin}/lab/`, parent: null };

function event(senderId: number, frame: SenderEvent['senderFrame']): SenderEvent {
  return { sender: { id: senderId }, senderFrame: frame };
}

describe('who may call the main process', () => {
  it('the lab page in the main frame of the lab window is trusted', () => {
    expect(isTrustedSender(event(1, labPage), trusted)).toBe(true);
  });

  it('a page from another origin in the lab window is refused', () => {
    expect(isTrustedSender(event(1, { url: 'https://evil.example/', parent: null }), trusted)).toBe(false);
    expect(isTrustedSender(event(1, { url: 'http://127.0.0.1:9999/lab/', parent: null }), trusted)).toBe(false);
  });

  it('a subframe is refused, even one on the server origin', () => {
    expect(isTrustedSender(event(1, { url: `${origin}/lab/`, parent: labPage }), trusted)).toBe(false);
  });

  it('a frame that is gone (navigated or destroyed) is refused', () => {
    expect(isTrustedSender(event(1, null), trusted)).toBe(false);
  });

  it('another web contents on the right origin is refused', () => {
    expect(isTrustedSender(event(2, labPage), trusted)).toBe(false);
  });

  it('nothing is trusted while the server is not serving the lab (a restart it could not take on)', () => {
    expect(isTrustedSender(event(1, labPage), { ...trusted, isServing: () => false })).toBe(false);
  });

  it("the Your app view is refused: its web contents is not a lab window's, whatever page it shows", () => {
    // The view is a web contents of its own (Electron numbers it apart from the lab window's), on its own partition.
    const yourAppView = 7;
    expect(isTrustedSender(event(yourAppView, { url: 'http://127.0.0.1:5000/', parent: null }), trusted)).toBe(false);
    // Even a page of the lab's own origin there (the view never opens one) could not call.
    expect(isTrustedSender(event(yourAppView, labPage), trusted)).toBe(false);
  });
});
