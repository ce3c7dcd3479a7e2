/**
 * Resilience (issue 2): templates, truncated and corrupted corpus files always give diagnostics,
 * never an exception, a hang, or a position outside the input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { parseControlText } from '../../src/config/load.js';
import type { Fs } from '../../src/config/fs.js';
import { listPlainFiles, listTemplates, requireCorpus } from '../support/corpus.js';

/** No includes are followed: an empty filesystem. */
const emptyFs: Fs = {
  readFileSync: () => {
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  },
  statSync: () => {
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  },
  lstatSync: () => {
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  },
  readdirSync: () => [],
};

function checkString(text: string): void {
  const parsed = parseControlText('input.rc', text, { fs: emptyFs, cwd: '/' });
  const result = check(parsed);
  const lines = text.split('\n').length;
  for (const d of result.diagnostics) {
    if (d.span.file !== 'input.rc') continue;
    expect(d.span.line, d.message).toBeGreaterThanOrEqual(1);
    expect(d.span.line, d.message).toBeLessThanOrEqual(lines);
    expect(d.span.column).toBeGreaterThanOrEqual(1);
    expect(d.span.startOffset).toBeLessThanOrEqual(text.length);
  }
  if (!result.fullyParsed) expect(result.accepted).toBe(false);
}

const corpus = requireCorpus();

describe.skipIf(corpus === null)('resilience', () => {
  it('every template yields diagnostics without throwing', () => {
    const templates = listTemplates();
    expect(templates.length).toBe(341);
    for (const t of templates) checkString(readFileSync(t.path, 'latin1'));
  });

  it('corpus files cut at random points or with random bytes changed never throw', () => {
    const files = listPlainFiles().map((f) => readFileSync(f.path, 'latin1'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (i, cut, flips) => {
          let text = files[i] ?? '';
          text = text.slice(0, Math.floor(text.length * cut));
          const chars = [...text];
          for (const [pos, byte] of flips) {
            if (chars.length === 0) break;
            chars[Math.floor(pos * (chars.length - 1))] = String.fromCharCode(byte);
          }
          checkString(chars.join(''));
        },
      ),
      { numRuns: 400, seed: 20261124 },
    );
  });
});
