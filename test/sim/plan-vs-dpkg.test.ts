/**
 * The dpkg plan against the real dpkg: two versions of a .deb are built here, version 1 is
 * installed and version 2 upgrades it with `dpkg -i` into a private root. Every maintainer
 * script logs its name, its arguments and the inode of the binary, so the real order of the
 * scripts and of the file swap is known; the plan built from the same .deb (read with dpkg-deb,
 * as `--package-file` does) must have the same order. The scripts name their service only in a
 * branch that never runs, so nothing on the real host is stopped.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readPackageFile } from '../../src/cli/package-tools.js';
import { findDistro } from '../../src/sim/packages/profiles.js';
import { buildWorld } from '../../src/sim/packages/world.js';
import { findExecutable, isCI, requiringSuite, warnLoudly } from '../support/monit.js';
import { configFrom } from './sim-support.js';

function requireDpkg(): string | null {
  const bin = findExecutable('dpkg');
  if (bin !== null && findExecutable('dpkg-deb') !== null) return bin;
  if (isCI()) throw new Error('dpkg and dpkg-deb are required in CI');
  warnLoudly('missing-dpkg', ['dpkg was not found: the plan-vs-dpkg test is SKIPPED.']);
  return null;
}

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'monitlint-plan-dpkg-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(version: string): string {
  const pkg = join(dir, `pkg-${version}`);
  const bin = join(dir, 'root', 'usr', 'sbin', 'testd');
  const log = join(dir, 'scripts.log');
  for (const d of ['DEBIAN', 'usr/sbin']) mkdirSync(join(pkg, d), { recursive: true });
  writeFileSync(join(pkg, 'usr/sbin/testd'), `testd v${version}\n`, { mode: 0o755 });
  chmodSync(join(pkg, 'usr/sbin/testd'), 0o755);
  writeFileSync(join(pkg, 'DEBIAN/control'), `Package: monitlint-testd\nVersion: ${version}\nArchitecture: all\nMaintainer: t <t@invalid>\nDescription: plan test\n`);
  const script = (name: string, service: string): string => [
    '#!/bin/sh',
    `echo "${name} $* $(stat -c %i ${bin} 2>/dev/null || echo none)" >> ${log}`,
    // Never true: the service line is there for the scanner, the real host is left alone.
    `if [ -n "$MONITLINT_NEVER_SET_THIS" ]; then ${service}; fi`,
    'exit 0', '',
  ].join('\n');
  const scripts: Record<string, string> = {
    prerm: script('prerm', 'deb-systemd-invoke stop testd.service'),
    preinst: script('preinst', 'invoke-rc.d testd stop'),
    postrm: script('postrm', 'true'),
    postinst: script('postinst', 'deb-systemd-invoke restart testd.service'),
  };
  for (const [n, text] of Object.entries(scripts)) {
    writeFileSync(join(pkg, 'DEBIAN', n), text);
    chmodSync(join(pkg, 'DEBIAN', n), 0o755);
  }
  const deb = join(dir, `monitlint-testd_${version}_all.deb`);
  const r = spawnSync('dpkg-deb', ['--root-owner-group', '--build', pkg, deb], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return deb;
}

function install(deb: string): void {
  const root = join(dir, 'root');
  const r = spawnSync('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-not-root', `--log=${join(dir, 'dpkg.log')}`, '-i', deb], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`dpkg -i failed: ${r.stderr}${r.stdout}`);
}

requiringSuite('the dpkg plan against the real dpkg', 'dpkg', requireDpkg, () => {
  it('dpkg -i of an upgrade: prerm, preinst, the swap, postrm, postinst, in the plan as in the real run', () => {
    for (const sub of ['root/var/lib/dpkg/updates', 'root/var/lib/dpkg/info', 'root/usr/sbin']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'root/var/lib/dpkg/status'), '');
    install(build('1'));
    writeFileSync(join(dir, 'scripts.log'), '');
    const v2 = build('2');
    install(v2);

    // The real order: the swap sits between the last script that saw the old inode and the first that saw the new one.
    const lines = readFileSync(join(dir, 'scripts.log'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const real: string[] = [];
    let inode: string | undefined;
    for (const l of lines) {
      const ino = l[l.length - 1];
      if (inode !== undefined && ino !== inode) real.push('swap');
      inode = ino;
      real.push(l[0] as string);
    }
    expect(lines.map((l) => l.slice(0, -1).join(' '))).toEqual(['prerm upgrade 2', 'preinst upgrade 1 2', 'postrm upgrade 2', 'postinst configure 1']);
    expect(real).toEqual(['prerm', 'preinst', 'swap', 'postrm', 'postinst']);

    // The plan from the same .deb, as `simulate --package-file` builds it.
    const spec = readPackageFile(v2);
    expect(spec.pattern).toBe('stop-start');
    const cfg = configFrom('set daemon 30\ncheck process testd with pidfile /run/testd.pid\n  start program = "/usr/bin/systemctl start testd"\n  stop program = "/usr/bin/systemctl stop testd"\ncheck file testd_bin with path /usr/sbin/testd\n  if failed checksum then alert\n');
    const distro = findDistro('debian');
    if (distro === undefined) throw new Error('no debian');
    const w = buildWorld(cfg, [spec], { manager: 'dpkg', distro, until: 0 });
    const planned = w.plan.events.flatMap((e) => {
      const label = e.label ?? '';
      if (e.do === 'replace' && 'path' in e && e.path === '/usr/sbin/testd') return ['swap'];
      const m = /: (?:old|new) (prerm|preinst|postrm|postinst)\b/.exec(label);
      return m !== null ? [m[1] as string] : [];
    });
    expect(planned).toEqual(real);
    // And the service operations sit in the scripts the real package has them in.
    expect(w.plan.events.find((e) => e.do === 'stop')?.label).toMatch(/new preinst upgrade stops testd/);
    expect(w.plan.events.find((e) => e.do === 'restart')?.label).toMatch(/new postinst configure restarts testd/);
  });
});
