/** What rules ask the model: package ownership, the dependency graph, host facts. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostPackageQuery } from '../../src/cli/lint.js';
import { DependencyGraph } from '../../src/lint/graph.js';
import { detectGuards } from '../../src/lint/host-facts.js';
import { PackageOwnership } from '../../src/lint/ownership.js';
import { isCI, warnLoudly } from '../support/monit.js';
import { lintString, memFs } from './support.js';

describe('package ownership (built-in model)', () => {
  it.each([
    ['/usr/sbin/mysqld', true],
    ['/usr/bin/../bin/x', true],
    ['/bin/sh', true],
    ['/lib64/ld-linux-x86-64.so.2', true],
    ['/etc/init.d/nginx', true],
    ['/etc/pam.d/sshd', true],
    ['/opt/vendor/bin/agent', true],
    ['/usr/local/bin/app', false],
    ['/etc/nginx/nginx.conf', false],
    ['/var/log/syslog', false],
    ['/opt/vendor/data/x', false],
    ['/home/u/bin/x', false],
  ])('%s owned: %s', (path, owned) => {
    expect(new PackageOwnership().ownerOf(path)).toMatchObject({ owned, source: 'model' });
  });

  it('names the package when the package database knows the path', () => {
    const o = new PackageOwnership((p) => (p === '/usr/bin/monit' ? { package: 'monit', source: 'dpkg' } : undefined));
    expect(o.ownerOf('/usr/bin/monit')).toEqual({ owned: true, package: 'monit', source: 'dpkg' });
    expect(o.describe('/usr/bin/monit')).toBe("owned by package 'monit'");
    expect(o.describe('/usr/bin/other')).toBe('a package-managed path');
  });

  it('asks the real dpkg on this machine (monit is installed as a package)', () => {
    const hasDpkg = spawnSync('sh', ['-c', 'command -v dpkg'], { encoding: 'utf8' }).status === 0;
    const owner = hasDpkg ? spawnSync('dpkg', ['-S', '/usr/bin/monit'], { encoding: 'utf8' }) : undefined;
    if (!owner || owner.status !== 0) {
      if (isCI()) throw new Error('dpkg with the monit package is required in CI');
      warnLoudly('no-dpkg-monit', ['dpkg or the monit package is missing: the dpkg -S test is SKIPPED.']);
      return;
    }
    const q = hostPackageQuery();
    expect(q?.('/usr/bin/monit')).toEqual({ package: 'monit', source: 'dpkg' });
    expect(q?.('/no/such/file')).toBeUndefined();
  });
});

describe('dependency graph', () => {
  const r = lintString(`set daemon 30
check process app with pidfile /run/app.pid
  depends on lib
check file lib with path /usr/lib/libapp.so
  depends on bin
check file bin with path /usr/bin/app
  if failed checksum then unmonitor
`);
  const g = new DependencyGraph(r.parsed.config.services);

  it('knows parents and children, case-insensitively', () => {
    const app = g.service('APP');
    expect(app?.name.value).toBe('app');
    expect(g.parentsOf(app!).map((s) => s.name.value)).toEqual(['lib']);
    expect(g.childrenOf(g.service('bin')!).map((s) => s.name.value)).toEqual(['lib']);
  });

  it('finds the chain to an ancestor, closest first', () => {
    const chains = g.ancestorChains(g.service('app')!, (s) => s.name.value === 'bin');
    expect(chains.map((c) => c.map((st) => `${st.from.name.value}->${st.to.name.value}`))).toEqual([['app->lib', 'lib->bin']]);
  });

  it('ML303 reports a transitive chain at the direct dependency', () => {
    const d = r.diagnostics.filter((x) => x.code === 'ML303');
    expect(d.map((x) => `${x.span.line}:${x.span.column}`)).toEqual(['3:14', '5:14']);
    expect(d[0]?.message).toContain('chain: app → lib → bin');
  });
});

describe('host facts', () => {
  it('finds package-manager guards by their hook locations', () => {
    const fs = memFs({ '/etc/apt/apt.conf.d/99zz-monit-pkg-guard': 'x', '/etc/apt/apt.conf.d/20auto-upgrades': 'x', '/etc/pacman.d/hooks/zz-monit-guard-pre.hook': 'x' });
    expect(detectGuards(fs)).toEqual(['/etc/apt/apt.conf.d/99zz-monit-pkg-guard', '/etc/pacman.d/hooks/zz-monit-guard-pre.hook']);
    expect(detectGuards(memFs({ '/etc/apt/apt.conf.d/20auto-upgrades': 'x' }))).toEqual([]);
  });

  it('ML304 is advice once per file without --host, a warning per start with no guard, silent with one', () => {
    const text = `set daemon 30
check process a with pidfile /a
  start program = "/bin/systemctl start a"
check process b with pidfile /b
  start program = "/usr/sbin/service b start"
`;
    const advice = lintString(text).diagnostics.filter((d) => d.code === 'ML304');
    expect(advice.map((d) => `${d.span.line} ${d.severity}`)).toEqual(['3 info']);
    const none = lintString(text, { host: { guards: [], modeOf: () => undefined } }).diagnostics.filter((d) => d.code === 'ML304');
    expect(none.map((d) => `${d.span.line} ${d.severity}`)).toEqual(['3 warning', '5 warning']);
    const guarded = lintString(text, { host: { guards: ['/etc/apt/apt.conf.d/99zz-monit-pkg-guard'], modeOf: () => undefined } });
    expect(guarded.diagnostics.filter((d) => d.code === 'ML304')).toEqual([]);
  });
});

describe('service-manager detection', () => {
  it.each([
    ['/bin/systemctl start a', true],
    ['/usr/sbin/service a start', true],
    ['/etc/init.d/a start', true],
    ['/usr/sbin/invoke-rc.d a start', true],
    ['/bin/sudo /bin/systemctl restart a', true],
    ['/bin/sh -c "cd /srv && systemctl start a"', true],
    ['/usr/sbin/nginx', false],
    ['/bin/sh -c "/usr/local/bin/app --daemon"', false],
  ])('%s → %s', (cmd, expected) => {
    const r = lintString(`set daemon 30\ncheck process a with pidfile /a\n  start program = "${cmd.replace(/"/g, "'")}"\n`);
    expect(r.diagnostics.some((d) => d.code === 'ML304')).toBe(expected);
  });
});
