// The window's to-do limits match the server's, so the counter never disagrees with a 400.
import { describe, expect, it } from 'vitest';
import * as windowLimits from '../../renderer/todo-limits';
import { MAX_TITLE_LENGTH } from '../../server/todo-input';
import { characterCount } from '../../server/printable-text';

describe('to-do limits shown in the window', () => {
  it('the title limit is the server’s', () => {
    expect(windowLimits.MAX_TITLE_LENGTH).toBe(MAX_TITLE_LENGTH);
  });

  it.each(['', 'plain', 'Zoë', '👩‍💻 emoji', '\u{1F600}'.repeat(3)])('counts %j as the server does', (text) => {
    expect(windowLimits.characterCount(text)).toBe(characterCount(text));
  });
});
