/**
 * `monitlint check --dump` against the service list of the real `monit -v -t` on every corpus
 * file Monit accepts (issue 2): the two must agree line for line.
 *
 * Both sides run on this machine: monit (sandboxed, through the oracle cache) and monitlint's dump
 * with a DumpHost that reads this machine (host name, CPU count, users and groups, files). Two
 * values are masked on both sides, because the oracle cache key (file content, monit version, uid,
 * users and groups, host name) does not cover them, so a cached monit run could have seen another
 * value than monitlint sees now:
 *
 * - a checksum Monit computed from a file on the machine (`Checksum = if failed <hex>(MD5)` for a
 *   test without `expect`): the file may have changed since the run was cached. Written
 *   (`expect`) checksums are masked too, as the line does not say which kind it is; the focused
 *   tests in test/report/dump.test.ts check written ones unmasked;
 * - the per-core load-average label (`Load avg/core (5m)` vs `Load avg (5m)`): Monit makes a
 *   `per core` test a plain one on a single-CPU machine, and the CPU count is not in the key.
 */
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { realFs } from '../../src/cli/real-fs.js';
import { dumpHostFromFs, dumpServiceList } from '../../src/report/dump.js';
import { listPlainFiles, readVerdicts, requireCorpus } from '../support/corpus.js';
import { extractServiceList, monitSuite, type MonitResult } from '../support/monit.js';
import { checkInDir } from '../support/monitlint.js';
import { cachedRunMonitTBatch } from '../support/oracle-cache.js';

/**
 * The least number of identical dumps. Measured: all 1138 corpus files of class `ok` (everything
 * Monit 5.33 accepts) are identical. Raise it, never lower it to make a change pass.
 */
const FLOOR_IDENTICAL = 1138;

/** The masks described above, applied to both sides. */
function maskHostValues(line: string): string {
  return line
    .replace(/^( Checksum {13}= if failed )[0-9a-f]{32}(?:[0-9a-f]{8})?\(/, '$1<hash>(')
    .replace(/^ Load avg(?:\/core)? \((1|5|15)m\) *=/, ' Load avg[/core] ($1m) =');
}

const corpus = requireCorpus();

monitSuite('corpus: monitlint check --dump agrees with monit -v -t', () => {
  let dir = '';
  let files: Array<{ id: string; name: string }> = [];
  let oracle: MonitResult[] = [];

  beforeAll(async () => {
    if (corpus === null) return;
    const verdicts = readVerdicts();
    dir = mkdtempSync(join(tmpdir(), 'monitlint-dump-'));
    files = listPlainFiles()
      .filter((f) => verdicts.get(f.id)?.cls === 'ok')
      .map((f) => {
        const name = `${f.id}.monitrc`;
        copyFileSync(f.path, join(dir, name));
        chmodSync(join(dir, name), 0o600);
        return { id: f.id, name };
      });
    oracle = (await cachedRunMonitTBatch(files.map((f) => join(dir, f.name)), 2, { verbose: true })).results;
  }, 1_200_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same service list as monit -v -t for every accepted corpus file', () => {
    expect(corpus, 'the corpus is required').not.toBeNull();
    const host = dumpHostFromFs(realFs, { hostname: hostname(), cpuCount: cpus().length });
    const differing: string[] = [];
    const notAccepted: string[] = [];
    let compared = 0;
    let identical = 0;
    files.forEach((f, i) => {
      const theirs = oracle[i];
      if (!theirs) throw new Error(`no oracle result for ${f.id}`);
      if (!theirs.accepted) {
        notAccepted.push(`${f.id}: monit -t rejects it on this machine (${theirs.errors[0]?.message ?? 'no message'})`);
        return;
      }
      compared++;
      const ours = checkInDir(dir, f.name);
      if (!ours.accepted) {
        differing.push(`${f.id}: monitlint rejects the file, so it has no service list`);
        return;
      }
      const a = (theirs.serviceList ?? []).map(maskHostValues);
      const b = extractServiceList(dumpServiceList(ours.parsed.config, host)).map(maskHostValues);
      const n = Math.max(a.length, b.length);
      let line = 0;
      while (line < n && a[line] === b[line]) line++;
      if (line === n) identical++;
      else differing.push(`${f.id}: first difference at line ${line + 1} of the list\n    monit:     ${JSON.stringify(a[line] ?? '<end>')}\n    monitlint: ${JSON.stringify(b[line] ?? '<end>')}`);
    });
    console.log(`dump parity: ${identical}/${compared} identical`);
    if (differing.length > 0) console.log(`dumps that differ:\n  ${differing.join('\n  ')}`);
    expect(notAccepted, 'every ok-class corpus file should be accepted by monit here').toEqual([]);
    expect(identical, `identical dumps fell below the floor; differing:\n${differing.join('\n')}`).toBeGreaterThanOrEqual(FLOOR_IDENTICAL);
    expect(differing).toEqual([]);
  });
});
