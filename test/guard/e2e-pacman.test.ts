/**
 * The guard under the real pacman 6 / libalpm (Debian's pacman-package-manager), with real Monit
 * 5.33 watching the dummy daemon of e2e-support.ts, packaged as a .pkg.tar.gz (bsdtar; makepkg
 * refuses root) and upgraded with `pacman -U`.
 *
 * Root and hook directory: libalpm runs hooks and install scriptlets chrooted into RootDir when it is
 * not "/" (F70), so from a private root neither the guard's Exec nor the daemon's scriptlets could
 * reach this system's Monit and daemon. RootDir is "/"; everything else of pacman's is private to
 * the bed (its own pacman.conf: database, cache, log, GnuPG dir, lock, and HookDir). The guard is
 * installed with `monitlint guard --install --root BED/root`, and pacman's only HookDir is
 * BED/root/etc/pacman.d/hooks, so the emitted hook files run byte for byte, yet nothing is ever
 * written under /etc. The hooks' Exec names the helper at its real path, where the test copies the
 * installed helper for the run (restoring whatever was there before, in afterAll). That the
 * destination /etc/pacman.d/hooks is pacman's default HookDir is asked of pacman itself (`-v`).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../src/guard/manifest.js';
import { HELPER_PATH, STATE_DIR } from '../../src/guard/types.js';
import { repoRoot } from '../support/corpus.js';
import { requiringSuite } from '../support/monit.js';
import {
  alive, assertNoGuardOnMachine, buildPacmanPkg, DAEMON, freeLoopbackPort, guardTraceTail, healthy, holdGuardE2eLock, makeBed, makePacmanConf, md5File, monitPid, monitStatus, PKG, readPid, removeStaleDummy, requireGuardTestBed, requireTools, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, type Bed, expectCrashRestarted, removeBed, removeGuardState,
} from './e2e-support.js';

const bin = join(repoRoot, 'bin', 'monitlint');
const HOOK_DIR = '/etc/pacman.d/hooks';
const PRE_HOOK = `${HOOK_DIR}/zz-monit-guard-pre.hook`;
const POST_HOOK = `${HOOK_DIR}/zz-monit-guard-post.hook`;

function requirePacmanBed(): string | null {
  const monit = requireGuardTestBed();
  if (monit === null) return null;
  return requireTools('pacman', ['pacman', 'bsdtar'], 'apt-get install pacman-package-manager libarchive-tools') === null ? null : monit;
}

requiringSuite('guard end to end: pacman -U', 'root, monit, pacman and bsdtar', requirePacmanBed, () => {
  let bed: Bed;
  let conf = '';
  /** The private root the guard is installed into, and pacman's only HookDir inside it. */
  let root = '';
  let hookDir = '';
  let release: () => void = () => {};
  let installed = false;
  /** What was at HELPER_PATH before the test copied the installed helper there (null: nothing). */
  let helperBefore: Buffer | null | undefined;
  const pkgs: Record<string, string> = {};
  const stateDirExisted = existsSync(STATE_DIR);
  /** A PreTransaction hook sorting after the guard's that aborts the transaction (F73). */
  const abortHook = (): string => join(hookDir, 'zzz-monitlint-e2e-abort.hook');

  /** `guard --install --root`, then the installed helper at the path the hooks' Exec names. */
  function installGuard(strategy: 'pause' | 'targeted'): ReturnType<typeof run> {
    const r = run(bin, ['guard', '--manager', 'pacman', '--strategy', strategy, '--config', bed.monitrc, '--install', '--root', root]);
    if (r.status !== 0) return r;
    installed = true;
    if (helperBefore === undefined) helperBefore = existsSync(HELPER_PATH) ? readFileSync(HELPER_PATH) : null;
    mkdirSync(dirname(HELPER_PATH), { recursive: true });
    copyFileSync(join(root, HELPER_PATH), HELPER_PATH);
    return r;
  }

  const pacman = (key: string | number, env: NodeJS.ProcessEnv = {}): ReturnType<typeof run> =>
    run('pacman', ['--config', conf, '--noconfirm', '-U', pkgs[String(key)]!], env);

  /** After an unguarded upgrade: what an administrator has to do by hand (monit-semantics.md §11, 5). */
  async function recoverByHand(): Promise<void> {
    await stopMonit(bed);
    run('monit', ['-c', bed.monitrc]);
    expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000)).toBe(true);
    run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
  }

  beforeAll(async () => {
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    removeStaleDummy(); // pacman refuses paths that exist in the filesystem
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(join(STATE_DIR, 'trace'), '');
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-guard-pacman-')), await freeLoopbackPort());
    root = join(bed.dir, 'root');
    hookDir = join(root, HOOK_DIR);
    conf = makePacmanConf(bed, hookDir);
    for (const v of [1, 2, 3, 4, 6, 7, 8, 10, 11]) pkgs[v] = buildPacmanPkg(bed, v);
    pkgs['5-bad'] = buildPacmanPkg(bed, 5, { failPostUpgrade: true });
    pkgs['9-bad'] = buildPacmanPkg(bed, 9, { failPostUpgrade: true });
    const r = pacman(1);
    if (r.status !== 0) throw new Error(`pacman -U v1: ${r.stdout}${r.stderr}`);
    if (!alive(readPid(bed.daemonPidfile))) throw new Error(`the v1 post_install did not start the dummy daemon: ${r.stdout}${r.stderr}`);
    await startMonit(bed);
  });

  afterAll(async () => {
    try {
      if (installed) run(bin, ['guard', '--uninstall', '--root', root]);
      if (helperBefore === null) rmSync(HELPER_PATH, { force: true });
      else if (helperBefore !== undefined) writeFileSync(HELPER_PATH, helperBefore, { mode: 0o755 });
      if ((bed as Bed | undefined) !== undefined) {
        await stopMonit(bed);
        if (conf) run('pacman', ['--config', conf, '--noconfirm', '-R', PKG]); // its pre_remove stops the daemon
        removeBed(bed);
      }
      removeGuardState(stateDirExisted);
    } finally {
      release();
    }
  });

  it('unguarded, pacman -U makes Monit fail the checksum and unmonitor both services', async () => {
    const log0 = sizeOf(bed.monitLog);
    const r = pacman(2);
    expect(r.status, r.stderr).toBe(0);
    await sleep(3000);
    expect(textSince(bed.monitLog, log0), r.stdout).toMatch(/'dummy_bin' checksum failed/);
    expect(monitStatus(bed, 'dummy_bin').monitoring).toBe('Not monitored');
    expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
    await recoverByHand();
  });

  it('monitlint guard --install --manager pacman writes the hooks into the directory pacman reads by default', () => {
    const r = installGuard('pause');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const path of [HELPER_PATH, PRE_HOOK, POST_HOOK, MANIFEST_PATH]) {
      expect(r.stdout).toContain(join(root, path));
      expect(existsSync(join(root, path))).toBe(true);
    }
    // pacman's own view of its hook directories (-v prints them): by default (a pacman.conf with
    // no HookDir) the destination of the emitted hooks; with the bed's pacman.conf only the bed's.
    const plainConf = join(bed.dir, 'pacman', 'no-hookdir.conf');
    writeFileSync(plainConf, readFileSync(conf, 'utf8').replace(/^HookDir = .*\n/m, ''));
    const hookDirs = (c: string): string[] => (run('pacman', ['--config', c, '-v', '-Q', PKG]).stdout.match(/^Hook Dirs\s*:(.*)$/m)?.[1] ?? '').trim().split(/\s+/);
    expect(hookDirs(plainConf)).toEqual(['/usr/share/libalpm/hooks/', `${HOOK_DIR}/`]);
    expect(hookDirs(conf)).toEqual(['/usr/share/libalpm/hooks/', `${hookDir}/`]);
  });

  it('from a private RootDir pacman runs hooks chrooted: a host Exec path is not found and the transaction goes on (F70)', () => {
    // Why the bed keeps RootDir "/". A probe hook that would touch a file on this system, and a
    // package without scriptlets, installed into an empty root.
    const other = join(bed.dir, 'otherroot');
    const probeHooks = join(bed.dir, 'probe-hooks');
    const marker = join(bed.dir, 'probe-hook-ran');
    const src = join(bed.dir, 'probe-pkg');
    mkdirSync(join(other, 'db'), { recursive: true });
    mkdirSync(probeHooks, { recursive: true });
    mkdirSync(join(src, 'usr/share/monitlint-e2e-probe'), { recursive: true });
    writeFileSync(join(src, 'usr/share/monitlint-e2e-probe/x'), 'x\n');
    writeFileSync(join(src, '.PKGINFO'), ['pkgname = monitlint-e2e-probe', 'pkgbase = monitlint-e2e-probe', 'pkgver = 1-1', 'pkgdesc = probe', 'builddate = 1700000000', 'packager = monitlint tests <tests@invalid>', 'size = 2', 'arch = any', ''].join('\n'));
    const pkg = join(bed.dir, 'monitlint-e2e-probe-1-1-any.pkg.tar.gz');
    expect(run('bsdtar', ['-czf', pkg, '-C', src, '.PKGINFO', 'usr']).status).toBe(0);
    writeFileSync(join(probeHooks, 'probe.hook'), `[Trigger]\nOperation = Install\nType = Package\nTarget = *\n\n[Action]\nWhen = PreTransaction\nExec = /usr/bin/touch ${marker}\n`);
    const probeConf = join(bed.dir, 'pacman', 'probe.conf');
    const probe = (rootDir: string, db: string, op: string[]): ReturnType<typeof run> => {
      mkdirSync(db, { recursive: true });
      writeFileSync(probeConf, readFileSync(conf, 'utf8').replace(/^RootDir = .*$/m, `RootDir = ${rootDir}`).replace(/^DBPath = .*$/m, `DBPath = ${db}/`).replace(/^HookDir = .*$/m, `HookDir = ${probeHooks}/`));
      return run('pacman', ['--config', probeConf, '--noconfirm', ...op]);
    };
    const r = probe(other, join(other, 'db'), ['-U', pkg]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('call to execv failed (No such file or directory)');
    expect(existsSync(join(other, 'usr/share/monitlint-e2e-probe/x'))).toBe(true);
    expect(existsSync(marker)).toBe(false);
    // The same hook and package on RootDir "/" (so the check above can fail); removed at once.
    const probeDb = join(bed.dir, 'probe-db');
    try {
      const host = probe('/', probeDb, ['-U', pkg]);
      expect(host.status, host.stdout + host.stderr).toBe(0);
      expect(existsSync(marker)).toBe(true);
    } finally {
      probe('/', probeDb, ['-R', 'monitlint-e2e-probe']);
    }
    expect(existsSync('/usr/share/monitlint-e2e-probe')).toBe(false);
  });

  describe('with the pause strategy', () => {
    it('guarded: pacman runs both hooks, Monit takes no action during the transaction and monitors the new binary after it', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const monitBefore = monitPid(bed);
      const r = pacman(3);
      expect(r.status, r.stderr).toBe(0);
      // The hooks' Descriptions, printed by pacman as it runs them.
      expect(r.stdout).toMatch(/Running pre-transaction hooks[\s\S]*Pausing Monit during the transaction[\s\S]*Running post-transaction hooks[\s\S]*Resuming Monit/);
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

    it('guarded, a failing post_upgrade (pacman completes the transaction, F76) leaves Monit running and monitoring everything', async () => {
      const r = pacman('5-bad');
      expect(r.stdout + r.stderr).toContain('post_upgrade fails on purpose');
      // pacman 6.0.2 reports the scriptlet's failure but completes: exit 0, PostTransaction runs.
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Running post-transaction hooks[\s\S]*Resuming Monit/);
      expect(monitPid(bed), `${r.stdout}${r.stderr}\n${guardTraceTail()}`).toBeDefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      // The package left the daemon stopped; after the transaction Monit does its job again.
      expect(await waitFor(() => healthy(bed), 30_000)).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a transaction aborted after the pause (a later AbortOnFail hook, no PostTransaction) still gets Monit back', async () => {
      writeFileSync(abortHook(), '[Trigger]\nOperation = Upgrade\nType = Package\nTarget = *\n\n[Action]\nWhen = PreTransaction\nExec = /bin/false\nAbortOnFail\n');
      try {
        const before = md5File(DAEMON);
        const r = pacman(6);
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/failed to run transaction hooks/);
        expect(md5File(DAEMON)).toBe(before);
        // No PostTransaction hook ran: the watchdog started at pause time resumes when pacman is gone.
        expect(await waitFor(() => monitPid(bed) !== undefined && !existsSync(join(STATE_DIR, 'paused')), 15_000), guardTraceTail()).toBe(true);
        expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
      } finally {
        rmSync(abortHook(), { force: true });
      }
    });

    it('guarded, a Monit stopped before the transaction stays stopped', async () => {
      await stopMonit(bed);
      const r = pacman(7);
      expect(r.status, r.stderr).toBe(0);
      await sleep(2500); // longer than the watchdog's poll: it must not start Monit either
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  describe('with the targeted strategy', () => {
    beforeAll(async () => {
      const r = installGuard('targeted');
      if (r.status !== 0) throw new Error(`guard --install --manager pacman --strategy targeted: ${r.stderr}`);
      if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error('Monit is not healthy before the targeted scenarios');
    });

    it('guarded: Monit keeps running, unmonitors only the affected services, and monitors them again on the new checksum', async () => {
      const log0 = sizeOf(bed.monitLog);
      const dlog0 = sizeOf(bed.daemonLog);
      const monitBefore = monitPid(bed);
      const r = pacman(8);
      expect(r.status, r.stderr).toBe(0);
      expect(monitPid(bed)).toBe(monitBefore); // never stopped
      await sleep(3000);
      const log = textSince(bed.monitLog, log0);
      expect(log).not.toMatch(/checksum failed|trying to restart|not running|does not exist|Starting Monit/);
      expect(log.match(/'dummy_bin' unmonitor on user request/g)?.length, log).toBe(1);
      expect(log).toMatch(/Reinitializing monit daemon[\s\S]*'dummyd' monitor on user request/);
      expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
      expect(healthy(bed)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 8');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
    });

    it('after the targeted upgrade, Monit restarts the daemon when it crashes', async () => {
      await expectCrashRestarted(bed);
    });

    it('guarded, a failing post_upgrade still leaves every service monitored', async () => {
      const monitBefore = monitPid(bed);
      const r = pacman('9-bad');
      expect(r.stdout + r.stderr).toContain('post_upgrade fails on purpose');
      expect(r.status).toBe(0);
      expect(monitPid(bed)).toBe(monitBefore);
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      expect(await waitFor(() => healthy(bed), 30_000), guardTraceTail()).toBe(true);
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });

    it('guarded, a service unmonitored before the transaction stays unmonitored', async () => {
      run('monit', ['-c', bed.monitrc, 'unmonitor', 'dummyd']);
      expect(await waitFor(() => monitStatus(bed, 'dummyd').monitoring === 'Not monitored', 10_000)).toBe(true);
      const r = pacman(10);
      expect(r.status, r.stderr).toBe(0);
      await sleep(2000);
      expect(monitStatus(bed, 'dummyd').monitoring).toBe('Not monitored');
      expect(monitStatus(bed, 'dummy_bin')).toMatchObject({ monitoring: 'Monitored', status: 'OK', checksum: md5File(DAEMON) });
      run('monit', ['-c', bed.monitrc, 'monitor', 'dummyd']);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    });

    it('guarded, a Monit stopped before stays stopped', async () => {
      await stopMonit(bed);
      const r = pacman(11);
      expect(r.status, r.stderr).toBe(0);
      await sleep(2500);
      expect(monitPid(bed)).toBeUndefined();
      expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
      await startMonit(bed);
    });
  });

  it('monitlint guard --uninstall --root removes the hooks again', () => {
    const r = run(bin, ['guard', '--uninstall', '--root', root]);
    expect(r.status).toBe(0);
    installed = false;
    for (const path of [HELPER_PATH, PRE_HOOK, POST_HOOK, MANIFEST_PATH]) expect(existsSync(join(root, path))).toBe(false);
  });
});
