/**
 * Issue 5: transaction plans, package profiles and the phase sweep, on the configuration of the
 * project description (samples/mysql.monitrc). Each manager case asserts the outcome classes
 * that package-managers.md's facts imply, and the plan order behind them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTRO, findDistro, findProfile, PROFILES, FAMILIES, DISTROS } from '../../src/sim/packages/profiles.js';
import { buildWorld, specFromProfile, type World } from '../../src/sim/packages/world.js';
import type { Strategy } from '../../src/guard/types.js';
import type { Manager } from '../../src/sim/plans/plan.js';
import { runPhase, sweep, type SweepResult } from '../../src/sim/sweep.js';
import type { Timeline } from '../../src/sim/timeline.js';
import { repoRoot } from '../support/corpus.js';
import { configFrom } from './sim-support.js';

const MYSQL = readFileSync(join(repoRoot, 'samples', 'mysql.monitrc'), 'utf8');

function world(configText: string, pkg: string, manager: Manager, distroId?: string, guard?: Strategy): { w: World; cfg: ReturnType<typeof configFrom> } {
  const cfg = configFrom(configText, 'mysql.monitrc');
  const distro = findDistro(distroId ?? DEFAULT_DISTRO[manager]);
  if (distro === undefined) throw new Error('no distro');
  const profile = findProfile(pkg);
  if (profile === undefined) throw new Error('no profile');
  const spec = specFromProfile(profile, distro);
  if (spec === undefined) throw new Error('no family profile');
  return { w: buildWorld(cfg, [spec], { manager, distro, until: 0, ...(guard !== undefined ? { guard } : {}) }), cfg };
}

function kinds(r: SweepResult): string[] {
  return r.classes.map((c) => c.kind);
}

function cls(r: SweepResult, kind: string): SweepResult['classes'][number] {
  const c = r.classes.find((x) => x.kind === kind);
  if (c === undefined) throw new Error(`no class ${kind} in ${kinds(r).join(', ')}`);
  return c;
}

/** Time of the first host entry whose detail matches. */
function at(t: Timeline, re: RegExp): number {
  const e = t.entries.find((x) => x.source === 'host' && re.test(x.detail));
  if (e === undefined) throw new Error(`no entry ${String(re)}`);
  return e.time;
}

describe('the mysql example under the four required managers', () => {
  it('dnf (EL9): the restart is deferred to the end; both services end unmonitored at every phase, and a later crash is not restarted', () => {
    const { w, cfg } = world(MYSQL, 'mysql', 'dnf');
    const r = sweep(cfg, w);
    expect(r.total).toBe(300);
    expect(kinds(r)).toEqual(['unmonitored']);
    const u = cls(r, 'unmonitored');
    expect(u.share).toBe(1);
    expect(u.ranges).toEqual([[0, 29.9]]);
    expect(u.title).toBe('mysql_bin and mysqld end unmonitored; a crash after the upgrade is not restarted');
    expect(u.causes.map((c) => `${c.line}:${c.column ?? ''}`)).toEqual(expect.arrayContaining(['14:16', '18:5', '18:29']));
    expect(r.harmful).toBe(true);
    // Pattern C: try-restart after every %posttrans, in systemd's file trigger (F33, F34).
    const t = runPhase(cfg, w, 7).timeline;
    expect(at(t, /%transfiletriggerin.*reload-or-restart --marked/)).toBeGreaterThan(at(t, /%posttrans/));
    expect(at(t, /%postun \(old.*marks mysqld needs-restart/)).toBeLessThan(at(t, /%posttrans/));
  });

  it('yum (EL7): try-restart in the old %postun, before %posttrans; the same outcome', () => {
    const { w, cfg } = world(MYSQL, 'mysql', 'yum');
    const r = sweep(cfg, w);
    expect(kinds(r)).toEqual(['unmonitored']);
    expect(cls(r, 'unmonitored').share).toBe(1);
    const t = runPhase(cfg, w, 7).timeline;
    const restart = at(t, /%postun \(old, \$1=1\): systemctl try-restart mysqld/);
    expect(restart).toBeGreaterThan(at(t, /rpm renames the new files/));
    expect(restart).toBeLessThan(at(t, /%posttrans/));
    expect(at(t, /yum: posttrans_hook/)).toBeGreaterThan(restart);
  });

  it('apt (Debian mariadb): the preinst stops the server before unpack; a pass in the gap starts the old binary, then the postinst restarts it', () => {
    const { w, cfg } = world(MYSQL, 'mysql', 'apt');
    const r = sweep(cfg, w);
    expect(kinds(r)).toEqual(['monit-start-during', 'double-start', 'unmonitored']);
    const during = cls(r, 'monit-start-during');
    expect(during.title).toBe('Monit starts mysqld during the transaction, from the old binary');
    expect(during.share).toBeGreaterThan(0);
    expect(during.share).toBeLessThan(0.05);
    expect(cls(r, 'double-start').phases).toBe(during.phases);
    expect(cls(r, 'unmonitored').share).toBe(1);
    // The window is the gap between the end of the preinst's stop and the swap of -core (F23).
    const t = runPhase(cfg, w, during.representative).timeline;
    const stopped = t.entries.find((e) => e.kind === 'process-exit')?.time ?? NaN;
    const swapped = at(t, /dpkg renames the new files/);
    for (const [a, b] of during.ranges) {
      expect(a).toBeGreaterThanOrEqual(stopped);
      expect(b).toBeLessThan(swapped);
    }
    expect(at(t, /new preinst upgrade stops mysqld/)).toBeLessThan(swapped);
    expect(at(t, /new postinst configure restarts mysqld/)).toBeGreaterThan(swapped);
    // The conffile the admin edited is kept; the new one is left as .dpkg-dist.
    expect(t.entries.some((e) => e.kind === 'event:write' && e.detail.includes('50-server.cnf.dpkg-dist'))).toBe(true);
  });

  it('pacman: unlink then write, no restart: the old binary keeps running and both services end unmonitored', () => {
    const { w, cfg } = world(MYSQL, 'mysql', 'pacman');
    const r = sweep(cfg, w);
    expect(kinds(r)).toEqual(['monit-start-during', 'old-binary', 'down-after', 'unmonitored']);
    expect(cls(r, 'old-binary').share).toBe(1);
    // A pass in the 3 ms between unlink() and the new file (F3) finds no binary: its implicit
    // restart stops mysqld, which stays down (monit-semantics.md §11, consequence 3). The grid
    // misses so narrow a window; the phase 1 ms after the unlink finds it.
    for (const k of ['monit-start-during', 'down-after']) expect([cls(r, k).phases, cls(r, k).between]).toEqual([0, [0.108]]);
    expect(cls(r, 'monit-start-during').title).toBe('Monit stops mysqld during the transaction');
    expect(cls(r, 'monit-start-during').causes.map((c) => c.what)).toContain("file doesn't exist (mysql_bin)");
    expect(cls(r, 'unmonitored').share).toBe(1);
    const t = runPhase(cfg, w, 3).timeline;
    expect(t.entries.some((e) => e.kind === 'event:replace' && e.detail.includes('/usr/sbin/mysqld'))).toBe(false);
    expect(at(t, /unlink\(\)/)).toBeLessThan(at(t, /partial write/));
    expect(t.entries.some((e) => /restart|start/.test(e.kind) && e.kind.startsWith('event:'))).toBe(false);
    expect(t.entries.some((e) => e.detail.includes('.pacnew'))).toBe(true);
  });
});

describe('the fix the report names: the guard in the manager\'s hooks (package-managers.md §3)', () => {
  it.each(['dnf', 'yum', 'apt'] as const)('%s: with Monit paused for the transaction, every phase is clean and a later crash is restarted', (m) => {
    const { w, cfg } = world(MYSQL, 'mysql', m, undefined, 'pause');
    const r = sweep(cfg, w);
    expect(r.classes.map((c) => [c.kind, c.share])).toEqual([['clean', 1]]);
    const t = runPhase(cfg, w, 12).timeline;
    // The helper stops Monit at the pause hook and starts it again at the resume hook.
    const seq = t.entries.filter((e) => e.kind === 'event:guard' || e.kind === 'daemon-stop' || (e.kind === 'daemon-start' && e.time >= 0)).map((e) => e.kind);
    expect(seq).toEqual(['event:guard', 'daemon-stop', 'event:guard', 'daemon-start']);
  });

  it('pacman: the guard cannot restart the daemon: only the old binary remains', () => {
    const { w, cfg } = world(MYSQL, 'mysql', 'pacman', undefined, 'pause');
    expect(kinds(sweep(cfg, w))).toEqual(['old-binary']);
  });
});

describe('what the sweep tells apart', () => {
  it('alert-only checksum while mysqld depends on the file: Monit skips mysqld, so a crash is not restarted', () => {
    const { w, cfg } = world(MYSQL.replace(/then unmonitor/g, 'then alert'), 'mysql', 'dnf');
    const r = sweep(cfg, w, { step: 1 });
    expect(kinds(r)).toEqual(['crash-not-restarted']);
    expect(cls(r, 'crash-not-restarted').causes.map((c) => c.line)).toEqual([14]);
  });

  it('without the file check, a deferred restart is harmless: Monit at most runs a start that joins the restart', () => {
    const text = MYSQL.split('\n').filter((l) => !/checksum|depends on/.test(l)).join('\n');
    const { w, cfg } = world(text, 'mysql', 'dnf');
    const r = sweep(cfg, w);
    expect(r.harmful).toBe(false);
    expect(kinds(r)).toEqual(['monit-start-noop', 'clean']);
    expect(cls(r, 'clean').share).toBe(1);
  });

  it('nginx on Fedora-family (pattern D): the master pid changes in place, the new binary runs, no downtime finding', () => {
    const text = 'set daemon 30\ncheck process nginx with pidfile /run/nginx.pid\n  start program = "/usr/bin/systemctl start nginx"\n  stop program = "/usr/bin/systemctl stop nginx"\n  if failed port 80 then restart\n';
    const { w, cfg } = world(text, 'nginx', 'dnf');
    const r = sweep(cfg, w, { step: 1 });
    expect(kinds(r)).toEqual(['clean']);
    const t = runPhase(cfg, w, 10).timeline;
    expect(t.entries.some((e) => e.kind === 'unit-reexec')).toBe(true);
    expect(t.entries.some((e) => e.source === 'monit' && e.kind === 'failed' && e.time >= 0 && e.time < 60)).toBe(false);
  });

  it('a package the config does not watch is clean, and says so', () => {
    const { w, cfg } = world(MYSQL, 'nginx', 'apt');
    expect(w.matches[0]?.processes).toEqual([]);
    const r = sweep(cfg, w, { step: 5 });
    expect(r.classes.map((c) => [c.kind, c.title, c.share])).toEqual([['clean', 'clean: nothing this config watches is touched', 1]]);
    expect(r.harmful).toBe(false);
  });

  it('every profile builds and sweeps on every family and manager it names', () => {
    for (const p of PROFILES) {
      for (const d of DISTROS) {
        const spec = specFromProfile(p, d);
        expect(spec, `${p.id} on ${d.id}`).toBeDefined();
        if (spec === undefined) continue;
        const cfg = configFrom(`set daemon 30\ncheck process d with pidfile ${spec.daemon?.pidfiles[0] ?? '/run/x.pid'}\n  start program = "/usr/bin/systemctl start ${spec.daemon?.units[0] ?? 'x'}"\n  stop program = "/usr/bin/systemctl stop ${spec.daemon?.units[0] ?? 'x'}"\n`);
        const w = buildWorld(cfg, [spec], { manager: d.manager, distro: d, until: 0 });
        expect(w.matches[0]?.processes.length, `${p.id} on ${d.id}`).toBe(1);
        const r = sweep(cfg, w, { step: 10 });
        expect(r.total).toBe(3);
      }
    }
    expect(FAMILIES.every((f) => PROFILES.every((p) => p.families[f] !== undefined))).toBe(true);
  });
});

describe('plan order with two packages in one transaction', () => {
  const TWO = `${MYSQL}\ncheck process nginx with pidfile /run/nginx.pid\n  start program = "/usr/bin/systemctl start nginx"\n  stop program = "/usr/bin/systemctl stop nginx"\n`;

  function plan(manager: Manager, distroId?: string): string[] {
    const cfg = configFrom(TWO, 'mysql.monitrc');
    const distro = findDistro(distroId ?? DEFAULT_DISTRO[manager]);
    if (distro === undefined) throw new Error('no distro');
    const specs = ['mysql', 'nginx'].map((p) => {
      const prof = findProfile(p);
      const s = prof !== undefined ? specFromProfile(prof, distro) : undefined;
      if (s === undefined) throw new Error(p);
      return s;
    });
    const w = buildWorld(cfg, specs, { manager, distro, until: 0 });
    return w.plan.events.map((e) => `${e.do} ${e.label ?? ''}`);
  }
  const idx = (steps: string[], re: RegExp): number => {
    const i = steps.findIndex((s) => re.test(s));
    if (i < 0) throw new Error(`no step ${String(re)} in\n${steps.join('\n')}`);
    return i;
  };
  const last = (steps: string[], re: RegExp): number => steps.length - 1 - [...steps].reverse().findIndex((s) => re.test(s));

  it('rpm under dnf (EL8): every %pre/%post before any old %preun/%postun (F28), %posttrans after both', () => {
    const s = plan('dnf', 'el8');
    expect(last(s, /%post \(new/)).toBeLessThan(idx(s, /%preun \(old/));
    expect(idx(s, /try-restart mysql-server: %postun.*try-restart mysqld/)).toBeGreaterThan(last(s, /%post \(new/));
    expect(idx(s, /reexec nginx: %postun.*nginx-upgrade/)).toBeLessThan(idx(s, /%posttrans/));
    expect(s[s.length - 1]).toMatch(/dnf: transaction/);
  });

  it('apt: both packages unpacked before any postinst (F19)', () => {
    const s = plan('apt');
    expect(last(s, /replace .*dpkg renames/)).toBeLessThan(idx(s, /new postinst configure/));
    expect(idx(s, /stop mariadb-server: new preinst upgrade stops mysqld/)).toBeLessThan(idx(s, /replace mariadb-server-core/));
    expect(idx(s, /reexec nginx: new postinst configure: invoke-rc.d nginx upgrade/)).toBeGreaterThan(idx(s, /dpkg --configure --pending/));
  });

  it('zypper classic: each package in its own rpm run, %postun before the next package; %posttrans, COMMITEND, PLUGINEND last (F66–F68)', () => {
    const s = plan('zypper');
    expect(idx(s, /mariadb: %postun/)).toBeLessThan(idx(s, /nginx: rpm -U --noposttrans/));
    expect(idx(s, /%posttrans, run by libzypp/)).toBeGreaterThan(last(s, /%postun/));
    expect(s.slice(-2)).toEqual(['note zypper: commit plugins get COMMITEND', 'note zypper: commit plugins get PLUGINEND (also after an aborted commit, F65)']);
  });

  it('apk: rename swap, no restart, post-commit last; dnf5: the actions plugin frames the rpm run', () => {
    const a = plan('apk');
    expect(a.some((x) => /^(restart|try-restart|stop|start|reexec) /.test(x))).toBe(false);
    expect(a[a.length - 1]).toMatch(/apk: post-commit/);
    expect(idx(a, /replace .*apk renames/)).toBeLessThan(idx(a, /post-upgrade/));
    const d = plan('dnf5');
    expect(d[0]).toMatch(/dnf5: pre_transaction actions/);
    expect(d[d.length - 1]).toMatch(/dnf5: post_transaction actions/);
    expect(idx(d, /try-restart systemd: %transfiletriggerin/)).toBeGreaterThan(last(d, /%posttrans/));
  });
});
