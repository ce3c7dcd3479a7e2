/**
 * Run-time narrowing of the targeted strategy with real components: real Monit 5.33 watching the
 * dummy daemon of e2e-support.ts (its binary checksummed, its process checked), the targeted guard
 * installed by the real `monitlint guard --install`, and real `apt-get` runs from a local file
 * repository. apt hands the helper the run's packages (Pre-Install-Pkgs, Version 3); the helper
 * lists their files with the real dpkg and dpkg-deb.
 *
 * While each apt run is under way the test samples both services' monitoring state through the
 * Monit CLI. Upgrading an unrelated package must leave both monitored in every sample (no
 * unmonitor, no reload); upgrading the daemon's own package must unmonitor them (the samples see
 * it, which shows the sampling can catch it) and monitor them again on the new checksum.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATE_DIR } from '../../src/guard/types.js';
import { repoRoot } from '../support/corpus.js';
import { requiringSuite } from '../support/monit.js';
import {
  alive, assertNoGuardOnMachine, buildDeb, DAEMON, freeLoopbackPort, healthy, holdGuardE2eLock, makeAptRepo, makeBed, makeRpmRepo, monitStatus, PKG, readPid, RPM_BASE, run, sizeOf, sleep, startMonit, stopMonit, textSince, waitFor, type Bed, md5File, removeBed, removeGuardState, guardTraceTail, requireTools, requireRootAndMonit,
} from './e2e-support.js';

const bin = join(repoRoot, 'bin', 'monitlint');
/** A package that has nothing to do with anything Monit checks. */
const OTHER = 'monitlint-e2e-unrelated';

function requireTestBed(): string | null {
  return requireRootAndMonit('the targeted-narrowing end-to-end tests (real apt, real Monit)');
}

/** A .deb of OTHER with one data file under /usr/share; no maintainer scripts. */
function buildOther(dir: string, version: number): string {
  const root = join(dir, 'build-other', String(version));
  const data = join(root, 'usr', 'share', OTHER);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(data, { recursive: true });
  for (const d of [root, join(root, 'DEBIAN'), join(root, 'usr'), join(root, 'usr', 'share'), data]) chmodSync(d, 0o755);
  writeFileSync(join(data, 'data.txt'), `unrelated data, version ${version}\n`);
  writeFileSync(join(root, 'DEBIAN', 'control'), `Package: ${OTHER}\nVersion: ${version}\nArchitecture: all\nMaintainer: monitlint tests <tests@invalid>\nDescription: a package unrelated to what Monit checks, for monitlint's guard tests\n`);
  const deb = join(dir, `${OTHER}_${version}_all.deb`);
  const r = run('dpkg-deb', ['--root-owner-group', '--build', root, deb]);
  if (r.status !== 0) throw new Error(`dpkg-deb --build: ${r.stderr}`);
  return deb;
}

/** OTHER as an rpm (no scriptlets, one data file), added to the repository makeRpmRepo made. */
function addOtherRpm(bed: Bed, version: number): void {
  const top = join(bed.dir, 'rpmbuild-other');
  mkdirSync(top, { recursive: true });
  const spec = join(top, `${OTHER}-${version}.spec`);
  writeFileSync(spec, [
    `Name: ${OTHER}`, `Version: ${version}`, 'Release: 1', "Summary: unrelated to what Monit checks, for monitlint's guard tests", 'License: MIT', 'BuildArch: noarch', 'AutoReqProv: no',
    '%description', 'unrelated',
    '%install', `mkdir -p %{buildroot}/usr/share/${OTHER}`, `echo 'unrelated data, version ${version}' >%{buildroot}/usr/share/${OTHER}/data.txt`,
    '%files', `/usr/share/${OTHER}/data.txt`, '',
  ].join('\n'));
  const r = run('rpmbuild', ['-bb', '--define', `_topdir ${top}`, spec]);
  if (r.status !== 0) throw new Error(`rpmbuild ${OTHER}: ${r.stderr.slice(-2000)}`);
  const rpms = join(top, 'RPMS', 'noarch');
  for (const f of readdirSync(rpms)) copyFileSync(join(rpms, f), join(bed.dir, 'rpmrepo', f));
}


interface Sampled {
  code: number | null;
  output: string;
  /** Each distinct "dummy_bin/dummyd" monitoring-state pair seen while apt ran. */
  states: Set<string>;
  samples: number;
}

/** Runs apt-get (or `command`) in the background and samples both services' monitoring states until it exits. */
async function aptSampling(args: string[], command = 'apt-get'): Promise<Sampled> {
  const env: NodeJS.ProcessEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  delete env.DPKG_FRONTEND_LOCKED;
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let code: number | null | undefined;
  child.on('exit', (c) => (code = c));
  const states = new Set<string>();
  let samples = 0;
  while (code === undefined) {
    if (current) {
      states.add(`${monitStatus(current, 'dummy_bin').monitoring}/${monitStatus(current, 'dummyd').monitoring}`);
      samples++;
    }
    await sleep(150);
  }
  return { code, output, states, samples };
}

let current: Bed | undefined;

requiringSuite('guard end to end: the targeted strategy narrowed to the transaction (real apt, real Monit)', 'root, monit, dpkg and apt', requireTestBed, () => {
  let bed: Bed;
  let aptOptions: string[] = [];
  let installed = false;
  const stateDirExisted = existsSync(STATE_DIR);
  const apt = (pkg: string, version: number): string[] => [...aptOptions, '-y', '--allow-downgrades', '--no-install-recommends', 'install', `${pkg}=${version}`];

  let release: () => void = () => {};

  beforeAll(async () => {
    // The same dummy package, guard files and state directory as the other guard e2e files.
    release = await holdGuardE2eLock();
    assertNoGuardOnMachine();
    run('dpkg', ['--purge', PKG, OTHER]); // leftovers of an interrupted earlier run
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(join(STATE_DIR, 'trace'), '');
    bed = makeBed(mkdtempSync(join(tmpdir(), 'monitlint-guard-narrow-')), await freeLoopbackPort());
    current = bed;
    const debs = [buildDeb(bed, 1), buildDeb(bed, 2), buildDeb(bed, 3), buildOther(bed.dir, 1), buildOther(bed.dir, 2), buildOther(bed.dir, 3)];
    const r = run('dpkg', ['-i', debs[0]!]);
    if (r.status !== 0) throw new Error(`dpkg -i ${debs[0]}: ${r.stderr}`);
    if (!alive(readPid(bed.daemonPidfile))) throw new Error('the v1 postinst did not start the dummy daemon');
    aptOptions = makeAptRepo(bed, debs);
    const u = run('apt-get', [...aptOptions, 'update']);
    if (u.status !== 0) throw new Error(`apt-get update of the local repository: ${u.stderr}`);
    await startMonit(bed);
    const g = run(bin, ['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
    if (g.status !== 0) throw new Error(`guard --install --strategy targeted: ${g.stderr}`);
    installed = true;
  });

  afterAll(async () => {
    try {
      current = undefined;
      if (installed) run(bin, ['guard', '--uninstall']);
      await stopMonit(bed);
      run('dpkg', ['--purge', PKG, OTHER]); // the daemon's prerm stops it
      removeBed(bed);
      removeGuardState(stateDirExisted);
    } finally {
      release();
    }
  });

  it('installing a new unrelated package: apt passes its .deb, the helper lists it, Monit is left alone', async () => {
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    const log0 = sizeOf(bed.monitLog);
    const trace0 = sizeOf(join(STATE_DIR, 'trace'));
    const r = await aptSampling(apt(OTHER, 1));
    expect(r.code, r.output).toBe(0);
    expect([...r.states]).toEqual(['Monitored/Monitored']);
    expect(textSince(bed.monitLog, log0)).not.toMatch(/unmonitor|Reinitializing/);
    // Not installed before: listed from the .deb path in apt's version 3 line, not a fallback.
    const trace = textSince(join(STATE_DIR, 'trace'), trace0);
    // "NAME PATH": apt sent version 3 (version 1 sends bare .deb paths).
    expect(trace).toMatch(new RegExp(`targets: ${OTHER} /\\S+\\.deb,`));
    expect(trace, guardTraceTail()).toMatch(/transaction files: [1-9][0-9]*; affected: \n/);
    expect(trace).not.toMatch(/cannot list|every affected/);
  });

  it('upgrading an unrelated package leaves both services monitored the whole time: no unmonitor, no reload', async () => {
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    const log0 = sizeOf(bed.monitLog);
    const trace0 = sizeOf(join(STATE_DIR, 'trace'));
    const monitPid0 = readPid(bed.monitPidfile);
    const r = await aptSampling(apt(OTHER, 2));
    expect(r.code, r.output).toBe(0);
    expect(readFileSync(`/usr/share/${OTHER}/data.txt`, 'utf8')).toContain('version 2');
    expect(r.samples).toBeGreaterThan(0);
    expect([...r.states]).toEqual(['Monitored/Monitored']);
    await sleep(2000);
    const log = textSince(bed.monitLog, log0);
    expect(log).not.toMatch(/unmonitor|Reinitializing|checksum failed|trying to restart/);
    expect(readPid(bed.monitPidfile)).toBe(monitPid0);
    // The helper got apt's list and found nothing of the daemon's in it.
    expect(textSince(join(STATE_DIR, 'trace'), trace0), guardTraceTail()).toMatch(/package list: apt[\s\S]*affected: \n[\s\S]*touches none of the affected services/);
    expect(healthy(bed)).toBe(true);
  });

  it("upgrading the daemon's package unmonitors both services for the transaction and monitors them again on the new checksum", async () => {
    const log0 = sizeOf(bed.monitLog);
    const dlog0 = sizeOf(bed.daemonLog);
    const r = await aptSampling(apt(PKG, 2));
    expect(r.code, r.output).toBe(0);
    // The sampling sees the unmonitor it must not see in the unrelated case.
    expect([...r.states], guardTraceTail()).toContain('Not monitored/Not monitored');
    await sleep(2000);
    const log = textSince(bed.monitLog, log0);
    expect(log).toMatch(/'dummy_bin' unmonitor on user request/);
    expect(log).toMatch(/Reinitializing monit daemon[\s\S]*'dummyd' monitor on user request/);
    expect(log).not.toMatch(/checksum failed|trying to restart/);
    expect(textSince(bed.daemonLog, dlog0)).toBe('stop by=package\nstart by=package\n');
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    expect(readFileSync(DAEMON, 'utf8')).toContain('version 2');
    expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    expect(existsSync(join(STATE_DIR, 'paused'))).toBe(false);
  });

  it('one run upgrading both packages unmonitors the daemon\'s services (the union of the packages\' files)', async () => {
    const log0 = sizeOf(bed.monitLog);
    const r = await aptSampling([...aptOptions, '-y', '--no-install-recommends', 'install', `${PKG}=3`, `${OTHER}=3`]);
    expect(r.code, r.output).toBe(0);
    expect([...r.states]).toContain('Not monitored/Not monitored');
    await sleep(2000);
    expect(textSince(bed.monitLog, log0)).not.toMatch(/checksum failed|trying to restart/);
    expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
    expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
  });
  requiringSuite('through dnf 4 and rpm (the plugin passes install_set and remove_set)', 'dnf, rpmbuild and createrepo_c', () => requireTools('dnf narrowing', ['dnf', 'rpmbuild', 'createrepo_c'], 'apt-get install dnf rpm createrepo-c'), () => {
    let dnf: string[] = [];
    beforeAll(async () => {
      await stopMonit(bed);
      run('dpkg', ['--purge', PKG, OTHER]); // the same files now come from rpm
      dnf = makeRpmRepo(bed, [{ version: 21 }, { version: 22 }]);
      addOtherRpm(bed, 1);
      addOtherRpm(bed, 2);
      const c = run('createrepo_c', ['-q', join(bed.dir, 'rpmrepo')]);
      if (c.status !== 0) throw new Error(`createrepo_c: ${c.stderr}`);
      const r = run('dnf', [...dnf, 'install', RPM_BASE, `${PKG}-21`, `${OTHER}-1`]);
      if (r.status !== 0) throw new Error(`dnf install: ${r.stdout}${r.stderr}`);
      await startMonit(bed);
      run(bin, ['guard', '--uninstall']); // the apt guard
      const g = run(bin, ['guard', '--manager', 'dnf', '--strategy', 'targeted', '--config', bed.monitrc, '--install']);
      if (g.status !== 0) throw new Error(`guard --install --manager dnf --strategy targeted: ${g.stderr}`);
    });

    afterAll(() => {
      run('rpm', ['-e', '--nodeps', PKG, OTHER, RPM_BASE]);
    });

    it('dnf upgrade of an unrelated package: both services monitored in every sample, no unmonitor, no reload', async () => {
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
      const log0 = sizeOf(bed.monitLog);
      const trace0 = sizeOf(join(STATE_DIR, 'trace'));
      const r = await aptSampling([...dnf, 'upgrade', `${OTHER}-2`], 'dnf');
      expect(r.code, r.output).toBe(0);
      expect(r.samples).toBeGreaterThan(0);
      expect([...r.states]).toEqual(['Monitored/Monitored']);
      await sleep(2000);
      expect(textSince(bed.monitLog, log0)).not.toMatch(/unmonitor|Reinitializing|checksum failed|trying to restart/);
      expect(textSince(join(STATE_DIR, 'trace'), trace0), guardTraceTail()).toMatch(/package list: rpm[\s\S]*affected: \n[\s\S]*touches none of the affected services/);
    });

    it("dnf upgrade of the daemon's package: both unmonitored for the transaction, monitored again on the new checksum", async () => {
      const log0 = sizeOf(bed.monitLog);
      const r = await aptSampling([...dnf, 'upgrade', `${PKG}-22`], 'dnf');
      expect(r.code, r.output).toBe(0);
      expect([...r.states], guardTraceTail()).toContain('Not monitored/Not monitored');
      await sleep(2000);
      const log = textSince(bed.monitLog, log0);
      expect(log).toMatch(/'dummy_bin' unmonitor on user request/);
      expect(log).not.toMatch(/checksum failed|trying to restart/);
      expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
      expect(readFileSync(DAEMON, 'utf8')).toContain('version 22');
      expect(monitStatus(bed, 'dummy_bin').checksum).toBe(md5File(DAEMON));
    });
  });
});
