/**
 * The prediction for a real .deb against the real upgrade (issue 5): the e2e harness's dummy
 * daemon is packaged as v1 and v2 (dpkg-deb, test/guard/e2e-support.ts), v1 is installed with the
 * real dpkg and watched by a real Monit 5.33 daemon (1 s polls, everything private to a temporary
 * directory). `monitlint simulate --package-file v2.deb` predicts the outcome classes over every
 * phase of Monit's cycle; then the real `dpkg -i v2.deb` runs at whatever phase Monit happens to
 * be in, and what both can observe must agree:
 * - Monit starts the daemon during the transaction (the daemon's control program logs who asked);
 * - which binary runs afterwards (the daemon answers with its version on its port);
 * - the checksum failure, and which services end unmonitored (`monit status`);
 * - whether a crash after the upgrade is restarted (the test kills the daemon).
 * The real run is one phase of the sweep, so a fact the prediction gives at every phase must be
 * seen, and a fact seen must be one the prediction gives at some phase.
 * Runs under `flock /tmp/monitlint-e2e.lock` (real dpkg, a real Monit daemon).
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli as cli } from '../support/monitlint.js';
import type { SweepResult } from '../../src/sim/sweep.js';
import { requiringSuite } from '../support/monit.js';
import {
  alive, assertNoGuardOnMachine, buildDeb, freeLoopbackPort, holdGuardE2eLock, makeBed, monitStatus, PKG, readPid, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, type Bed, removeBed, requireRootAndMonit,
} from '../guard/e2e-support.js';

function requireBed(): string | null {
  return requireRootAndMonit('the prediction-vs-real-dpkg test (real dpkg, real Monit)');
}

/** What the dummy daemon on `port` says: "dummy <version>". */
function answer(port: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const s = connect(port, '127.0.0.1');
    s.setTimeout(3000, () => s.destroy());
    s.on('data', (d) => { text += String(d); });
    s.on('close', () => resolve(text.trim()));
    s.on('error', () => resolve(''));
  });
}

/** The facts a class set predicts, with the share of phases each occurs in (0 = only between the steps). */
interface Fact { share: number; possible: boolean }
function fact(r: SweepResult, kind: string, test: (c: SweepResult['classes'][number]) => boolean = () => true): Fact {
  const c = r.classes.find((x) => x.kind === kind && test(x));
  return { share: c?.share ?? 0, possible: c !== undefined };
}

/** A fact seen in the one real run must be possible; one predicted at every phase must be seen. */
function agree(what: string, predicted: Fact, seen: boolean): void {
  if (predicted.share === 1) expect(seen, `${what}: predicted at every phase, not seen in the real upgrade`).toBe(true);
  if (seen) expect(predicted.possible, `${what}: seen in the real upgrade, predicted at no phase`).toBe(true);
}

requiringSuite('a .deb upgrade: the prediction against the real dpkg and the real Monit', 'root, monit and dpkg', requireBed, () => {
  let bed: Bed;
  let v2: string;
  let release: () => void = () => {};

  beforeAll(async () => {
    // The guard e2e files install the same dummy package, and dpkg does not wait for its lock.
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    run('dpkg', ['--purge', PKG]); // a leftover of an interrupted earlier run
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-plan-monit-')), await freeLoopbackPort());
    const v1 = buildDeb(bed, 1);
    v2 = buildDeb(bed, 2);
    const r = run('dpkg', ['-i', v1]);
    if (r.status !== 0) throw new Error(`dpkg -i v1: ${r.stderr}`);
    if (!alive(readPid(bed.daemonPidfile))) throw new Error('the v1 postinst did not start the dummy daemon');
    await startMonit(bed);
  });

  afterAll(async () => {
    try {
      await stopMonit(bed);
      run('dpkg', ['--purge', PKG]); // its prerm stops the daemon
      removeBed(bed);
    } finally {
      release();
    }
  });

  it('simulate --package-file v2.deb predicts what dpkg -i v2.deb does under Monit', async () => {
    const p = await cli(['simulate', '--config', bed.monitrc, '--package-file', v2, '--manager', 'dpkg', '--format', 'json']);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(1);
    const predicted = JSON.parse(p.stdout) as SweepResult & { packages: Array<{ pattern: string; unit: string }> };
    // The reader sees the package's own control program: stop in preinst, start in postinst (pattern A).
    expect(predicted.packages).toEqual([expect.objectContaining({ pattern: 'stop-start', unit: '/usr/lib/monitlint-e2e-dummy/ctl' })]);

    const log0 = sizeOf(bed.monitLog);
    const dlog0 = sizeOf(bed.daemonLog);
    const upgrade = run('dpkg', ['-i', v2]);
    expect(upgrade.status, upgrade.stderr).toBe(0);
    const during = textSince(bed.daemonLog, dlog0);
    await sleep(3000); // three more passes
    const log = textSince(bed.monitLog, log0);
    const context = `\ndaemon log during the upgrade:\n${during}\nmonit log:\n${log}\nprediction:\n${predicted.classes.map((c) => `${c.kind} ${c.share} ${c.title}`).join('\n')}`;

    const unmonitored = ['dummy_bin', 'dummyd'].filter((n) => monitStatus(bed, n).monitoring === 'Not monitored');
    const version = await answer(bed.port);
    const realFacts = {
      monitStart: /start by=dummyd/.test(during),
      oldBinary: version === 'dummy 1',
      checksum: /'dummy_bin' checksum failed/.test(log),
    };
    const predictedUnmonitored = predicted.classes.find((c) => c.kind === 'unmonitored');

    agree(`Monit starts dummyd during the transaction${context}`, fact(predicted, 'monit-start-during'), realFacts.monitStart);
    agree(`the old binary keeps running (the daemon answers '${version}')${context}`, fact(predicted, 'old-binary'), realFacts.oldBinary);
    agree(`checksum failure${context}`, fact(predicted, 'unmonitored', (c) => c.causes.some((x) => x.what.startsWith('checksum failed'))), realFacts.checksum);
    agree(`services end unmonitored${context}`, fact(predicted, 'unmonitored'), unmonitored.length > 0);
    // Which services: the same set.
    const predictedServices = new Set((predictedUnmonitored?.causes ?? []).filter((c) => c.what.startsWith('unmonitor (')).map((c) => c.service));
    expect(unmonitored.sort(), context).toEqual([...predictedServices].sort());
    // On this package every fact is predicted at every phase, so the real run shows all of them.
    expect(realFacts, context).toEqual({ monitStart: true, oldBinary: true, checksum: true });

    // A crash after the upgrade: predicted not restarted (the services are unmonitored).
    const crash = fact(predicted, 'unmonitored', (c) => c.title.includes('a crash after the upgrade is not restarted'));
    const pid = readPid(bed.daemonPidfile);
    expect(alive(pid)).toBe(true);
    const dlog1 = sizeOf(bed.daemonLog);
    process.kill(pid!, 'SIGKILL');
    const restarted = await waitFor(() => textSince(bed.daemonLog, dlog1).includes('start by=dummyd'), 4000);
    agree(`a crash after the upgrade is not restarted${context}`, crash, !restarted);
  });
});
