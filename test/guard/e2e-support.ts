/**
 * End-to-end fixtures for the guard tests: a dummy daemon packaged as real .deb files, a real
 * Monit 5.33 daemon with everything private to one temporary directory, and small probes of both.
 *
 * The dummy daemon is a node script listening on 127.0.0.1 (loopback only) that writes a pidfile;
 * `ctl start|stop` starts and stops it and logs who asked: Monit sets MONIT_SERVICE for its start
 * and stop programs (monit-semantics.md §2.5), maintainer scripts do not. The maintainer scripts
 * follow pattern A of package-managers.md §2 (new preinst stops, new postinst starts, as Debian's
 * mariadb-server does), with pauses that make the daemon down and the binary new for seconds, so
 * an unguarded Monit polling every second reliably sees both.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MANIFEST_PATH } from '../../src/guard/manifest.js';
import { STATE_DIR } from '../../src/guard/types.js';
import { findExecutable, isCI, requireMonit, warnLoudly } from '../support/monit.js';

export const PKG = 'monitlint-e2e-dummy';
export const PKG_DIR = `/usr/lib/${PKG}`;
export const DAEMON = `${PKG_DIR}/dummyd`;
export const CTL = `${PKG_DIR}/ctl`;

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const clean = { ...process.env, ...env };
  delete clean.DPKG_FRONTEND_LOCKED;
  return spawnSync(cmd, args, { encoding: 'utf8', env: clean, timeout: 180_000 });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `probe` every 100 ms until it returns true; false after `ms`. */
export async function waitFor(probe: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (probe()) return true;
    if (Date.now() > end) return false;
    await sleep(100);
  }
}

export function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPid(file: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Bed {
  dir: string;
  port: number;
  monitrc: string;
  monitPidfile: string;
  monitLog: string;
  daemonPidfile: string;
  /** ctl's log: "start by=WHO" / "stop by=WHO". */
  daemonLog: string;
}

export function makeBed(dir: string, port: number): Bed {
  const bed: Bed = {
    dir,
    port,
    monitrc: join(dir, 'monitrc'),
    monitPidfile: join(dir, 'monit.pid'),
    monitLog: join(dir, 'monit.log'),
    daemonPidfile: join(dir, 'dummyd.pid'),
    daemonLog: join(dir, 'dummyd.log'),
  };
  writeFileSync(
    bed.monitrc,
    [
      'set daemon 1',
      `set pidfile ${dir}/monit.pid`,
      `set statefile ${dir}/monit.state`,
      `set idfile ${dir}/monit.id`,
      `set logfile ${bed.monitLog}`,
      `set httpd unixsocket ${dir}/monit.sock`,
      '  allow guard:e2e-only', // without an allow entry Monit 5.33 does not start httpd at all
      '',
      `check file dummy_bin with path ${DAEMON}`,
      '  if failed checksum then unmonitor',
      '',
      `check process dummyd with pidfile ${bed.daemonPidfile}`,
      `  start program = "${CTL} start"`,
      `  stop program = "${CTL} stop"`,
      `  if failed host 127.0.0.1 port ${port} type tcp then restart`,
      '  depends on dummy_bin',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return bed;
}

export interface DebOptions {
  failPreinst?: boolean;
  failPostinst?: boolean;
}

/** The payload of every package: the daemon (its version in a comment, so each has its own checksum) and ctl. */
function payload(bed: Bed, version: number): { daemon: string; ctl: string } {
  const daemon = [
    `#!${process.execPath}`,
    `// ${PKG} version ${version}: listens on 127.0.0.1:${bed.port} and writes its pidfile.`,
    "const net = require('net');",
    "const fs = require('fs');",
    `const pidfile = ${JSON.stringify(bed.daemonPidfile)};`,
    `const server = net.createServer((c) => c.end('dummy ${version}\\n'));`,
    `server.listen(${bed.port}, '127.0.0.1', () => fs.writeFileSync(pidfile, process.pid + '\\n'));`,
    "process.on('SIGTERM', () => { try { fs.unlinkSync(pidfile); } catch (e) {} process.exit(0); });",
    '',
  ].join('\n');
  const ctl = `#!/bin/sh
# start|stop the dummy daemon; logs who asked (Monit sets MONIT_SERVICE).
PIDFILE='${bed.daemonPidfile}'
LOG='${bed.daemonLog}'
running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
case "$1" in
start)
    running && exit 0
    rm -f "$PIDFILE"
    echo "start by=\${MONIT_SERVICE:-package}" >>"$LOG"
    setsid '${process.execPath}' '${DAEMON}' </dev/null >/dev/null 2>&1 &
    i=0
    while [ ! -s "$PIDFILE" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    running
    ;;
stop)
    running || exit 0
    echo "stop by=\${MONIT_SERVICE:-package}" >>"$LOG"
    pid=$(cat "$PIDFILE")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    ;;
esac
`;
  return { daemon, ctl };
}

/** Builds `monitlint-e2e-dummy_<version>_all.deb` with dpkg-deb; returns its path. */
export function buildDeb(bed: Bed, version: number, opts: DebOptions = {}): string {
  const root = join(bed.dir, 'build', String(version));
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, PKG_DIR.slice(1)), { recursive: true });
  for (const d of [root, join(root, 'DEBIAN'), join(root, 'usr'), join(root, 'usr/lib'), join(root, PKG_DIR.slice(1))]) chmodSync(d, 0o755);
  const file = (rel: string, text: string, mode: number): void => {
    writeFileSync(join(root, rel), text);
    chmodSync(join(root, rel), mode);
  };
  const { daemon, ctl } = payload(bed, version);
  file(DAEMON.slice(1), daemon, 0o755);
  file(CTL.slice(1), ctl, 0o755);
  file('DEBIAN/control', `Package: ${PKG}\nVersion: ${version}\nArchitecture: all\nMaintainer: monitlint tests <tests@invalid>\nDescription: dummy daemon for monitlint's guard tests\n`, 0o644);
  file(
    'DEBIAN/preinst',
    `#!/bin/sh
# Pattern A: the new preinst stops the daemon before the unpack (package-managers.md F23).
${opts.failPreinst ? 'echo "preinst fails on purpose" >&2; exit 1' : ''}
if [ "$1" = upgrade ] && [ -x '${CTL}' ]; then '${CTL}' stop; sleep 2; fi
exit 0
`,
    0o755,
  );
  file(
    'DEBIAN/postinst',
    `#!/bin/sh
# Pattern A: start again at configure, seconds after the new binary is in place.
if [ "$1" = configure ]; then
    sleep 2
    ${opts.failPostinst ? 'echo "postinst fails on purpose" >&2; exit 1' : ''}
    '${CTL}' start
fi
exit 0
`,
    0o755,
  );
  file('DEBIAN/prerm', `#!/bin/sh\nif [ "$1" = remove ]; then '${CTL}' stop; fi\nexit 0\n`, 0o755);
  const deb = join(bed.dir, `${PKG}_${version}_all.deb`);
  const r = run('dpkg-deb', ['--root-owner-group', '--build', root, deb]);
  if (r.status !== 0) throw new Error(`dpkg-deb --build failed: ${r.stderr}`);
  return deb;
}

/** `monit -c FILE status NAME`, reduced to its "status" and "monitoring status" lines. */
export function monitStatus(bed: Bed, name: string): { status: string; monitoring: string; checksum?: string } {
  const r = run('monit', ['-c', bed.monitrc, 'status', name]);
  const field = (label: string): string | undefined => r.stdout.match(new RegExp(`^  ${label}\\s+(.*?)\\s*$`, 'm'))?.[1];
  // "checksum   <hex> (MD5)" (5.33.0).
  const checksum = field('checksum')?.match(/^([0-9a-f]+) \(MD5\)$/)?.[1];
  return { status: field('status') ?? `? ${r.stderr.trim()}`, monitoring: field('monitoring status') ?? '?', ...(checksum ? { checksum } : {}) };
}

export function monitPid(bed: Bed): number | undefined {
  const pid = readPid(bed.monitPidfile);
  return alive(pid) ? pid : undefined;
}

export function textSince(file: string, offset: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(offset) : '';
}

export function sizeOf(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').length : 0;
}

/** Both services monitored and OK. */
export function healthy(bed: Bed): boolean {
  const a = monitStatus(bed, 'dummy_bin');
  const b = monitStatus(bed, 'dummyd');
  return a.monitoring === 'Monitored' && a.status === 'OK' && b.monitoring === 'Monitored' && b.status === 'OK';
}

export async function startMonit(bed: Bed): Promise<void> {
  const r = run('monit', ['-c', bed.monitrc]);
  if (r.status !== 0) throw new Error(`monit did not start: ${r.stderr}${r.stdout}`);
  if (!(await waitFor(() => healthy(bed), 20_000))) throw new Error(`monit did not report both services OK: ${JSON.stringify([monitStatus(bed, 'dummy_bin'), monitStatus(bed, 'dummyd')])}`);
}

export async function stopMonit(bed: Bed): Promise<void> {
  const pid = monitPid(bed);
  if (pid === undefined) return;
  run('monit', ['-c', bed.monitrc, 'quit']);
  if (!(await waitFor(() => !alive(pid), 15_000))) process.kill(pid, 'SIGKILL');
}

/**
 * A flat local apt repository (`deb [trusted=yes] file:DIR ./`) with its own lists and cache, so
 * apt never reads or writes the machine's sources or lists. Returns the apt-get options that use it.
 */
export function makeAptRepo(bed: Bed, debs: readonly string[]): string[] {
  const repo = join(bed.dir, 'repo');
  for (const d of ['', 'lists/partial', 'cache/archives/partial', 'sources.list.d', 'no-parts']) mkdirSync(join(repo, d), { recursive: true });
  let index = '';
  for (const deb of debs) {
    const name = deb.slice(deb.lastIndexOf('/') + 1);
    copyFileSync(deb, join(repo, name));
    const control = run('dpkg-deb', ['-f', deb]).stdout.trimEnd();
    const bytes = readFileSync(deb);
    index += `${control}\nFilename: ./${name}\nSize: ${bytes.length}\nSHA256: ${createHash('sha256').update(bytes).digest('hex')}\n\n`;
  }
  writeFileSync(join(repo, 'Packages'), index);
  writeFileSync(join(repo, 'sources.list'), `deb [trusted=yes] file:${repo} ./\n`);
  return [
    '-o', `Dir::Etc::sourcelist=${join(repo, 'sources.list')}`,
    '-o', `Dir::Etc::sourceparts=${join(repo, 'sources.list.d')}`,
    '-o', `Dir::State::Lists=${join(repo, 'lists')}`,
    '-o', `Dir::Cache=${join(repo, 'cache')}`,
  ];
}

/**
 * The environment for an apt-get that reads no /etc/apt/apt.conf.d, so runs none of its hooks
 * (the unguarded run). `-o Dir::Etc::Parts=…` would come too late: apt reads the parts before it
 * applies -o options; APT_CONFIG is read first.
 */
export function withoutAptHooks(bed: Bed): NodeJS.ProcessEnv {
  const conf = join(bed.dir, 'repo', 'apt-no-parts.conf');
  writeFileSync(conf, `Dir::Etc::Parts "${join(bed.dir, 'repo', 'no-parts')}";\n`);
  return { APT_CONFIG: conf };
}

export const RPM_BASE = 'monitlint-e2e-base';

/**
 * The same package as RPMs (rpmbuild, createrepo_c) in a local dnf repository, plus a base package
 * that provides /bin/sh: on Debian the rpm database knows nothing of dpkg's files, and every
 * scriptlet requires its interpreter. Scriptlets as for the .deb (RPM order, package-managers.md
 * §5): the new %pre stops the daemon on upgrade, the new %post starts it. Returns the dnf options.
 */
export function makeRpmRepo(bed: Bed, versions: ReadonlyArray<{ version: number; failPre?: boolean }>): string[] {
  const top = join(bed.dir, 'rpmbuild');
  const repo = join(bed.dir, 'rpmrepo');
  mkdirSync(repo, { recursive: true });
  const build = (name: string, spec: string): void => {
    const path = join(top, `${name}.spec`);
    mkdirSync(top, { recursive: true });
    writeFileSync(path, spec);
    const r = run('rpmbuild', ['-bb', '--define', `_topdir ${top}`, path]);
    if (r.status !== 0) throw new Error(`rpmbuild ${name}: ${r.stderr.slice(-2000)}`);
  };
  build(RPM_BASE, `Name: ${RPM_BASE}\nVersion: 1\nRelease: 1\nSummary: provides /bin/sh to the rpm database\nLicense: MIT\nBuildArch: noarch\nProvides: /bin/sh\n%description\nbase\n%files\n`);
  for (const { version, failPre } of versions) {
    const src = join(top, `src-${version}`);
    mkdirSync(src, { recursive: true });
    const { daemon, ctl } = payload(bed, version);
    writeFileSync(join(src, 'dummyd'), daemon);
    writeFileSync(join(src, 'ctl'), ctl);
    build(`${PKG}-${version}`, [
      `Name: ${PKG}`, `Version: ${version}`, 'Release: 1', "Summary: dummy daemon for monitlint's guard tests", 'License: MIT', 'BuildArch: noarch', 'AutoReqProv: no',
      '%description', 'dummy',
      '%install', `mkdir -p %{buildroot}${PKG_DIR}`, `install -m 0755 ${src}/dummyd %{buildroot}${DAEMON}`, `install -m 0755 ${src}/ctl %{buildroot}${CTL}`,
      '%files', DAEMON, CTL,
      '%pre', ...(failPre ? ['echo "%pre fails on purpose" >&2', 'exit 1'] : []), `if [ "$1" -gt 1 ] && [ -x '${CTL}' ]; then '${CTL}' stop; sleep 2; fi`,
      '%post', 'sleep 2', `'${CTL}' start`,
      '%preun', `if [ "$1" = 0 ]; then '${CTL}' stop; fi`,
      '',
    ].join('\n'));
  }
  const rpms = join(top, 'RPMS', 'noarch');
  for (const f of readdirSync(rpms)) copyFileSync(join(rpms, f), join(repo, f));
  const c = run('createrepo_c', ['-q', repo]);
  if (c.status !== 0) throw new Error(`createrepo_c: ${c.stderr}`);
  const reposd = join(bed.dir, 'yum.repos.d');
  mkdirSync(reposd, { recursive: true });
  writeFileSync(join(reposd, 'monitlint-e2e.repo'), `[monitlint-e2e]\nname=monitlint e2e\nbaseurl=file://${repo}\ngpgcheck=0\nenabled=1\n`);
  return ['-y', `--setopt=reposdir=${reposd}`, `--setopt=cachedir=${join(bed.dir, 'dnfcache')}`, '--releasever=12'];
}

// ---- Shared by the zypper and pacman end-to-end tests (additive) --------------------------------

/** The payload of version `version` (daemon and ctl texts), for package formats built elsewhere. */
export function packagePayload(bed: Bed, version: number): { daemon: string; ctl: string } {
  return payload(bed, version);
}

/**
 * Holds an exclusive lock between the guard end-to-end test files, which share the dummy package's
 * paths, the guard's files and its state directory, when vitest runs files in parallel workers. A
 * child `flock` holds it (another file than the one the developers' outer `flock` holds, or a nested
 * run would wait for itself); it is released when the returned function runs or this process dies
 * (the child's stdin closes).
 */
export async function holdGuardE2eLock(): Promise<() => void> {
  const child = spawn('flock', ['/tmp/monitlint-guard-e2e.inner.lock', 'sh', '-c', 'echo locked; read -r _'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`flock exited ${code} before taking the lock`)));
    child.stdout.once('data', () => resolve());
  });
  return () => {
    child.stdin.end();
  };
}

/** Tools a suite needs; in CI a missing one is an error (issue 6: "where they run here" holds here). */
export function requireTools(key: string, tools: readonly string[], install: string): true | null {
  const missing = tools.filter((t) => findExecutable(t) === null);
  if (missing.length === 0) return true;
  if (isCI()) throw new Error(`the ${key} end-to-end tests need ${missing.join(', ')} in CI (${install}; .ci/run installs them)`);
  warnLoudly(`guard-e2e-${key}`, [`${missing.join(', ')} not found: the ${key} end-to-end guard tests are SKIPPED.`, `Debian: ${install} (.ci/run does this in CI).`]);
  return null;
}

/**
 * Root and monit, checked when the file is collected; `what` names the suite in the messages.
 * Whether the machine has a guard of its own is asked by {@link assertNoGuardOnMachine} only once
 * the file holds the guard e2e lock: in a full `npm test` another guard e2e file may have its
 * guard installed at / at collection time.
 */
export function requireRootAndMonit(what: string): string | null {
  const monit = requireMonit();
  if (monit === null) return null;
  if (process.getuid?.() === 0) return monit;
  const problem = 'not root: package installs and the guard install need root';
  if (isCI()) throw new Error(`${what}: ${problem}`);
  warnLoudly(`root-${what}`, [`${what} are SKIPPED:`, problem]);
  return null;
}

/** {@link requireRootAndMonit} for the guard end-to-end files. */
export function requireGuardTestBed(): string | null {
  return requireRootAndMonit('the guard end-to-end tests (real package managers, real Monit)');
}

/** Throws when the machine has a guard installed or paused: the tests would replace or resume it. */
export function assertNoGuardOnMachine(): void {
  const problems: string[] = [];
  if (existsSync(MANIFEST_PATH)) problems.push(`${MANIFEST_PATH} exists: a guard is installed on this machine; the test would replace it (monitlint guard --uninstall removes it)`);
  if (existsSync(join(STATE_DIR, 'paused'))) problems.push(`${STATE_DIR}/paused exists: a guard is paused on this machine`);
  if (problems.length > 0) throw new Error(`guard end-to-end test bed: ${problems.join('; ')}`);
}

/**
 * Removes what an earlier run killed before its afterAll may have left of the dummy package: the
 * dpkg and rpm packages of the other guard e2e files, and files no database owns any more (the
 * pacman runs keep their database in their bed). Without this, pacman and rpm refuse the paths.
 */
export function removeStaleDummy(): void {
  run('dpkg', ['--purge', PKG]);
  for (const dbpath of [[], ['--dbpath', ZYPPER_RPMDB]]) run('rpm', [...dbpath, '-e', '--nodeps', PKG, RPM_BASE]);
  if (existsSync(PKG_DIR) && run('dpkg', ['-S', PKG_DIR]).status !== 0 && run('rpm', ['-qf', DAEMON]).status !== 0 && run('rpm', ['--dbpath', ZYPPER_RPMDB, '-qf', DAEMON]).status !== 0) {
    rmSync(PKG_DIR, { recursive: true, force: true });
  }
}

/** The rpm database libzypp 17.25.7 uses at root / on Debian (`rpm --dbpath /var/lib/rpm`, F66). */
export const ZYPPER_RPMDB = '/var/lib/rpm';

export const md5File = (path: string): string => createHash('md5').update(readFileSync(path)).digest('hex');

/**
 * Kills the dummy daemon and asserts that Monit itself starts it again (its own restart, logged
 * by the daemon as `by=dummyd`) and that both services come back healthy: what a guard must leave
 * working after an upgrade.
 */
export async function expectCrashRestarted(bed: Bed): Promise<void> {
  const dlog0 = sizeOf(bed.daemonLog);
  const pid = readPid(bed.daemonPidfile)!;
  process.kill(pid, 'SIGKILL');
  expect(await waitFor(() => { const p = readPid(bed.daemonPidfile); return p !== pid && alive(p); }, 20_000)).toBe(true);
  expect(textSince(bed.daemonLog, dlog0)).toContain('start by=dummyd');
  expect(await waitFor(() => healthy(bed), 20_000)).toBe(true);
}

/** The last step of a test bed's teardown, once the package is removed: kills a dummy daemon still running and removes the bed's directory. */
export function removeBed(bed: Bed): void {
  const pid = readPid(bed.daemonPidfile);
  if (alive(pid)) process.kill(pid!, 'SIGKILL');
  rmSync(bed.dir, { recursive: true, force: true });
}

/** Removes the helper's trace file, and the guard's state directory when the test created it. */
export function removeGuardState(existed: boolean): void {
  rmSync(join(STATE_DIR, 'trace'), { force: true });
  if (!existed) rmSync(STATE_DIR, { recursive: true, force: true });
}

/** The helper's decision trace (STATE_DIR/trace), for failure messages. */
export function guardTraceTail(): string {
  try {
    return readFileSync(join(STATE_DIR, 'trace'), 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no trace)';
  }
}

export interface PacmanPkgOptions {
  failPostUpgrade?: boolean;
}

/**
 * The dummy package as a pacman package, assembled with bsdtar (makepkg refuses to run as root):
 * .PKGINFO, .INSTALL and the payload, gzip-compressed. The .INSTALL follows pattern A like the
 * .deb (pre_upgrade stops the daemon, post_upgrade starts it seconds later), although Arch packages
 * restart nothing (package-managers.md F78): the point is a daemon down and a binary new for
 * seconds. Returns the path of `<name>-<version>-1-any.pkg.tar.gz`.
 */
export function buildPacmanPkg(bed: Bed, version: number, opts: PacmanPkgOptions = {}): string {
  const root = join(bed.dir, 'pacbuild', String(version));
  mkdirSync(join(root, PKG_DIR.slice(1)), { recursive: true });
  const { daemon, ctl } = payload(bed, version);
  writeFileSync(join(root, DAEMON.slice(1)), daemon, { mode: 0o755 });
  writeFileSync(join(root, CTL.slice(1)), ctl, { mode: 0o755 });
  writeFileSync(
    join(root, '.PKGINFO'),
    [`pkgname = ${PKG}`, `pkgbase = ${PKG}`, `pkgver = ${version}-1`, "pkgdesc = dummy daemon for monitlint's guard tests", 'builddate = 1700000000', 'packager = monitlint tests <tests@invalid>', `size = ${daemon.length + ctl.length}`, 'arch = any', ''].join('\n'),
  );
  writeFileSync(
    join(root, '.INSTALL'),
    `# run by libalpm as: sh -c ". .INSTALL; <function> <new> [<old>]" (F77)
post_install() { '${CTL}' start; }
pre_upgrade() { if [ -x '${CTL}' ]; then '${CTL}' stop; sleep 2; fi; }
post_upgrade() {
    sleep 2
    ${opts.failPostUpgrade ? 'echo "post_upgrade fails on purpose" >&2; return 1' : ''}
    '${CTL}' start
}
pre_remove() { '${CTL}' stop; }
`,
  );
  const out = join(bed.dir, `${PKG}-${version}-1-any.pkg.tar.gz`);
  const r = spawnSync('bsdtar', ['-czf', out, '--uname', 'root', '--gname', 'root', '--uid', '0', '--gid', '0', '.PKGINFO', '.INSTALL', 'usr'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bsdtar: ${r.stderr}`);
  return out;
}

/**
 * A pacman.conf private to the bed. RootDir stays "/": libalpm runs hooks and install scriptlets
 * chrooted into RootDir (F70), so from a private root neither the guard's Exec nor the package's
 * scriptlets could reach the Monit and the daemon of this system. Everything else is the bed's:
 * database, cache, log, GnuPG dir, lock, and the one HookDir `hookDir` (a HookDir in the file
 * replaces pacman's default /etc/pacman.d/hooks/, so no hook of the machine runs and none of the
 * test's is ever written under /etc).
 */
export function makePacmanConf(bed: Bed, hookDir: string): string {
  const base = join(bed.dir, 'pacman');
  for (const d of ['db', 'cache', 'gnupg']) mkdirSync(join(base, d), { recursive: true });
  mkdirSync(hookDir, { recursive: true });
  const conf = join(base, 'pacman.conf');
  writeFileSync(
    conf,
    ['[options]', 'RootDir = /', `DBPath = ${base}/db/`, `CacheDir = ${base}/cache/`, `LogFile = ${base}/pacman.log`, `GPGDir = ${base}/gnupg/`, `HookDir = ${hookDir}/`, 'Architecture = auto', 'SigLevel = Never', 'LocalFileSigLevel = Never', ''].join('\n'),
  );
  return conf;
}
