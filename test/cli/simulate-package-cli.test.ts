/**
 * `monitlint simulate --package / --package-file` as a user runs it: the sweep report and its
 * exit codes, JSON, real package files built here with dpkg-deb and rpmbuild, and bad input
 * (unknown package or manager, a broken package file, a config that does not parse → exit 2).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../support/monitlint.js';
import { patternOfScripts, scanScript, scriptExtras } from '../../src/sim/packages/package-file.js';
import { repoRoot } from '../support/corpus.js';
import { findExecutable, requiringSuite, warnLoudly, isCI } from '../support/monit.js';

const MYSQL = join(repoRoot, 'samples', 'mysql.monitrc');

const dir = mkdtempSync(join(tmpdir(), 'monitlint-pkg-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('monitlint simulate --package', () => {
  it('text: outcome classes first, then a timeline per class; exit 1 when a phase is harmful', async () => {
    const r = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--manager', 'apt', '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const classes = r.stdout.indexOf('outcome classes:');
    const timeline = r.stdout.indexOf('timeline at phase');
    expect(classes).toBeGreaterThan(0);
    expect(timeline).toBeGreaterThan(classes);
    expect(r.stdout).toMatch(/^1\. Monit starts mysqld during the transaction, from the old binary — \d of 300 phases \(\d\.\d%\): 2\.\d–2\.\d s$/m);
    expect(r.stdout).toMatch(/^3\. mysql_bin and mysqld end unmonitored; a crash after the upgrade is not restarted — 300 of 300 phases \(100%\): 0–29\.9 s$/m);
    expect(r.stdout).toContain('mysql.monitrc:18:5: checksum failed, the file is not the one Monit took as its baseline (mysql_bin)');
    expect(r.stdout).toContain('fix: `monitlint guard --manager apt --install`');
    expect(r.stdout.match(/^timeline at phase/gm)?.length).toBe(2);
  });

  it('exit 0 when no phase is harmful', async () => {
    const cfg = join(dir, 'plain.monitrc');
    writeFileSync(cfg, 'set daemon 30\ncheck process mysqld with pidfile /var/run/mysqld/mysqld.pid\n  start program = "/bin/systemctl start mysqld"\n  stop program = "/bin/systemctl stop mysqld"\n', { mode: 0o600 });
    const r = await cli(['simulate', '--config', cfg, '--package', 'mysql', '--manager', 'dnf', '--no-color', '--step', '1']);
    expect(r.stdout).toMatch(/no phase leads to a harmful outcome/);
    expect(r.code).toBe(0);
  });

  it('--phase runs one phase; --format json follows monitlint-sweep/1 with the timelines', async () => {
    const r = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--manager', 'pacman', '--phase', '3', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { schema: string; total: number; manager: string; distro: string; harmful: boolean; classes: Array<{ kind: string; share: number; ranges: number[][]; representative: number }>; packages: Array<{ pattern: string; unit: string }>; timelines: Array<{ schema: string; phase: number }> };
    expect(doc.schema).toBe('monitlint-sweep/1');
    expect(doc).toMatchObject({ total: 1, manager: 'pacman', distro: 'arch', harmful: true });
    expect(doc.classes.map((c) => [c.kind, c.share, c.ranges])).toEqual([['old-binary', 1, [[3, 3]]], ['unmonitored', 1, [[3, 3]]]]);
    expect(doc.packages).toEqual([expect.objectContaining({ pattern: 'none', unit: 'mysqld' })]);
    expect(doc.timelines.map((t) => [t.schema, t.phase])).toEqual([['monitlint-timeline/1', 3]]);
  });

  it('bad input: unknown package, unknown manager or distro, no source, a config that does not parse → one line, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--package', 'mysqlx', '--manager', 'dnf'], /^monitlint: unknown package 'mysqlx' \(built-in profiles: mysql, mariadb, .*\)\n$/],
      [['--package', 'mysql', '--manager', 'portage'], /^monitlint: unknown package manager 'portage' \(expected one of: apt, dpkg, yum, dnf, dnf5, zypper, pacman, apk, auto\)\n$/],
      [['--package', 'mysql', '--manager', 'dnf', '--distro', 'el6'], /^monitlint: unknown distribution 'el6'/],
      [['--manager', 'dnf'], /^monitlint: simulate needs --package NAME, --package-file FILE or --scenario FILE\n$/],
      [['--package', 'mysql', '--manager', 'dnf', '--step', '0'], /^monitlint: --step must be a number of seconds > 0/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(['simulate', '--config', MYSQL, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stdout).toBe('');
    }
    const bad = join(dir, 'broken.monitrc');
    writeFileSync(bad, 'set daemon 30\ncheck process x with pidfile\n', { mode: 0o600 });
    const r = await cli(['simulate', '--config', bad, '--package', 'mysql', '--manager', 'dnf']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.monitrc:\d+:\d+: error: /);
    expect(r.stderr).toMatch(/Monit would not start with this control file; nothing simulated\n$/);
  });

  it('a broken or unknown package file → one line naming it, exit 2', async () => {
    const junk = join(dir, 'junk.deb');
    writeFileSync(junk, 'not an ar archive\n');
    const r = await cli(['simulate', '--config', MYSQL, '--package-file', junk, '--manager', 'apt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^monitlint: ${junk.replace(/[.]/g, '\\.')}: not a readable package \\(dpkg-deb: .+\\)\\n$`));
    const other = join(dir, 'x.tar');
    writeFileSync(other, '');
    const o = await cli(['simulate', '--config', MYSQL, '--package-file', other, '--manager', 'apt']);
    expect(o).toEqual({ code: 2, stdout: '', stderr: `monitlint: ${other}: unknown package type (expected a .deb or an .rpm file)\n` });
    const missing = await cli(['simulate', '--config', MYSQL, '--package-file', join(dir, 'none.deb'), '--manager', 'apt']);
    expect(missing.stderr).toMatch(/none\.deb: cannot read package file: ENOENT\n$/);
  });

  it('--with-guard and --fail: an unknown strategy, a failure the spec has no case for, a scenario → one line, exit 2', async () => {
    const bad = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--manager', 'dnf', '--with-guard', 'stop']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: "monitlint: --with-guard: unknown strategy 'stop' (expected one of: pause, targeted)\n" });
    const zyp = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--manager', 'zypper', '--fail', 'pre-hook']);
    expect(zyp.code).toBe(2);
    expect(zyp.stderr).toMatch(/^monitlint: --fail pre-hook is modelled for apt \(F9\) and dnf \(F48\) only/);
    const sc = await cli(['simulate', '--config', join(repoRoot, 'samples', 'simulate', 'mysql.monitrc'), '--scenario', join(repoRoot, 'samples', 'simulate', 'yum-update-mysql.yaml'), '--with-guard']);
    expect(sc.code).toBe(2);
    expect(sc.stderr).toMatch(/apply to --package and --package-file/);
    // A bare --with-guard is the pause strategy.
    const bare = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--manager', 'dnf', '--with-guard', '--format', 'json']);
    expect(bare.code).toBe(0);
    expect((JSON.parse(bare.stdout) as { guard: { strategy: string } }).guard.strategy).toBe('pause');
  });
});

describe('maintainer scripts → restart pattern', () => {
  it('reads the debhelper, invoke-rc.d and systemd-macro forms', () => {
    expect(scanScript("deb-systemd-invoke $_dh_action 'ssh.service' 'rescue-ssh.target' >/dev/null || true").actions.get('ssh')).toEqual(new Set(['restart']));
    expect(patternOfScripts('deb', { preinst: 'invoke-rc.d mariadb stop\n', postinst: 'deb-systemd-invoke restart mariadb.service\n' })).toEqual({ pattern: 'stop-start', units: ['mariadb'] });
    expect(patternOfScripts('deb', { postinst: 'invoke-rc.d nginx upgrade || invoke-rc.d nginx restart\n' })).toEqual({ pattern: 'reexec', units: ['nginx'] });
    expect(patternOfScripts('rpm', { postuninstall: 'if [ $1 -ge 1 ] ; then\n  /usr/lib/systemd/systemd-update-helper mark-restart-system-units sshd.service || :\nfi\n' })).toEqual({ pattern: 'deferred', units: ['sshd'] });
    expect(patternOfScripts('rpm', { postuninstall: 'systemctl try-restart mysqld.service >/dev/null 2>&1 || :\n' })).toEqual({ pattern: 'restart', units: ['mysqld'] });
    expect(patternOfScripts('deb', { postinst: '# invoke-rc.d x restart\necho hi\n' })).toEqual({ pattern: 'none', units: [] });
  });

  it('reads a control script the package installs and calls by its path, but not a service manager called by path', () => {
    const own = new Set(['/usr/lib/foo/ctl', '/usr/lib/foo/food']);
    const scripts = { preinst: "if [ \"$1\" = upgrade ]; then '/usr/lib/foo/ctl' stop; sleep 2; fi\n", postinst: '/usr/lib/foo/ctl start\n' };
    expect(patternOfScripts('deb', scripts, own)).toEqual({ pattern: 'stop-start', units: ['/usr/lib/foo/ctl'] });
    // A path the package does not install is not its control program.
    expect(patternOfScripts('deb', scripts)).toEqual({ pattern: 'none', units: [] });
    expect([...scanScript('/bin/systemctl stop mysqld.service\n/usr/sbin/service nginx stop\n').actions.keys()]).toEqual(['mysqld', 'nginx']);
  });
});

describe('maintainer scripts → waits and start-only, .deb and .rpm alike', () => {
  it('reads the pre- and post-install scripts of each format from its own slots', () => {
    const deb = { preinst: 'invoke-rc.d testd stop\nsleep 2\n', postinst: 'sleep 1.5\ninvoke-rc.d testd start\n' };
    expect(scriptExtras('deb', deb, new Set(), 'stop-start', ['testd'])).toEqual({ waits: { preinst: { before: 0, after: 2000 }, postinst: { before: 1500, after: 0 } }, configureStarts: true });
    const rpm = { preinstall: 'systemctl stop testd.service\nsleep 2\n', postinstall: 'systemctl restart testd.service\n' };
    expect(scriptExtras('rpm', rpm, new Set(), 'stop-start', ['testd'])).toEqual({ waits: { preinst: { before: 0, after: 2000 } } });
    // A script in another format's slot is not this format's pre- or post-install script.
    expect(scriptExtras('rpm', deb, new Set(), 'stop-start', ['testd'])).toEqual({});
    // Start-only matters only to a package that stopped its daemon before the swap.
    expect(scriptExtras('deb', { postinst: 'invoke-rc.d testd start\n' }, new Set(), 'restart', ['testd'])).toEqual({});
  });
});

/** A config watching testd the way samples/mysql.monitrc watches mysqld. */
function testdConfig(): string {
  const cfg = join(dir, 'testd.monitrc');
  writeFileSync(cfg, [
    'set daemon 30',
    'check process testd with pidfile /run/testd.pid',
    '  start program = "/usr/bin/systemctl start testd"',
    '  stop program = "/usr/bin/systemctl stop testd"',
    '  depends on testd_bin',
    'check file testd_bin with path /usr/sbin/testd',
    '  if failed checksum then unmonitor',
    '  if failed permission 755 then unmonitor',
    '',
  ].join('\n'), { mode: 0o600 });
  return cfg;
}

function requireTool(name: string): () => string | null {
  return () => {
    const bin = findExecutable(name);
    if (bin !== null) return bin;
    if (isCI()) throw new Error(`${name} is required in CI (.ci/run installs it)`);
    warnLoudly(`missing-${name}`, [`${name} was not found: the package-file tests that need it are SKIPPED.`]);
    return null;
  };
}

requiringSuite('a .deb built with dpkg-deb', 'dpkg-deb', requireTool('dpkg-deb'), () => {
  it('is read (files, modes, conffiles, scripts) and simulated: the postinst restart is pattern B', async () => {
    const root = join(dir, 'deb');
    for (const d of ['DEBIAN', 'usr/sbin', 'etc', 'lib/systemd/system']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), 'Package: testd\nVersion: 2.0\nArchitecture: all\nMaintainer: t <t@example.org>\nInstalled-Size: 40\nDescription: a test daemon\n');
    writeFileSync(join(root, 'DEBIAN/conffiles'), '/etc/testd.conf\n');
    writeFileSync(join(root, 'DEBIAN/postinst'), '#!/bin/sh\nset -e\nif [ "$1" = configure ] && [ -n "$2" ]; then\n  deb-systemd-invoke restart testd.service >/dev/null || true\nfi\n');
    chmodSync(join(root, 'DEBIAN/postinst'), 0o755);
    writeFileSync(join(root, 'usr/sbin/testd'), '#!/bin/sh\nexec sleep infinity # v2\n');
    chmodSync(join(root, 'usr/sbin/testd'), 0o755);
    writeFileSync(join(root, 'etc/testd.conf'), 'x=2\n');
    writeFileSync(join(root, 'lib/systemd/system/testd.service'), '[Service]\nExecStart=/usr/sbin/testd\n');
    const deb = join(dir, 'testd_2.0_all.deb');
    const b = spawnSync('dpkg-deb', ['--root-owner-group', '--build', root, deb], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);

    const r = await cli(['simulate', '--config', testdConfig(), '--package-file', deb, '--manager', 'apt', '--no-color']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`package ${deb}: ${deb} (testd 2.0): maintainer scripts postinst; pattern restart`);
    expect(r.stdout).toContain('watched by this config: testd (process, by unit testd in its start/stop program) → unit testd; testd_bin (file /usr/sbin/testd)');
    expect(r.stdout).toMatch(/^1\. testd_bin and testd end unmonitored; a crash after the upgrade is not restarted — 300 of 300 phases \(100%\)/m);
    expect(r.stdout).toMatch(/testd: new postinst configure: deb-systemd-invoke restart testd \(F20\): restart unit=testd/);
    expect(r.stdout).toContain('/etc/testd.conf.dpkg-dist');
  });
});

requiringSuite('an .rpm built with rpmbuild', 'rpmbuild', requireTool('rpmbuild'), () => {
  it('is read with rpm -qp and simulated: try-restart in %postun is pattern B under yum', async () => {
    const top = join(dir, 'rpm');
    for (const d of ['BUILD', 'RPMS', 'SOURCES', 'SPECS', 'SRPMS', 'BUILDROOT']) mkdirSync(join(top, d), { recursive: true });
    const spec = join(top, 'SPECS/testd.spec');
    writeFileSync(spec, [
      'Name: testd', 'Version: 2.0', 'Release: 1', 'Summary: a test daemon', 'License: MIT', 'BuildArch: noarch',
      '%description', 'a test daemon',
      '%install', 'mkdir -p %{buildroot}/usr/sbin %{buildroot}/etc', "printf '#!/bin/sh\\nexec sleep infinity\\n' > %{buildroot}/usr/sbin/testd", 'chmod 755 %{buildroot}/usr/sbin/testd', 'echo x=2 > %{buildroot}/etc/testd.conf',
      '%postun', 'if [ $1 -ge 1 ]; then systemctl try-restart testd.service >/dev/null 2>&1 || :; fi',
      '%files', '/usr/sbin/testd', '%config(noreplace) /etc/testd.conf', '',
    ].join('\n'));
    const b = spawnSync('rpmbuild', ['-bb', '--define', `_topdir ${top}`, '--define', '_build_id_links none', spec], { encoding: 'utf8', timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    const rpm = join(top, 'RPMS/noarch/testd-2.0-1.noarch.rpm');
    const r = await cli(['simulate', '--config', testdConfig(), '--package-file', rpm, '--manager', 'yum', '--no-color']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(testd 2.0-1): scriptlets postuninstall; pattern restart');
    expect(r.stdout).toMatch(/testd: %postun \(old, \$1=1\): systemctl try-restart testd \(F32\)/);
    expect(r.stdout).toContain('/etc/testd.conf.rpmnew');
    expect(r.stdout).toMatch(/^1\. testd_bin and testd end unmonitored/m);
  });
});

requiringSuite('an .rpm whose %pre stops the daemon', 'rpmbuild', requireTool('rpmbuild'), () => {
  /** Builds testd 2.0 with these %pre and %post scriptlets. */
  function buildRpm(tag: string, pre: string, post: string): string {
    const top = join(dir, `rpm-${tag}`);
    for (const d of ['BUILD', 'RPMS', 'SOURCES', 'SPECS', 'SRPMS', 'BUILDROOT']) mkdirSync(join(top, d), { recursive: true });
    const spec = join(top, 'SPECS/testd.spec');
    writeFileSync(spec, [
      'Name: testd', 'Version: 2.0', 'Release: 1', 'Summary: a test daemon', 'License: MIT', 'BuildArch: noarch',
      '%description', 'a test daemon',
      '%install', 'mkdir -p %{buildroot}/usr/sbin', "printf '#!/bin/sh\\nexec sleep infinity\\n' > %{buildroot}/usr/sbin/testd", 'chmod 755 %{buildroot}/usr/sbin/testd',
      '%pre', pre, '%post', post, '%files', '/usr/sbin/testd', '',
    ].join('\n'));
    const b = spawnSync('rpmbuild', ['-bb', '--define', `_topdir ${top}`, '--define', '_build_id_links none', spec], { encoding: 'utf8', timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    return join(top, 'RPMS/noarch/testd-2.0-1.noarch.rpm');
  }

  /** Seconds of the timeline line that matches `re`. */
  function at(out: string, re: RegExp): number {
    const line = out.split('\n').find((l) => re.test(l));
    expect(line, `no timeline line matches ${String(re)}`).toBeDefined();
    return Number(/^\s*(-?\d+\.\d+)/.exec(line ?? '')?.[1]);
  }

  it('plays its sleeps as time and its %post restart or start as written', async () => {
    const restarting = buildRpm('restart', 'if [ $1 -gt 1 ]; then systemctl stop testd.service; sleep 3; fi', 'systemctl restart testd.service');
    const r = await cli(['simulate', '--config', testdConfig(), '--package-file', restarting, '--manager', 'dnf', '--phase', '0', '--no-color']);
    expect(r.stderr).toBe('');
    const stop = at(r.stdout, /testd: %pre \(new, \$1=2\) stops testd/);
    const swap = at(r.stdout, /rpm renames the new files over the old/);
    // The unit's stop takes 1 s, then the scriptlet sleeps 3 s before rpm swaps the files.
    expect(swap - stop).toBeGreaterThanOrEqual(4);
    expect(r.stdout).toMatch(/testd: %post \(new, \$1=2\) restarts testd: restart unit=testd/);

    const starting = buildRpm('start', 'if [ $1 -gt 1 ]; then systemctl stop testd.service; fi', 'systemctl start testd.service');
    const s = await cli(['simulate', '--config', testdConfig(), '--package-file', starting, '--manager', 'dnf', '--phase', '0', '--no-color']);
    expect(s.stderr).toBe('');
    expect(at(s.stdout, /rpm renames the new files over the old/) - at(s.stdout, /testd: %pre \(new, \$1=2\) stops testd/)).toBeLessThan(2);
    expect(s.stdout).toMatch(/testd: %post \(new, \$1=2\) starts testd: start unit=testd/);
  });
});

/** monit itself is installed from the distribution's package in CI (.ci/run) and on the test bed. */
function requireInstalledMonit(): string | null {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'monit'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.includes('installed')) return 'monit';
  if (isCI()) throw new Error('the monit package must be installed in CI (.ci/run installs it)');
  warnLoudly('missing-monit-package', ['the monit Debian package is not installed: the --host test is SKIPPED.']);
  return null;
}

requiringSuite('--host: the installed package database', 'the monit Debian package', requireInstalledMonit, () => {
  it('reads an installed package with dpkg-query and /var/lib/dpkg/info, and simulates its upgrade', async () => {
    const cfg = join(dir, 'monit-host.monitrc');
    writeFileSync(cfg, [
      'set daemon 30', 'check process monitd with pidfile /run/monit.pid', '  start program = "/usr/bin/systemctl start monit"',
      '  stop program = "/usr/bin/systemctl stop monit"', '  depends on monit_bin', 'check file monit_bin with path /usr/bin/monit',
      '  if failed checksum then unmonitor', '',
    ].join('\n'), { mode: 0o600 });
    const r = await cli(['simulate', '--config', cfg, '--host', '--package', 'monit', '--manager', 'apt', '--step', '1', '--no-color']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // The Debian monit postinst restarts through invoke-rc.d … $_dh_action (debhelper, F20).
    expect(r.stdout).toMatch(/^package monit: installed package 'monit' \(\S+, dpkg database\): maintainer scripts [a-z, ]*postinst[a-z, ]*; pattern restart$/m);
    expect(r.stdout).toContain('monitd (process, by unit monit in its start/stop program) → unit monit; monit_bin (file /usr/bin/monit)');
    expect(r.stdout).toContain('/etc/monit/monitrc.dpkg-dist');
    expect(r.stdout).toMatch(/^1\. monit_bin and monitd end unmonitored; a crash after the upgrade is not restarted — 30 of 30 phases \(100%\)/m);
    const none = await cli(['simulate', '--config', cfg, '--host', '--package', 'monitlint-no-such-package', '--manager', 'apt']);
    expect(none).toEqual({ code: 2, stdout: '', stderr: "monitlint: --host: package 'monitlint-no-such-package' is not installed on this host (dpkg-query found no such package)\n" });
  });
});

describe('--manager auto', () => {
  it('reads /etc/os-release first, then the commands on PATH', async () => {
    const { detectManager } = await import('../../src/sim/packages/detect.js');
    const none = (): boolean => false;
    expect(detectManager('ID=debian\nVERSION_ID="12"\n', none)).toMatchObject({ manager: 'apt', distro: 'debian' });
    expect(detectManager('ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n', none)).toMatchObject({ manager: 'dnf', distro: 'el9' });
    expect(detectManager('ID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\n', none)).toMatchObject({ manager: 'yum', distro: 'el7' });
    expect(detectManager('ID=fedora\nVERSION_ID=41\n', (c) => c === 'dnf5')).toMatchObject({ manager: 'dnf5', distro: 'fedora' });
    expect(detectManager('ID="opensuse-leap"\nID_LIKE="suse opensuse"\n', none)).toMatchObject({ manager: 'zypper' });
    expect(detectManager('ID=arch\n', none)).toMatchObject({ manager: 'pacman', distro: 'arch' });
    expect(detectManager('ID=alpine\n', none)).toMatchObject({ manager: 'apk', distro: 'alpine' });
    expect(detectManager('', (c) => c === 'pacman')).toMatchObject({ manager: 'pacman', why: 'pacman is on PATH' });
    expect(detectManager('', none)).toBeUndefined();
  });

  it('on this host (Debian in CI) picks apt', async () => {
    const r = await cli(['simulate', '--config', MYSQL, '--package', 'mysql', '--phase', '1', '--no-color']);
    expect(r.stdout).toMatch(/^simulate .*: apt upgrade of mysql \(debian\)/);
  });
});
