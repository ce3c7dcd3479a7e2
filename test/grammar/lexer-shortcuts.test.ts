import { expect, it } from 'vitest';
import { lex } from '../../grammar/lexer.js';
import { KEYWORD_SPELLINGS, NOISE_WORDS } from '../../grammar/tokens.js';

// The lexer skips keyword, noise-word and pattern-keyword lookups for words that start with
// '/' or a digit (paths and numbers); that is only sound while no such word starts that way.
it('no keyword or noise word starts with / or a digit', () => {
  const words = [...Object.values(KEYWORD_SPELLINGS).flat(), ...NOISE_WORDS];
  expect(words.length).toBeGreaterThan(300);
  expect(words.filter((w) => /^[/0-9]/.test(w))).toEqual([]);
});

it('paths, numbers and words starting with digits lex as before the shortcut', () => {
  const types = (text: string): string[] => lex('t', text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
  expect(types('set log /var/log/monit.log')).toEqual(['SET:set', 'LOG:log', 'PATH:/var/log/monit.log']);
  expect(types('if space usage > 80% then alert')).toEqual(['IF:if', 'SPACE:space', 'GREATER:>', 'NUMBER:80', 'PERCENT:%', 'THEN:then', 'ALERT:alert']);
  expect(types('10MB 5.0mb 1.5 0755')).toEqual(['STRING:10MB', 'STRING:5.0mb', 'REAL:1.5', 'NUMBER:0755']);
});
