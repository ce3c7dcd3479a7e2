/**
 * `simulate --host --package ID` against the real dpkg database: a built-in profile id is looked
 * for under the package names its daemon has on Debian. A dummy `redis-server` (the name the
 * redis profile maps to on Debian) is built here, installed with the real `dpkg -i`, simulated
 * from the installed database, and purged again; with it gone, the same command fails with a
 * one-line message and exit 2. Its postinst names the unit only in a branch that never runs,
 * so nothing on the host is started or stopped. Run under `flock /tmp/monitlint-e2e.lock`
 * (it changes the real package database).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli as cli } from '../support/monitlint.js';
import { choosePackages, hostPackageNames } from '../../src/sim/packages/host-names.js';
import { findProfile } from '../../src/sim/packages/profiles.js';
import { findExecutable, isCI, requiringSuite, warnLoudly } from '../support/monit.js';
import { holdGuardE2eLock } from '../guard/e2e-support.js';

const PKG = 'redis-server';
const VERSION = '0.0.1~monitlint';

function installedVersion(name: string): string | undefined {
  const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status} ${Version}', '--', name], { encoding: 'utf8' });
  const [status, version] = r.stdout.split(' ');
  return r.status === 0 && status === 'installed' ? version : undefined;
}

/** dpkg as root, and no real redis-server on this host (the test must not replace it). */
function requireDpkgRoot(): string | null {
  const why = findExecutable('dpkg') === null || findExecutable('dpkg-deb') === null ? 'dpkg is not installed'
    : process.getuid?.() !== 0 ? 'the test is not run as root (it installs a dummy package into the real dpkg database)'
    : installedVersion(PKG) !== undefined && installedVersion(PKG) !== VERSION ? `a real ${PKG} is installed on this host`
    : undefined;
  if (why === undefined) return 'dpkg';
  if (isCI()) throw new Error(`the --host test needs dpkg, root and no real ${PKG}: ${why}`);
  warnLoudly('host-db-dpkg', [`${why}: the --host profile test against the real dpkg database is SKIPPED.`]);
  return null;
}

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'monitlint-host-db-')));
afterAll(() => {
  if (installedVersion(PKG) === VERSION) spawnSync('dpkg', ['--purge', PKG], { encoding: 'utf8', timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
});

function buildDummy(): string {
  const root = join(dir, 'pkg');
  for (const d of ['DEBIAN', 'usr/bin', 'etc/redis']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'usr/bin/redis-server'), '#!/bin/sh\n# monitlint test dummy: never run\nexit 0\n');
  chmodSync(join(root, 'usr/bin/redis-server'), 0o755);
  writeFileSync(join(root, 'etc/redis/redis.conf'), '# monitlint test dummy\n');
  writeFileSync(join(root, 'DEBIAN/conffiles'), '/etc/redis/redis.conf\n');
  writeFileSync(join(root, 'DEBIAN/control'), `Package: ${PKG}\nVersion: ${VERSION}\nArchitecture: all\nMaintainer: monitlint tests <t@invalid>\nDescription: monitlint --host test dummy (removed by the test)\n`);
  // debhelper's restart after an upgrade (F20), in a branch that never runs.
  writeFileSync(join(root, 'DEBIAN/postinst'), '#!/bin/sh\nset -e\nif [ -n "$MONITLINT_NEVER_SET_THIS" ]; then deb-systemd-invoke restart redis-server.service; fi\nexit 0\n');
  chmodSync(join(root, 'DEBIAN/postinst'), 0o755);
  const deb = join(dir, `${PKG}_${VERSION}_all.deb`);
  const r = spawnSync('dpkg-deb', ['--root-owner-group', '--build', root, deb], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return deb;
}

const CONFIG = [
  'set daemon 30',
  'check process redis with pidfile /run/redis/redis-server.pid',
  '  start program = "/usr/bin/systemctl start redis-server"',
  '  stop program = "/usr/bin/systemctl stop redis-server"',
  '  depends on redis_bin',
  'check file redis_bin with path /usr/bin/redis-server',
  '  if failed checksum then unmonitor',
  '',
].join('\n');

it('maps profile ids to the package names of each family', () => {
  const mysql = findProfile('mysql');
  if (mysql === undefined) throw new Error('no mysql profile');
  expect(hostPackageNames(mysql, 'debian').slice(0, 3)).toEqual(['mariadb-server', 'mariadb-server-core', 'default-mysql-server']);
  expect(hostPackageNames(mysql, 'rhel').slice(0, 2)).toEqual(['mysql-server', 'mariadb-server']);
  // Every installed package of the profile's own set, else the first installed alternative.
  expect(choosePackages(mysql, 'debian', new Set(['mariadb-server-core', 'mariadb-server', 'default-mysql-server']))).toEqual(['mariadb-server', 'mariadb-server-core']);
  expect(choosePackages(mysql, 'rhel', new Set(['mariadb-server']))).toEqual(['mariadb-server']);
  expect(choosePackages(mysql, 'debian', new Set(['mysql-client']))).toEqual([]);
});

requiringSuite('--host --package ID against the real dpkg database', 'dpkg as root', requireDpkgRoot, () => {
  it('reads the installed package a profile id maps to, and fails with exit 2 once it is gone', async () => {
    // dpkg on / does not wait for its lock: one real-dpkg test file at a time.
    const release = await holdGuardE2eLock();
    try {
      await hostRoundTrip();
    } finally {
      release();
    }
  });
});

/** Install the dummy, simulate from the database, purge it, simulate again. */
async function hostRoundTrip(): Promise<void> {
  const cfg = join(dir, 'redis.monitrc');
  writeFileSync(cfg, CONFIG, { mode: 0o600 });
  const deb = buildDummy();
  const inst = spawnSync('dpkg', ['-i', deb], { encoding: 'utf8', timeout: 120_000 });
  expect(inst.status, `${inst.stderr}${inst.stdout}`).toBe(0);
  expect(installedVersion(PKG)).toBe(VERSION);

  const r = await cli(['simulate', '--config', cfg, '--host', '--package', 'redis', '--manager', 'apt', '--step', '1', '--no-color']);
  expect(r.stderr).toBe('');
  // The file list, modes and scripts come from the database; the pidfile from the profile.
  expect(r.stdout).toMatch(new RegExp(`^package redis: profile 'redis' on this host: installed package '${PKG}' \\(${VERSION.replace(/[.~]/g, '\\$&')}, dpkg database\\).*; pattern restart$`, 'm'));
  expect(r.stdout).toContain('redis (process, by pidfile /run/redis/redis-server.pid) → unit redis-server; redis_bin (file /usr/bin/redis-server)');
  expect(r.stdout).toContain('/etc/redis/redis.conf');
  expect(r.stdout).toMatch(/^1\. redis_bin and redis end unmonitored; a crash after the upgrade is not restarted — 30 of 30 phases \(100%\)/m);
  expect(r.code).toBe(1);

  const purge = spawnSync('dpkg', ['--purge', PKG], { encoding: 'utf8', timeout: 120_000 });
  expect(purge.status, `${purge.stderr}${purge.stdout}`).toBe(0);
  expect(installedVersion(PKG)).toBeUndefined();
  const none = await cli(['simulate', '--config', cfg, '--host', '--package', 'redis', '--manager', 'apt']);
  expect(none).toEqual({ code: 2, stdout: '', stderr: "monitlint: --host: no package of 'redis' is installed on this host (looked for redis-server, redis-tools in the debian family's names)\n" });
}
