/**
 * The parser and checker against the real `monit -t` on every plain corpus file (issue 2): the
 * same verdict on every file, and the first error within one line of Monit's.
 *
 * Monit's own line counter drifts: the newline that ends a `from:`/`reply-to:` value is not
 * counted, and a discarded backslash is counted as a line (spec §1.2). monitlint reports real
 * positions, so the comparison adds Monit's drift before comparing lines.
 */
import { copyFileSync, chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listPlainFiles, readVerdicts, requireCorpus } from '../support/corpus.js';
import { monitSuite, type MonitResult } from '../support/monit.js';
import { cachedRunMonitTBatch } from '../support/oracle-cache.js';
import { checkInDir, firstError } from '../support/monitlint.js';

/** Lines Monit's counter is behind at `line` of `text`. */
function monitDrift(text: string, line: number): number {
  const lines = text.split('\n').slice(0, line - 1);
  let drift = 0;
  for (const l of lines) {
    if (/(^|[\s{])(from|reply-to):/i.test(l) && !/^\s*#/.test(l)) drift++;
    if (/(^|\s)\\\s*$/.test(l) && !/^\s*#/.test(l)) drift--;
  }
  return drift;
}

const corpus = requireCorpus();

monitSuite('corpus: monitlint check agrees with monit -t', () => {
  let dir = '';
  let files: Array<{ id: string; name: string }> = [];
  let oracle: MonitResult[] = [];

  beforeAll(async () => {
    if (corpus === null) return;
    dir = mkdtempSync(join(tmpdir(), 'monitlint-corpus-'));
    files = listPlainFiles().map((f) => {
      const name = `${f.id}.monitrc`;
      copyFileSync(f.path, join(dir, name));
      chmodSync(join(dir, name), 0o600);
      return { id: f.id, name };
    });
    const run = await cachedRunMonitTBatch(files.map((f) => join(dir, f.name)), 2);
    oracle = run.results;
  }, 1_200_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same verdict as monit -t on every plain file, and the first error within one line', () => {
    expect(corpus, 'the corpus is required').not.toBeNull();
    const classes = readVerdicts();
    const table = new Map<string, { files: number; agree: number }>();
    const disagreements: string[] = [];
    const lineMisses: string[] = [];
    files.forEach((f, i) => {
      const theirs = oracle[i];
      if (!theirs) throw new Error(`no oracle result for ${f.id}`);
      const ours = checkInDir(dir, f.name);
      const cls = theirs.accepted ? 'ok' : (classes.get(f.id)?.cls ?? 'rejected');
      const row = table.get(cls) ?? { files: 0, agree: 0 };
      row.files++;
      if (ours.accepted === theirs.accepted) row.agree++;
      else disagreements.push(`${f.id}: monit ${theirs.accepted ? 'accepts' : `rejects (${theirs.errors[0]?.message ?? theirs.output.slice(0, 120)})`}, monitlint ${ours.accepted ? 'accepts' : `rejects (${firstError(ours)?.message})`}`);
      table.set(cls, row);
      const e = theirs.errors.find((x) => x.line !== undefined && x.file === f.name);
      const o = firstError(ours);
      if (!theirs.accepted && !ours.accepted && e?.line !== undefined && o && ours.diagnostics.find((d) => d.severity === 'error')?.span.file === f.name) {
        const text = readFileSync(join(dir, f.name), 'latin1');
        const expected = o.line - monitDrift(text, o.line);
        if (Math.abs(expected - e.line) > 1) lineMisses.push(`${f.id}: monit line ${e.line}, monitlint line ${o.line} (${o.message})`);
      }
    });
    const rows = [...table.entries()].sort().map(([cls, r]) => `  ${cls.padEnd(16)} ${String(r.agree).padStart(5)} / ${String(r.files).padEnd(5)} agree`);
    const total = [...table.values()].reduce((a, r) => ({ files: a.files + r.files, agree: a.agree + r.agree }), { files: 0, agree: 0 });
    console.log(['verdict agreement with monit -t (class from VERDICTS.tsv):', ...rows, `  ${'all'.padEnd(16)} ${String(total.agree).padStart(5)} / ${total.files}`, `  first-error line misses: ${lineMisses.length}`].join('\n'));
    expect(disagreements).toEqual([]);
    expect(lineMisses).toEqual([]);
    expect(total.files).toBe(1358);
  });
});
