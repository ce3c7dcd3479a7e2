/**
 * The guard under the real zypper 1.14 / libzypp 17.25 (Debian's zypper), with real Monit 5.33
 * watching the dummy daemon of e2e-support.ts, packaged as RPMs (rpmbuild) in a local rpm-md
 * repository (createrepo_c) and upgraded with `zypper install NAME = VERSION`.
 *
 * Root: libzypp starts commit plugins only when the target root is "/" (F63; checked here again:
 * with `zypper --root DIR` neither the host's plugin nor one inside DIR is started), and their
 * directory is fixed (/usr/lib/zypp/plugins/commit, no zypp.conf key in 17.25). So zypper works on
 * "/" and the guard is installed there by `monitlint guard --install` and removed by
 * `--uninstall`; everything else of zypper's is private to the bed: the repository definitions
 * (`--reposd-dir`) and the metadata and package caches (`--cache-dir`). libzypp keeps its rpm
 * database at /var/lib/rpm here (F66); the test's two packages are erased from it afterwards.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../src/guard/manifest.js';
import { HELPER_PATH, STATE_DIR } from '../../src/guard/types.js';
import { repoRoot } from '../support/corpus.js';
import { requiringSuite } from '../support/monit.js';
import {
  alive, assertNoGuardOnMachine, DAEMON, freeLoopbackPort, guardTraceTail, healthy, holdGuardE2eLock, makeBed, makeRpmRepo, md5File, monitPid, monitStatus, PKG, readPid, removeStaleDummy, requireGuardTestBed, requireTools, RPM_BASE, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, ZYPPER_RPMDB, type Bed, expectCrashRestarted, removeBed, removeGuardState,
} from './e2e-support.js';

const bin = join(repoRoot, 'bin', 'monitlint');
const PLUGIN = '/usr/lib/zypp/plugins/commit/monit-guard';

function requireZypperBed(): string | null {
  const monit = requireGuardTestBed();
  if (monit === null) return null;
  return requireTools('zypper', ['zypper', 'rpm', 'rpmbuild', 'createrepo_c'], 'apt-get install zypper rpm createrepo-c') === null ? null : monit;
}

requiringSuite('guard end to end: zypper install from a local repository', 'root, monit, zypper, rpmbuild and createrepo_c', requireZypperBed, () => {
  let bed: Bed;
  let release: () => void = () => {};
  let installed = false;
  /** zypper's global options: non-interactive, the bed's repository definitions and caches. */
  let global: string[] = [];
  const stateDirExisted = existsSync(STATE_DIR);
  /** The plugin directories this test may create (the probe below), deepest first. */
  const zyppDirsMissing = ['/usr/lib/zypp/plugins/commit', '/usr/lib/zypp/plugins', '/usr/lib/zypp'].filter((d) => !existsSync(d));

  const zypper = (args: string[]): ReturnType<typeof run> => run('zypper', [...global, ...args]);
  const upgradeTo = (version: number): ReturnType<typeof run> => zypper(['install', `${PKG} = ${version}`]);

  beforeAll(async () => {
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    removeStaleDummy();
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(join(STATE_DIR, 'trace'), '');
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-guard-zypper-')), await freeLoopbackPort());
    makeRpmRepo(bed, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((version) => ({ version, failPre: version === 4 || version === 8 })));
    const reposd = join(bed.dir, 'zypp.repos.d');
    mkdirSync(reposd, { recursive: true });
    writeFileSync(join(reposd, 'monitlint-e2e.repo'), `[monitlint-e2e]\nname=monitlint e2e\nbaseurl=file://${join(bed.dir, 'rpmrepo')}\nenabled=1\nautorefresh=1\ngpgcheck=0\ntype=rpm-md\n`);
    global = ['--non-interactive', '--no-gpg-checks', '--reposd-dir', reposd, '--cache-dir', join(bed.dir, 'zyppcache')];
    const r = zypper(['install', RPM_BASE, `${PKG} = 1`]);
    if (r.status !== 0) throw new Error(`zypper install v1: ${r.stdout}${r.stderr}`);
    if (!alive(readPid(bed.daemonPidfile))) throw new Error(`the v1 %post did not start the dummy daemon: ${r.stdout}${r.stderr}`);
    await startMonit(bed);
  });

  afterAll(async () => {
    try {
      if (installed) run(bin, ['guard', '--uninstall']);
      for (const d of zyppDirsMissing) {
        try {
          rmdirSync(d); // only if empty: never what someone else put there
        } catch {
          /* not empty or gone */
        }
      }
      if ((bed as Bed | undefined) !== undefined) {
        await stopMonit(bed);
        run('rpm', ['--dbpath', ZYPPER_RPMDB, '-e', '--nodeps', PKG, RPM_BASE]); // the %preun stops the daemon
        removeBed(bed);
      }
      removeGuardState(stateDirExisted);
    } finally {
      release();
    }
  });

  it('unguarded, a zypper upgrade makes Monit fail the checksum and unmonitor both services', async () => {
    const log0 = sizeOf(bed.monitLog);
    const r = upgradeTo(2);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    await sleep(3000);
    expect(textSince(bed.monitLog, log0)).toMatch(/'dummy_bin' checksum failed/);
    expect(monitStatus(bed, 'dummy_bin').monitoring).toBe('Not monitored');
    expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
    // What an administrator has to do by hand (monit-semantics.md §11, consequence 5).
    await stopMonit(bed);
    run('monit', ['-c', bed.monitrc]);
    expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000)).toBe(true);
    run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
  });

  it('zypper --root starts no commit plugin, neither the host\'s nor the root\'s (F63)', () => {
    // A probe plugin that records every frame it is sent, installed for this one check.
    const probeLog = join(bed.dir, 'probe-frames.log');
    const probe = `#!/bin/bash\nwhile IFS= read -r -d '' f; do f=\${f#"\${f%%[![:space:]]*}"}; echo "$0 \${f%%$'\\n'*}" >>'${probeLog}'; printf 'ACK\\n\\n\\0'; done\n`;
    const other = join(bed.dir, 'otherroot');
    const hostProbe = '/usr/lib/zypp/plugins/commit/zz-monitlint-e2e-probe';
    mkdirSync('/usr/lib/zypp/plugins/commit', { recursive: true });
    mkdirSync(join(other, '/usr/lib/zypp/plugins/commit'), { recursive: true });
    try {
      writeFileSync(hostProbe, probe, { mode: 0o755 });
      writeFileSync(join(other, hostProbe), probe, { mode: 0o755 });
      // A package without scriptlets (rpm would run them chrooted into the other root): the base.
      const r = zypper(['--root', other, 'install', RPM_BASE]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(existsSync(probeLog)).toBe(false);
      // The same probe on "/" does see the commit (so the check above can fail).
      const again = zypper(['install', '--force', RPM_BASE]);
      expect(again.status, again.stdout + again.stderr).toBe(0);
      expect(readFileSync(probeLog, 'utf8').split('\n').filter(Boolean)).toEqual(
        ['PLUGINBEGIN', 'COMMITBEGIN', 'COMMITEND', 'PLUGINEND', '_DISCONNECT'].map((f) => `${hostProbe} ${f}`),
      );
    } finally {
      rmSync(hostProbe, { force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('monitlint guard --install --manager zypper installs the commit plugin where libzypp starts it', () => {
    const r = run(bin, ['guard', '--manager', 'zypper', '--config', bed.monitrc, '--install']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    installed = true;
    for (const path of [HELPER_PATH, PLUGIN, MANIFEST_PATH]) {
      expect(r.stdout).toContain(path);
      expect(existsSync(path)).toBe(true);
    }
  });

  describe('with the pause strategy', () => {
    it('guarded: no Monit action during the commit, everything monitored on the new checksum after it', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const monitBefore = monitPid(bed);
      const r = upgradeTo(3);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const monitAfter = monitPid(bed);
      expect(monitAfter, guardTraceTail()).toBeDefined();
      expect(monitAfter).not.toBe(monitBefore); // stopped and started again by the guard
      await sleep(3000);
      expect(textSince(bed.monitLog, log0)).not.toMatch(/checksum failed|trying to restart|monitoring disabled|not running|unmonitor|does not exist/);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 3');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a failing %pre (zypper aborts the commit, exit 8, no COMMITEND but PLUGINEND, F65) leaves Monit running and monitoring everything', async () => {
      const log0 = sizeOf(bed.monitLog);
      const monitBefore = monitPid(bed);
      const r = upgradeTo(4);
      expect(r.status, r.stdout + r.stderr).toBe(8);
      expect(r.stdout + r.stderr).toContain('%pre fails on purpose');
      // The plugin paused (Monit stopped) and, on PLUGINEND, resumed (started again).
      expect(monitPid(bed), `${r.stdout}${r.stderr}\n${guardTraceTail()}`).toBeDefined();
      expect(monitPid(bed)).not.toBe(monitBefore);
      expect(textSince(bed.monitLog, log0)).toMatch(/Monit daemon with pid \[\d+\] stopped[\s\S]*Starting Monit/);
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 3');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a Monit stopped before the commit stays stopped', async () => {
      await stopMonit(bed);
      const r = upgradeTo(5);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      await sleep(2500); // longer than a watchdog poll: nothing may start Monit
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  describe('with the targeted strategy', () => {
    beforeAll(async () => {
      const r = run(bin, ['guard', '--manager', 'zypper', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
      if (r.status !== 0) throw new Error(`guard --install --manager zypper --strategy targeted: ${r.stderr}`);
      if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error('Monit is not healthy before the targeted scenarios');
    });

    it('guarded: Monit keeps running, unmonitors only the affected services, and monitors them again on the new checksum', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const monitBefore = monitPid(bed);
      const r = upgradeTo(6);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(monitPid(bed)).toBe(monitBefore); // never stopped
      await sleep(3000);
      const log = textSince(bed.monitLog, log0);
      expect(log).not.toMatch(/checksum failed|trying to restart|not running|does not exist|Starting Monit/);
      expect(log.match(/'dummy_bin' unmonitor on user request/g)?.length, log).toBe(1);
      expect(log).toMatch(/Reinitializing monit daemon[\s\S]*'dummyd' monitor on user request/);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 6');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the targeted upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a service unmonitored before the commit stays unmonitored', async () => {
      run('monit', ['-c', bed.monitrc, 'unmonitor', 'dummyd']);
      expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring === 'Not monitored', 10_000)).toBe(true);
      const r = upgradeTo(7);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      await sleep(2000);
      expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
      expect(monitStatus(bed, 'dummy_bin')).toMatchObject({ monitoring: 'Monitored', status: 'OK', checksum: md5File(DAEMON) });
      run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    });

    it('guarded, a failing %pre still leaves every service monitored on the old binary', async () => {
      const log0 = sizeOf(bed.monitLog);
      const monitBefore = monitPid(bed);
      const r = upgradeTo(8);
      expect(r.status, r.stdout + r.stderr).toBe(8);
      expect(r.stdout + r.stderr).toContain('%pre fails on purpose');
      expect(monitPid(bed)).toBe(monitBefore);
      // The plugin unmonitored at COMMITBEGIN and, on PLUGINEND, monitored again.
      expect(await waitFor(() => /'dummy_bin' unmonitor on user request[\s\S]*'dummyd' monitor on user request/.test(textSince(bed.monitLog, log0)), 10_000), guardTraceTail()).toBe(true);
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      expect(await waitFor(() => healthy(bed), 30_000), guardTraceTail()).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 7');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a Monit stopped before stays stopped', async () => {
      await stopMonit(bed);
      const r = upgradeTo(9);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  it('monitlint guard --uninstall removes the plugin again', () => {
    const r = run(bin, ['guard', '--uninstall']);
    expect(r.status).toBe(0);
    installed = false;
    for (const path of [HELPER_PATH, PLUGIN, MANIFEST_PATH]) expect(existsSync(path)).toBe(false);
  });
});
