/**
 * `simulate --with-guard` against the real thing (issue 6: "simulate --with-guard agrees with those
 * real runs for the same scenarios"). Each scenario runs the real upgrade of the end-to-end test
 * bed (real Monit 5.33 polling every second, the packaged dummy daemon, real dpkg -i / apt-get /
 * dnf 4, the guard installed by the real `monitlint guard --install`), and `bin/monitlint simulate`
 * on the same control file and the same package file with the same guard. Both are reduced to the
 * facts the guard is about, and every phase class of the simulation must show the facts the real
 * run showed:
 * - acted: Monit acted on its own against the daemon's services (a failed test: checksum, not
 *   running; a start, stop or restart) between the start of the transaction and the guard's
 *   resume (without a guard: up to 3 s after the transaction);
 * - startedDuring: in that window Monit started or restarted the daemon on its own (the package's
 *   scripts had stopped it: the old binary is then what keeps running);
 * - monitored: the services monitored afterwards;
 * - checksumOk: the binary's checksum test passes against the new binary afterwards;
 * - crashRestarted: a crash of the daemon after the upgrade is restarted by Monit;
 * - monitUp: Monit runs afterwards (one that was stopped before must stay stopped).
 * Every process started is stopped by its pid; the guard is uninstalled at the end.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATE_DIR } from '../../src/guard/types.js';
import type { Timeline } from '../../src/sim/timeline.js';
import { repoRoot } from '../support/corpus.js';
import { requiringSuite } from '../support/monit.js';
import {
  alive, assertNoGuardOnMachine, buildDeb, CTL, DAEMON, freeLoopbackPort, healthy, holdGuardE2eLock, makeAptRepo, makeBed, makeRpmRepo, monitPid, monitStatus, PKG, readPid, RPM_BASE, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, type Bed, md5File, removeBed, removeGuardState, requireRootAndMonit, requireTools,
} from './e2e-support.js';

const bin = join(repoRoot, 'bin', 'monitlint');
const SERVICES = ['dummy_bin', 'dummyd'];

/** The facts compared (see the file comment). */
interface Facts {
  acted: boolean;
  startedDuring: boolean;
  monitored: string[];
  checksumOk: boolean;
  crashRestarted: boolean;
  /** Monit runs afterwards (a Monit stopped before must stay stopped). */
  monitUp: boolean;
}

/** Root and monit, plus the tools of the apt and dnf scenarios. */
function requireTestBed(): string | null {
  const monit = requireRootAndMonit('simulate --with-guard against real transactions');
  if (monit === null) return null;
  return requireTools('sim-vs-real', ['dnf', 'rpmbuild', 'createrepo_c', 'apt-get'], 'apt-get install dnf rpm createrepo-c') === null ? null : monit;
}


/** What Monit does on its own (5.33 log lines), as opposed to what the guard asks for ("on user request"). */
const OWN_ACTION = /checksum failed|not running|trying to restart|'dummy(?:d|_bin)' (?:start|stop|restart): /;
/** Monit starting the daemon on its own (5.33: "'dummyd' trying to restart", "'dummyd' start: …"). */
const OWN_START = /'dummyd' trying to restart|'dummyd' (?:start|restart): /;

/** The facts of one simulated phase (its timeline: entries in seconds, t = 0 the transaction's start). */
function simFacts(t: Timeline, transactionEnd: number): Facts {
  const resume = t.entries.find((e) => e.kind === 'event:guard' && /\bop=resume\b/.test(e.detail));
  const until = resume !== undefined ? resume.time : transactionEnd + 3;
  const own = t.entries.filter((e) => e.source === 'monit' && SERVICES.includes(e.service ?? '') && ['failed', 'start', 'stop', 'restart'].includes(e.kind));
  const crash = t.entries.find((e) => e.kind === 'event:kill' && / crashes/.test(e.detail));
  const final = (n: string): Timeline['services'][number] | undefined => t.services.find((s) => s.name === n);
  const lifecycle = t.entries.filter((e) => e.source === 'monit' && (e.kind === 'daemon-start' || e.kind === 'daemon-stop'));
  const monitUp = lifecycle.length > 0 && lifecycle[lifecycle.length - 1]!.kind === 'daemon-start';
  const monitored = (n: string): boolean => monitUp && final(n) !== undefined && final(n)?.monitor !== 'not';
  return {
    acted: own.some((e) => e.time >= 0 && e.time < until),
    startedDuring: own.some((e) => e.service === 'dummyd' && (e.kind === 'start' || e.kind === 'restart') && e.time >= 0 && e.time < until),
    monitored: SERVICES.filter(monitored),
    checksumOk: monitored('dummy_bin') && final('dummy_bin')?.status === 0,
    crashRestarted: crash !== undefined && own.some((e) => e.service === 'dummyd' && (e.kind === 'start' || e.kind === 'restart') && e.time > crash.time),
    monitUp,
  };
}

interface SimResult {
  status: number | null;
  classes: Array<{ kind: string; share: number }>;
  perPhase: Array<{ phase: number; facts: Facts }>;
}

function simulateWith(bed: Bed, pkgFile: string, manager: string, guard: string | undefined, fail?: string, monitStopped?: boolean): SimResult {
  const r = run(bin, ['simulate', '--config', bed.monitrc, '--package-file', pkgFile, '--manager', manager, ...(guard !== undefined ? ['--with-guard', guard] : []), ...(fail !== undefined ? ['--fail', fail] : []), ...(monitStopped === true ? ['--monit-stopped'] : []), '--format', 'json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`simulate exited ${String(r.status)}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { transactionEnd: number; classes: Array<{ kind: string; share: number }>; timelines: Timeline[] };
  return { status: r.status, classes: doc.classes.map((c) => ({ kind: c.kind, share: c.share })), perPhase: doc.timelines.map((t) => ({ phase: t.phase, facts: simFacts(t, doc.transactionEnd) })) };
}

requiringSuite('simulate --with-guard agrees with real transactions', 'root, monit, dpkg, apt-get, dnf, rpmbuild and createrepo_c', requireTestBed, () => {
  let bed: Bed;
  const debs: Record<string, string> = {};
  let installed = false;
  let rpmInstalled = false;
  const stateDirExisted = existsSync(STATE_DIR);
  /** One line per scenario for the report: real facts, and whether every simulated phase matched. */
  const matrix: string[] = [];
  let release: () => void = () => {};

  beforeAll(async () => {
    // The same dummy package, guard files and state directory as the other guard e2e files.
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    run('dpkg', ['--purge', PKG]);
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-sim-vs-real-')), await freeLoopbackPort());
    for (const v of [1, 2, 3, 4, 6, 7, 8]) debs[v] = buildDeb(bed, v);
    debs[5] = buildDeb(bed, 5, { failPostinst: true });
    const r = run('dpkg', ['-i', debs[1]!]);
    if (r.status !== 0) throw new Error(`dpkg -i v1: ${r.stderr}`);
    await startMonit(bed);
  }, 120_000);

  afterAll(async () => {
    try {
      if (installed) run(bin, ['guard', '--uninstall']);
      await stopMonit(bed);
      run('dpkg', ['--purge', PKG]);
      if (rpmInstalled) run('rpm', ['-e', '--nodeps', PKG, RPM_BASE]);
      removeBed(bed);
      removeGuardState(stateDirExisted);
      console.log(`simulate --with-guard vs real runs:\n${matrix.join('\n')}`);
    } finally {
      release();
    }
  }, 120_000);

  /** Back to both services monitored and OK on the installed binary, whatever the scenario left. */
  async function recover(): Promise<void> {
    if (await waitFor(() => healthy(bed), 5_000)) return;
    await stopMonit(bed);
    if (!alive(readPid(bed.daemonPidfile))) run(CTL, ['start']);
    run('monit', ['-c', bed.monitrc]);
    await waitFor(() => monitStatus(bed, 'dummyd').monitoring !== '?', 10_000);
    for (const s of SERVICES) run('monit', ['-c', bed.monitrc, 'monitor', s]);
    if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error(`cannot bring the test bed back: ${JSON.stringify(SERVICES.map((s) => monitStatus(bed, s)))}`);
  }

  /** Runs the real upgrade and reduces it to its facts. */
  async function realFacts(guarded: boolean, upgrade: () => ReturnType<typeof run>, monitStopped = false): Promise<Facts & { status: number | null; out: string }> {
    await recover();
    if (monitStopped) await stopMonit(bed);
    const log0 = sizeOf(bed.monitLog);
    const r = upgrade();
    await sleep(3000);
    const log = textSince(bed.monitLog, log0);
    // The guard's resume: Monit started again (pause) or reloaded (targeted); what follows is after the transaction.
    const marks = [...log.matchAll(/Starting Monit|Reinitializing monit daemon/g)];
    const during = guarded && marks.length > 0 ? log.slice(0, marks[marks.length - 1]!.index) : log;
    const state = Object.fromEntries(SERVICES.map((s) => [s, monitStatus(bed, s)]));
    const monitUp = monitPid(bed) !== undefined;
    const monitored = SERVICES.filter((s) => ['Monitored', 'Initializing', 'Waiting'].includes(state[s]!.monitoring));
    const checksumOk = monitored.includes('dummy_bin') && state.dummy_bin!.status === 'OK' && state.dummy_bin!.checksum === md5File(DAEMON);
    // A crash after the upgrade: Monit (1 s polls) restarts it within a few seconds, or never.
    const pid = readPid(bed.daemonPidfile);
    if (alive(pid)) process.kill(pid!, 'SIGKILL');
    const crashRestarted = await waitFor(() => { const p = readPid(bed.daemonPidfile); return p !== pid && alive(p); }, 8_000);
    return { acted: OWN_ACTION.test(during), startedDuring: OWN_START.test(during), monitored, checksumOk, crashRestarted, monitUp, status: r.status, out: `${r.stdout}${r.stderr}\n--- monit log ---\n${log}` };
  }

  async function compare(name: string, o: { guard?: 'pause' | 'targeted'; manager: 'dpkg' | 'apt' | 'dnf'; pkgFile: string; fail?: string; monitStopped?: boolean; upgrade: () => ReturnType<typeof run> }): Promise<void> {
    const real = await realFacts(o.guard !== undefined, o.upgrade, o.monitStopped);
    const sim = simulateWith(bed, o.pkgFile, o.manager, o.guard, o.fail, o.monitStopped);
    const want: Facts = { acted: real.acted, startedDuring: real.startedDuring, monitored: real.monitored, checksumOk: real.checksumOk, crashRestarted: real.crashRestarted, monitUp: real.monitUp };
    const agree = sim.perPhase.every((p) => JSON.stringify(p.facts) === JSON.stringify(want));
    matrix.push(`${name.padEnd(40)} real ${JSON.stringify(want)} | sim classes ${sim.classes.map((c) => `${c.kind} ${(c.share * 100).toFixed(0)}%`).join(', ')} | ${agree ? 'agree' : 'DISAGREE'}`);
    for (const p of sim.perPhase) expect(p.facts, `${name}: simulated phase ${p.phase} s vs the real run\n${real.out}`).toEqual(want);
    // The exit code follows the same verdict: harmful (1) exactly when the real run went wrong.
    // (A Monit stopped on purpose that stays stopped is the admin's choice, not harm.)
    const harmful = want.monitUp && (want.acted || want.monitored.length < SERVICES.length || !want.checksumOk || !want.crashRestarted);
    expect(sim.status, name).toBe(harmful ? 1 : 0);
  }

  it('dpkg -i, unguarded: Monit fails the checksum and unmonitors both, in the real run and at every simulated phase', async () => {
    await compare('dpkg -i, no guard', { manager: 'dpkg', pkgFile: debs[2]!, upgrade: () => run('dpkg', ['-i', debs[2]!]) });
  }, 120_000);

  it('dpkg -i with the pause guard', async () => {
    const r = run(bin, ['guard', '--manager', 'apt', '--strategy', 'pause', '--config', bed.monitrc, '--install']);
    expect(r.status, r.stderr).toBe(0);
    installed = true;
    await compare('dpkg -i, pause', { guard: 'pause', manager: 'dpkg', pkgFile: debs[3]!, upgrade: () => run('dpkg', ['-i', debs[3]!]) });
  }, 120_000);

  it('dpkg -i with the pause guard and a failing postinst (post-invoke still runs)', async () => {
    await compare('dpkg -i, pause, failing postinst', { guard: 'pause', manager: 'dpkg', pkgFile: debs[5]!, fail: 'post-script', upgrade: () => run('dpkg', ['-i', debs[5]!]) });
  }, 120_000);

  let aptOptions: string[] = [];
  const aptInstall = (version: number, extra: string[] = []): ReturnType<typeof run> =>
    run('apt-get', [...aptOptions, ...extra, '-y', '--allow-downgrades', '--no-install-recommends', 'install', `${PKG}=${version}`], { DEBIAN_FRONTEND: 'noninteractive' });

  it('apt-get with the pause guard', async () => {
    aptOptions = makeAptRepo(bed, [debs[6]!, debs[7]!]);
    const u = run('apt-get', [...aptOptions, 'update']);
    expect(u.status, u.stderr).toBe(0);
    await compare('apt-get, pause', { guard: 'pause', manager: 'apt', pkgFile: debs[6]!, upgrade: () => aptInstall(6) });
  }, 120_000);

  it('apt-get with the pause guard, and a Pre-Install-Pkgs item after it that fails (F9): no Post-Invoke, the watchdog resumes', async () => {
    let r: ReturnType<typeof run> | undefined;
    // An item appended on the command line comes after every apt.conf.d item, the guard's included.
    await compare('apt-get, pause, later Pre-Install-Pkgs fails', {
      guard: 'pause', manager: 'apt', pkgFile: debs[7]!, fail: 'pre-hook',
      upgrade: () => (r = aptInstall(7, ['-o', 'DPkg::Pre-Install-Pkgs::=/bin/false'])),
    });
    expect(r?.status).toBe(100);
    expect(readFileSync(DAEMON, 'utf8')).toContain('version 6'); // dpkg never ran
  }, 120_000);

  it('targeted where Monit has no CLI: the real guard refuses to generate it, the simulation shows a failing class, not a pass', () => {
    const conf = join(bed.dir, 'monitrc-no-httpd');
    writeFileSync(conf, readFileSync(bed.monitrc, 'utf8').replace(/^set httpd.*\n.*allow.*\n/m, ''), { mode: 0o600 });
    const g = run(bin, ['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', conf, '--print']);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(/--strategy targeted refused: the configuration has no 'set httpd'/);
    const s = run(bin, ['simulate', '--config', conf, '--package-file', debs[4]!, '--manager', 'dpkg', '--with-guard', 'targeted']);
    expect(s.status).toBe(1);
    expect(s.stdout).toMatch(/^1\. guard cannot control Monit: the configuration has no 'set httpd'/m);
    expect(s.stdout).toMatch(/^  introduces: guard cannot control Monit/m);
    matrix.push(`${'targeted, no httpd'.padEnd(40)} real: guard refuses (exit ${String(g.status)}) | sim: guard-unusable, exit ${String(s.status)} | agree`);
  });

  it('dpkg -i with the pause guard, Monit stopped before: it stays stopped', async () => {
    await compare('dpkg -i, pause, Monit stopped before', { guard: 'pause', manager: 'dpkg', pkgFile: debs[8]!, monitStopped: true, upgrade: () => run('dpkg', ['-i', debs[8]!]) });
  }, 120_000);

  it('dpkg -i with the targeted guard', async () => {
    const r = run(bin, ['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
    expect(r.status, r.stderr).toBe(0);
    await compare('dpkg -i, targeted', { guard: 'targeted', manager: 'dpkg', pkgFile: debs[4]!, upgrade: () => run('dpkg', ['-i', debs[4]!]) });
  }, 180_000);

  it('dnf 4: unguarded, pause, pause with a failing %pre, targeted', async () => {
    const un = run(bin, ['guard', '--uninstall']);
    expect(un.status, un.stderr).toBe(0);
    installed = false;
    await stopMonit(bed);
    run('dpkg', ['--purge', PKG]);
    const dnf = makeRpmRepo(bed, [{ version: 21 }, { version: 22 }, { version: 23 }, { version: 24, failPre: true }, { version: 25 }]);
    const rpm = (v: number): string => join(bed.dir, 'rpmrepo', `${PKG}-${v}-1.noarch.rpm`);
    const i = run('dnf', [...dnf, 'install', RPM_BASE, `${PKG}-21`]);
    expect(i.status, i.stdout + i.stderr).toBe(0);
    rpmInstalled = true;
    await startMonit(bed);
    await compare('dnf upgrade, no guard', { manager: 'dnf', pkgFile: rpm(22), upgrade: () => run('dnf', [...dnf, 'upgrade', `${PKG}-22`]) });
    const g = run(bin, ['guard', '--manager', 'dnf', '--strategy', 'pause', '--config', bed.monitrc, '--install']);
    expect(g.status, g.stderr).toBe(0);
    installed = true;
    await compare('dnf upgrade, pause', { guard: 'pause', manager: 'dnf', pkgFile: rpm(23), upgrade: () => run('dnf', [...dnf, 'upgrade', `${PKG}-23`]) });
    // A failing %pre: the element fails, the old version stays, dnf exits 1 and still calls transaction() (F29, F47).
    let r: ReturnType<typeof run> | undefined;
    await compare('dnf upgrade, pause, failing %pre', { guard: 'pause', manager: 'dnf', pkgFile: rpm(24), fail: 'pre-script', upgrade: () => (r = run('dnf', [...dnf, 'upgrade', `${PKG}-24`])) });
    expect(r?.status).toBe(1);
    expect(readFileSync(DAEMON, 'utf8')).toContain('version 23');
    const t = run(bin, ['guard', '--manager', 'dnf', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
    expect(t.status, t.stderr).toBe(0);
    await compare('dnf upgrade, targeted', { guard: 'targeted', manager: 'dnf', pkgFile: rpm(25), upgrade: () => run('dnf', [...dnf, 'upgrade', `${PKG}-25`]) });
  }, 400_000);
});
