/**
 * The pause guard with real components: real Monit 5.33 (daemon, 1 s polls, httpd on a unix
 * socket, everything private to a temporary directory) watching a dummy daemon that is packaged
 * as .deb files and upgraded with the real `dpkg -i`, with the guard installed by the real
 * `monitlint guard --install` (dpkg's own pre-invoke/post-invoke, package-managers.md F17), then
 * with the real `apt-get` from a local file repository (apt's Pre-Install-Pkgs/Post-Invoke, §4),
 * configured through -o options so the machine's sources and lists are never read or written;
 * and with the real dnf 4 and rpm from a local repository (the dnf plugin, §7).
 *
 * There is no systemd here: the helper detects that and controls Monit directly (`monit -c FILE
 * quit` / `monit -c FILE`), which is the path it takes on sysvinit hosts and in containers.
 *
 * dpkg installs into the real system (CI is a throwaway root machine). The package name cannot
 * clash; it is purged afterwards, and every process started is stopped by its pid.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../src/guard/manifest.js';
import { HELPER_PATH, STATE_DIR } from '../../src/guard/types.js';
import { repoRoot } from '../support/corpus.js';
import { findExecutable, requiringSuite } from '../support/monit.js';
import {
  alive, buildDeb, DAEMON, freeLoopbackPort, healthy, makeAptRepo, makeBed, makeRpmRepo, RPM_BASE, monitPid, monitStatus, PKG, readPid, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, withoutAptHooks, type Bed, assertNoGuardOnMachine, holdGuardE2eLock, removeStaleDummy, requireGuardTestBed, expectCrashRestarted, md5File, removeBed, removeGuardState, guardTraceTail, requireTools,
} from './e2e-support.js';

const bin = join(repoRoot, 'bin', 'monitlint');




requiringSuite('guard end to end: dpkg -i and apt-get with the pause strategy', 'root, monit and dpkg', requireGuardTestBed, () => {
  let bed: Bed;
  let release: () => void = () => {};
  const debs: Record<string, string> = {};
  let installed = false;
  const stateDirExisted = existsSync(STATE_DIR);

  beforeAll(async () => {
    // One guard e2e file at a time: they share the dummy's paths, the helper and its state dir.
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    removeStaleDummy(); // a leftover of an interrupted earlier run
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(join(STATE_DIR, 'trace'), '');
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-guard-e2e-')), await freeLoopbackPort());
    for (const v of [1, 2, 3, 5, 6, 8, 10, 11, 13, 14, 15, 17]) debs[v] = buildDeb(bed, v);
    debs['12-bad-postinst'] = buildDeb(bed, 12, { failPostinst: true });
    debs['4-bad-postinst'] = buildDeb(bed, 4, { failPostinst: true });
    debs['7-bad-preinst'] = buildDeb(bed, 7, { failPreinst: true });
    debs['9-bad-postinst'] = buildDeb(bed, 9, { failPostinst: true });
    debs['16-bad-postinst'] = buildDeb(bed, 16, { failPostinst: true });
    const r = run('dpkg', ['-i', debs[1]!]);
    if (r.status !== 0) throw new Error(`dpkg -i v1: ${r.stderr}`);
    if (!alive(readPid(bed.daemonPidfile))) throw new Error('the v1 postinst did not start the dummy daemon');
    await startMonit(bed);
  });

  afterAll(async () => {
    if (installed) run(bin, ['guard', '--uninstall']);
    await stopMonit(bed);
    run('dpkg', ['--purge', PKG]); // its prerm stops the daemon
    if (findExecutable('rpm') !== null) run('rpm', ['-e', '--nodeps', PKG, RPM_BASE]); // so does the rpm's %preun
    removeBed(bed);
    removeGuardState(stateDirExisted);
    release();
  });

  it('unguarded, the same kind of upgrade makes Monit fail the checksum and unmonitor both services', async () => {
    const log0 = sizeOf(bed.monitLog);
    const r = run('dpkg', ['-i', debs[2]!]);
    expect(r.status).toBe(0);
    await sleep(3000); // three more passes
    const log = textSince(bed.monitLog, log0);
    expect(log).toMatch(/'dummy_bin' checksum failed/);
    expect(monitStatus(bed, 'dummy_bin').monitoring).toBe('Not monitored');
    expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
    // What an administrator has to do by hand (monit-semantics.md §11, consequence 5).
    await stopMonit(bed);
    run('monit', ['-c', bed.monitrc]);
    expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000)).toBe(true);
    run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
  });

  it('monitlint guard --install writes the helper and the dpkg and apt hooks, and says so', () => {
    const r = run(bin, ['guard', '--manager', 'apt', '--config', bed.monitrc, '--install']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    installed = true;
    for (const path of [HELPER_PATH, '/etc/dpkg/dpkg.cfg.d/monit-pkg-guard', '/etc/apt/apt.conf.d/00monit-pkg-guard', '/etc/apt/apt.conf.d/99zz-monit-pkg-guard', MANIFEST_PATH]) {
      expect(r.stdout).toContain(path);
      expect(existsSync(path)).toBe(true);
    }
  });

  it('guarded, an upgrade leaves Monit untouched during the transaction and monitoring everything after it', async () => {
    const log0 = sizeOf(bed.monitLog);
    const dlog0 = sizeOf(bed.daemonLog);
    const monitBefore = monitPid(bed);
    const r = run('dpkg', ['-i', debs[3]!]);
    expect(r.status).toBe(0);
    // Monit was paused (stopped) and resumed (started again) by the guard: a new daemon.
    const monitAfter = monitPid(bed);
    expect(monitAfter).toBeDefined();
    expect(monitAfter).not.toBe(monitBefore);
    await sleep(3000);
    const log = textSince(bed.monitLog, log0);
    expect(log).not.toMatch(/checksum failed|trying to restart|monitoring disabled|not running|unmonitor/);
    // Monit never started or stopped the daemon; the package did, once each.
    expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
    expect(healthy(bed)).toBe(true);
    // The checksum test passes against the new binary.
    expect(readFileSync(DAEMON, 'utf8')).toContain('version 3');
    expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
  });

  it('after the upgrade, Monit restarts the daemon when it crashes', async () => {
    await expectCrashRestarted(bed);
  });

  it('guarded, a failing postinst still leaves Monit running and monitoring everything', async () => {
    const r = run('dpkg', ['-i', debs['4-bad-postinst']!]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('postinst fails on purpose');
    expect(monitPid(bed), `${r.stderr}\n${guardTraceTail()}`).toBeDefined();
    expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    // The package left the daemon stopped; after the transaction Monit does its job again.
    expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
    expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
  });

  it('guarded, a failing preinst (dpkg unwinds to the old version) still leaves Monit as it was', async () => {
    const before = md5File(DAEMON);
    const log0 = sizeOf(bed.monitLog);
    const r = run('dpkg', ['-i', debs['7-bad-preinst']!]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('preinst fails on purpose');
    expect(md5File(DAEMON)).toBe(before);
    expect(monitPid(bed), `${r.stderr}\n${textSince(bed.monitLog, log0)}\n${guardTraceTail()}`).toBeDefined();
    expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
    expect(textSince(bed.monitLog, log0)).not.toMatch(/checksum failed|trying to restart|monitoring disabled/);
    expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
  });

  it('guarded, a Monit that was stopped before the transaction stays stopped', async () => {
    await stopMonit(bed);
    expect(monitPid(bed)).toBeUndefined();
    const r = run('dpkg', ['-i', debs[5]!]);
    expect(r.status).toBe(0);
    await sleep(2500); // longer than the watchdog's poll: it must not start Monit either
    expect(monitPid(bed)).toBeUndefined();
    expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    await startMonit(bed);
  });

  it('guarded, a second pause in the same transaction and a resume without a pause change nothing', async () => {
    const pid = monitPid(bed);
    let r = run(HELPER_PATH, ['resume']);
    expect(r.status).toBe(0);
    expect(monitPid(bed)).toBe(pid);
    // Two pauses from one owner (a shell standing in for the package manager), then one resume.
    r = run('sh', ['-c', `${HELPER_PATH} pause; ${HELPER_PATH} pause; [ -e ${STATE_DIR}/paused ] && echo paused; ${HELPER_PATH} resume`]);
    expect(r.status).toBe(0);
    expect(r.stdout, `${r.stderr}\n${guardTraceTail()}`).toBe('paused\n');
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
  });

  it('recovers when the package manager dies between pause and resume', async () => {
    // The owner pauses and exits without resuming, as a killed manager or a failed apt
    // Pre-Install-Pkgs item would leave it; the watchdog resumes.
    const r = run('sh', ['-c', `${HELPER_PATH} pause`]);
    expect(r.status).toBe(0);
    expect(await waitFor(() => monitPid(bed) !== undefined && !existsSync(join(STATE_DIR, 'paused')), 15_000), guardTraceTail()).toBe(true);
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
  });

  let aptOptions: string[] = [];
  const apt = (env: NodeJS.ProcessEnv, version: number | string): ReturnType<typeof run> =>
    run('apt-get', [...aptOptions, '-y', '--allow-downgrades', '--no-install-recommends', 'install', `${PKG}=${version}`], { DEBIAN_FRONTEND: 'noninteractive', ...env });

  describe('through apt-get with a local file repository', () => {
    beforeAll(() => {
      aptOptions = makeAptRepo(bed, Object.values(debs));
      const r = run('apt-get', [...aptOptions, 'update']);
      if (r.status !== 0) throw new Error(`apt-get update of the local repository: ${r.stderr}`);
    });

    it('unguarded (apt.conf.d hidden), the upgrade makes Monit unmonitor both services', async () => {
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
      const log0 = sizeOf(bed.monitLog);
      const r = apt(withoutAptHooks(bed), 6);
      expect(r.stderr).not.toMatch(/^E:/m);
      expect(r.status).toBe(0);
      await sleep(3000);
      expect(textSince(bed.monitLog, log0), r.stdout + r.stderr).toMatch(/'dummy_bin' checksum failed/);
      expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
      await stopMonit(bed);
      run('monit', ['-c', bed.monitrc]);
      expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000)).toBe(true);
      run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    });

    it('guarded, Monit is paused once for the whole run (dpkg steps aside) and monitors the new binary after it', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const r = apt({}, 8);
      expect(r.status).toBe(0);
      expect(monitPid(bed)).toBeDefined();
      await sleep(3000);
      const log = textSince(bed.monitLog, log0);
      expect(log).not.toMatch(/checksum failed|trying to restart|monitoring disabled|not running|unmonitor/);
      // One stop and one start of Monit although apt ran dpkg twice (unpack, configure).
      expect(log.match(/Starting Monit/g)?.length, log).toBe(1);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the apt-get upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a failing postinst under apt (exit 100) still leaves Monit running and monitoring everything', async () => {
      const r = apt({}, 9);
      expect(r.status).toBe(100);
      expect(r.stdout + r.stderr).toContain('postinst fails on purpose');
      expect(monitPid(bed), `${r.stdout}${r.stderr}\n${guardTraceTail()}`).toBeDefined();
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('guarded, a Monit stopped before an apt run stays stopped', async () => {
      await stopMonit(bed);
      const r = apt({}, 10);
      expect(r.status).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  describe('with the targeted strategy', () => {
    beforeAll(async () => {
      const r = run(bin, ['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
      if (r.status !== 0) throw new Error(`guard --install --strategy targeted: ${r.stderr}`);
      if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error('Monit is not healthy before the targeted scenarios');
    });

    it('guarded, dpkg -i: Monit keeps running, unmonitors only the affected services, and monitors them again on the new checksum', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const monitBefore = monitPid(bed);
      const r = run('dpkg', ['-i', debs[11]!]);
      expect(r.status).toBe(0);
      expect(monitPid(bed)).toBe(monitBefore); // never stopped
      await sleep(3000);
      const log = textSince(bed.monitLog, log0);
      expect(log).not.toMatch(/checksum failed|trying to restart|not running|Starting Monit/);
      expect(log).toMatch(/'dummy_bin' unmonitor on user request/);
      expect(log).toMatch(/Reinitializing monit daemon[\s\S]*'dummyd' monitor on user request/);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 11');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the targeted upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a failing postinst still leaves every service monitored', async () => {
      const r = run('dpkg', ['-i', debs['12-bad-postinst']!]);
      expect(r.status).not.toBe(0);
      expect(monitPid(bed)).toBeDefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a service unmonitored before the transaction stays unmonitored', async () => {
      run('monit', ['-c', bed.monitrc, 'unmonitor', 'dummyd']);
      expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring === 'Not monitored', 10_000)).toBe(true);
      const r = run('dpkg', ['-i', debs[13]!]);
      expect(r.status).toBe(0);
      await sleep(2000);
      expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
      expect(monitStatus(bed, 'dummy_bin')).toMatchObject({ monitoring: 'Monitored', status: 'OK', checksum: md5File(DAEMON) });
      run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    });

    it('guarded, apt-get: the same, with one unmonitor and one monitor for the whole run', async () => {
      const log0 = sizeOf(bed.monitLog);
      const monitBefore = monitPid(bed);
      const r = apt({}, 15);
      expect(r.status).toBe(0);
      expect(monitPid(bed)).toBe(monitBefore);
      await sleep(3000);
      const log = textSince(bed.monitLog, log0);
      expect(log).not.toMatch(/checksum failed|trying to restart|not running|Starting Monit/);
      expect(log.match(/'dummy_bin' unmonitor on user request/g)?.length, log).toBe(1);
      expect(log.match(/Reinitializing monit daemon/g)?.length, log).toBe(1);
      expect(healthy(bed)).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('after the targeted apt-get upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, apt-get: a failing postinst (exit 100) still leaves every service monitored', async () => {
      const r = apt({}, 16);
      expect(r.status).toBe(100);
      expect(r.stdout + r.stderr).toContain('postinst fails on purpose');
      expect(monitPid(bed), `${r.stdout}${r.stderr}\n${guardTraceTail()}`).toBeDefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a Monit stopped before a targeted apt-get run stays stopped', async () => {
      await stopMonit(bed);
      const r = apt({}, 17);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });

    it('guarded, a Monit stopped before stays stopped', async () => {
      await stopMonit(bed);
      const r = run('dpkg', ['-i', debs[14]!]);
      expect(r.status).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  it('monitlint guard --uninstall removes exactly what it installed', () => {
    const r = run(bin, ['guard', '--uninstall']);
    expect(r.status).toBe(0);
    installed = false;
    for (const path of [HELPER_PATH, '/etc/dpkg/dpkg.cfg.d/monit-pkg-guard', MANIFEST_PATH]) {
      expect(r.stdout).toContain(`removed ${path}`);
      expect(existsSync(path)).toBe(false);
    }
  });

  requiringSuite('through dnf 4 and rpm with a local repository', 'dnf, rpmbuild and createrepo_c', () => requireTools('dnf', ['dnf', 'rpmbuild', 'createrepo_c'], 'apt-get install dnf rpm createrepo-c'), () => {
    let dnf: string[] = [];
    const dnfRun = (args: string[]): ReturnType<typeof run> => run('dnf', [...dnf, ...args]);

    beforeAll(async () => {
      // The same files now come from rpm: the .deb goes first (its prerm stops the daemon).
      await stopMonit(bed);
      run('dpkg', ['--purge', PKG]);
      dnf = makeRpmRepo(bed, [{ version: 21 }, { version: 22 }, { version: 23 }, { version: 24, failPre: true }, { version: 25 }, { version: 26 }, { version: 27, failPre: true }, { version: 28 }, { version: 29 }]);
      const r = dnfRun(['install', RPM_BASE, `${PKG}-21`]);
      if (r.status !== 0) throw new Error(`dnf install v21: ${r.stdout}${r.stderr}`);
      await startMonit(bed);
    });

    it('unguarded, dnf upgrade makes Monit fail the checksum and unmonitor both services', async () => {
      const log0 = sizeOf(bed.monitLog);
      const r = dnfRun(['upgrade', `${PKG}-22`]);
      expect(r.status, r.stderr).toBe(0);
      await sleep(3000);
      expect(textSince(bed.monitLog, log0)).toMatch(/'dummy_bin' checksum failed/);
      expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
      await stopMonit(bed);
      run('monit', ['-c', bed.monitrc]);
      expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000)).toBe(true);
      run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    });

    it('monitlint guard --install --manager dnf installs a plugin that dnf loads', () => {
      const r = run(bin, ['guard', '--manager', 'dnf', '--config', bed.monitrc, '--install']);
      expect(r.status, r.stderr).toBe(0);
      installed = true;
      expect(r.stdout).toMatch(/installed \/usr\/lib\/python3[^ ]*\/dnf-plugins\/monit_guard\.py/);
      expect(r.stdout).toContain('installed /etc/dnf/plugins/monit_guard.conf');
      expect(dnfRun(['-v', 'repolist']).stdout).toMatch(/Loaded plugins:.*\bmonit_guard\b/);
    });

    it('guarded, dnf upgrade: no Monit action during the transaction, everything monitored on the new checksum after it', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const r = dnfRun(['upgrade', `${PKG}-23`]);
      expect(r.status, r.stderr).toBe(0);
      expect(monitPid(bed)).toBeDefined();
      await sleep(3000);
      expect(textSince(bed.monitLog, log0)).not.toMatch(/checksum failed|trying to restart|monitoring disabled|not running|unmonitor/);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 23');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the dnf upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a failing %pre (dnf: Transaction failed, exit 1) still leaves Monit running and monitoring everything', async () => {
      const r = dnfRun(['upgrade', `${PKG}-24`]);
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).toContain('%pre fails on purpose');
      expect(monitPid(bed), `${r.stdout}${r.stderr}\n${guardTraceTail()}`).toBeDefined();
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 23');
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('guarded, a Monit stopped before a dnf run stays stopped', async () => {
      await stopMonit(bed);
      const r = dnfRun(['upgrade', `${PKG}-25`]);
      expect(r.status, r.stderr).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });

    describe('with the targeted strategy', () => {
      beforeAll(async () => {
        const r = run(bin, ['guard', '--manager', 'dnf', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
        if (r.status !== 0) throw new Error(`guard --install --manager dnf --strategy targeted: ${r.stderr}`);
        if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error('Monit is not healthy before the dnf targeted scenarios');
      });

      it('guarded, dnf upgrade: Monit keeps running, unmonitors only the affected services, and monitors them again on the new checksum', async () => {
        const log0 = sizeOf(bed.monitLog);
        const dlog0 = sizeOf(bed.daemonLog);
        const monitBefore = monitPid(bed);
        const r = dnfRun(['upgrade', `${PKG}-26`]);
        expect(r.status, r.stderr).toBe(0);
        expect(monitPid(bed)).toBe(monitBefore); // never stopped
        await sleep(3000);
        const log = textSince(bed.monitLog, log0);
        expect(log).not.toMatch(/checksum failed|trying to restart|not running|Starting Monit/);
        expect(log.match(/'dummy_bin' unmonitor on user request/g)?.length, log).toBe(1);
        expect(log).toMatch(/Reinitializing monit daemon[\s\S]*'dummyd' monitor on user request/);
        expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
        expect(healthy(bed)).toBe(true);
        expect(readFileSync(DAEMON, 'utf8')).toContain('version 26');
        expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
        expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      });

      it('after the targeted dnf upgrade, Monit restarts the daemon when it crashes', async () => {
        await expectCrashRestarted(bed);
      });

      it('guarded, a failing %pre still leaves every service monitored on the old binary', async () => {
        const monitBefore = monitPid(bed);
        const r = dnfRun(['upgrade', `${PKG}-27`]);
        expect(r.status).toBe(1);
        expect(r.stdout + r.stderr).toContain('%pre fails on purpose');
        expect(monitPid(bed)).toBe(monitBefore);
        expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
        expect(await waitFor(() => healthy(bed), 30_000), guardTraceTail()).toBe(true);
        expect(readFileSync(DAEMON, 'utf8')).toContain('version 26');
        expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      });

      it('guarded, a service unmonitored before the dnf run stays unmonitored', async () => {
        run('monit', ['-c', bed.monitrc, 'unmonitor', 'dummyd']);
        expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring === 'Not monitored', 10_000)).toBe(true);
        const r = dnfRun(['upgrade', `${PKG}-28`]);
        expect(r.status, r.stderr).toBe(0);
        await sleep(2000);
        expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
        expect(monitStatus(bed, 'dummy_bin')).toMatchObject({ monitoring: 'Monitored', status: 'OK', checksum: md5File(DAEMON) });
        run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
        expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
      });

      it('guarded, a Monit stopped before a targeted dnf run stays stopped', async () => {
        await stopMonit(bed);
        const r = dnfRun(['upgrade', `${PKG}-29`]);
        expect(r.status, r.stderr).toBe(0);
        await sleep(2500);
        expect(monitPid(bed)).toBeUndefined();
        expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
        await startMonit(bed);
      });
    });
  });
});
