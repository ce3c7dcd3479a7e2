/**
 * The quoting helpers against the real interpreters: whatever string goes in, `sh` and `python3`
 * must read back exactly that string. Property-based (fast-check) plus the strings that break
 * naive quoting.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuardInputError, plainPath, pyQuote, shQuote } from '../../src/guard/quote.js';
import { requiringSuite } from '../support/monit.js';
import { requirePython3 } from '../support/shellcheck.js';

const NASTY = ["it's", '$(touch /tmp/pwned)', '`id`', 'a b\tc\nd', '"', "'", "''", '\\', '*', '~root', '-n', '', 'é ü 漢字', '$HOME', '!x', ';rm -rf /;', 'a\\\'b'];

/** No lone surrogate halves: those are not strings any file or program can carry. */
function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Each value printed by sh, NUL-separated, from one `sh -c` script. */
function throughSh(values: readonly string[]): string[] {
  const script = values.map((v) => `printf '%s\\0' ${shQuote(v)}`).join('\n');
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shQuote', () => {
  it('reads back exactly in sh, for the strings that break naive quoting', () => {
    expect(throughSh(NASTY)).toEqual(NASTY);
  });

  it('reads back exactly in sh, for any string without NUL', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }).filter((s) => wellFormed(s) && !s.includes('\0')), { minLength: 1, maxLength: 20 }), (values) => {
        expect(throughSh(values)).toEqual(values);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a NUL byte, which no shell word can hold', () => {
    expect(() => shQuote('a\0b')).toThrow(GuardInputError);
  });
});

describe('plainPath', () => {
  it('accepts a plain absolute path and refuses what apt.conf, alpm Exec or dnf5 actions cannot carry', () => {
    expect(plainPath('/usr/local/libexec/monit-pkg-guard', 'x')).toBe('/usr/local/libexec/monit-pkg-guard');
    for (const bad of ['relative/path', '/with space', '/with"quote', '/back\\slash', '/a//b', '/semi;colon']) {
      expect(() => plainPath(bad, 'an apt.conf value')).toThrow(GuardInputError);
    }
  });
});

requiringSuite('pyQuote', 'python3', requirePython3, (python) => {
  function throughPython(values: readonly string[]): string[] {
    const program = `import sys\nout = [${values.map(pyQuote).join(', ')}]\nsys.stdout.buffer.write('\\0'.join(out).encode('utf-8', 'surrogatepass') + b'\\0')\n`;
    const r = spawnSync(python, ['-c', program], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\0').slice(0, -1);
  }

  it('reads back exactly in Python, for the strings that break naive quoting', () => {
    expect(throughPython(NASTY)).toEqual(NASTY);
  });

  it('reads back exactly in Python, for any Unicode string, and emits only ASCII', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }).filter((s) => wellFormed(s) && !s.includes('\0')), { minLength: 1, maxLength: 20 }), (values) => {
        for (const v of values) expect(pyQuote(v)).toMatch(/^[\x20-\x7e]*$/);
        expect(throughPython(values)).toEqual(values);
      }),
      { numRuns: 30 },
    );
  });
});
