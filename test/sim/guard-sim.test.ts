/**
 * `simulate --with-guard`: the guard helper run against the simulated daemon (src/sim/guard.ts),
 * its hooks where the emitters put them, and the failure paths of issue 6 (Safety). The agreement
 * with real transactions is test/guard/sim-vs-real.test.ts; these are the model's own rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Strategy } from '../../src/guard/types.js';
import { guardEffect } from '../../src/sim/guard.js';
import { DEFAULT_DISTRO, findDistro, findProfile } from '../../src/sim/packages/profiles.js';
import { buildWorld, specFromProfile, type World, type WorldOptions } from '../../src/sim/packages/world.js';
import { failureProblem, WATCHDOG_MS, type Manager, type PlanFailure } from '../../src/sim/plans/plan.js';
import { runPhase, sweep } from '../../src/sim/sweep.js';
import type { Timeline } from '../../src/sim/timeline.js';
import { repoRoot } from '../support/corpus.js';
import { configFrom, run } from './sim-support.js';

const MYSQL = readFileSync(join(repoRoot, 'samples', 'mysql.monitrc'), 'utf8');
const NO_HTTPD = MYSQL.replace(/^set httpd.*\n\s*allow.*\n/m, '');

function world(text: string, manager: Manager, o: Partial<Pick<WorldOptions, 'guard' | 'failure' | 'monitRunning'>> = {}): { w: World; cfg: ReturnType<typeof configFrom> } {
  const cfg = configFrom(text, 'mysql.monitrc');
  const distro = findDistro(DEFAULT_DISTRO[manager]);
  const profile = findProfile('mysql');
  if (distro === undefined || profile === undefined) throw new Error('no distro or profile');
  const spec = specFromProfile(profile, distro);
  if (spec === undefined) throw new Error('no family profile');
  return { w: buildWorld(cfg, [spec], { manager, distro, until: 0, ...o }), cfg };
}

const kinds = (cfg: ReturnType<typeof configFrom>, w: World): string[] => sweep(cfg, w).classes.map((c) => c.kind);
const guardLines = (t: Timeline): string[] => t.entries.filter((e) => e.source === 'guard').map((e) => e.kind);
const daemonEvents = (t: Timeline): Array<[string, number]> => t.entries.filter((e) => e.source === 'monit' && (e.kind === 'daemon-start' || e.kind === 'daemon-stop') && e.time >= 0).map((e) => [e.kind, e.time]);

describe('strategies', () => {
  it.each(['pause', 'targeted'] as Strategy[])('%s removes the unmonitoring of the mysql example under dnf and apt', (strategy) => {
    for (const m of ['dnf', 'apt'] as const) {
      const plain = world(MYSQL, m);
      const guarded = world(MYSQL, m, { guard: strategy });
      const before = sweep(plain.cfg, plain.w);
      const after = sweep(guarded.cfg, guarded.w);
      expect(after.classes.map((c) => c.kind)).toEqual(['clean']);
      const eff = guardEffect(strategy, before, after);
      expect(eff.removes.map((c) => c.kind)).toContain('unmonitored');
      expect(eff.remains).toEqual([]);
    }
  });

  it('targeted keeps Monit running: one unmonitor per affected service, applied at a pass the request wakes, then reload and monitor', () => {
    const { w, cfg } = world(MYSQL, 'dnf', { guard: 'targeted' });
    const t = runPhase(cfg, w, 12).timeline;
    expect(daemonEvents(t)).toEqual([]);
    const cli = t.entries.filter((e) => e.source === 'guard' && e.kind === 'cli').map((e) => e.detail.replace(/:.*/, ''));
    expect(cli).toEqual(['monit unmonitor mysqld', 'monit unmonitor mysql_bin', 'monit reload', 'monit monitor mysqld']);
    // The daemon applies each queued action in the pass the request starts (§1.3, §1.4 step 2).
    for (const name of ['mysqld', 'mysql_bin']) {
      const asked = t.entries.find((e) => e.source === 'guard' && e.detail.startsWith(`monit unmonitor ${name}`));
      const applied = t.entries.find((e) => e.source === 'monit' && e.service === name && e.kind === 'cli');
      expect(applied?.time).toBeGreaterThanOrEqual(asked?.time ?? Infinity);
      const pass = t.entries.filter((e) => e.kind === 'pass' && e.time <= (applied?.time ?? -1)).pop();
      expect(pass?.time).toBe(asked?.time);
    }
    // The monitor comes only after the reload re-took the checksum baseline (§5.3).
    const reload = t.entries.find((e) => e.source === 'monit' && e.kind === 'reload')?.time ?? Infinity;
    const firstSwap = t.entries.find((e) => e.kind === 'file-replaced')?.time ?? -Infinity;
    expect(reload).toBeGreaterThan(firstSwap);
    expect(t.services.find((s) => s.name === 'mysql_bin')?.monitor).not.toBe('not');
  });

  it('targeted without httpd is a failing outcome, not a pass: the helper falls back to stopping Monit', () => {
    const { w, cfg } = world(NO_HTTPD, 'apt', { guard: 'targeted' });
    const r = sweep(cfg, w);
    expect(r.harmful).toBe(true);
    const k = r.classes.find((c) => c.kind === 'guard-unusable');
    expect(k?.share).toBe(1);
    expect(k?.title).toMatch(/^guard cannot control Monit: the configuration has no 'set httpd'/);
    expect(guardLines(runPhase(cfg, w, 5).timeline)).toContain('guard-fallback');
    // The pause strategy needs no CLI: the same configuration is clean with it.
    const p = world(NO_HTTPD, 'apt', { guard: 'pause' });
    expect(kinds(p.cfg, p.w)).toEqual(['clean']);
  });

  it('httpd without an allow entry is no CLI either (Monit 5.33 does not start httpd then)', () => {
    const { w, cfg } = world(MYSQL.replace(/^\s*allow localhost\n/m, ''), 'dnf', { guard: 'targeted' });
    expect(sweep(cfg, w).classes.find((c) => c.kind === 'guard-unusable')?.title).toMatch(/no 'allow' entry/);
  });

  it('a Monit stopped before the transaction stays stopped (pause and targeted)', () => {
    for (const guard of ['pause', 'targeted'] as const) {
      const { w, cfg } = world(MYSQL, 'apt', { guard, monitRunning: false });
      const t = runPhase(cfg, w, 3).timeline;
      expect(t.entries.some((e) => e.source === 'monit' && e.kind === 'daemon-start')).toBe(false);
      const r = sweep(cfg, w);
      expect(r.classes.map((c) => [c.kind, c.harmful])).toEqual([['monit-stopped', false]]);
      expect(t.entries.filter((e) => e.kind === 'guard').map((e) => e.detail)).toEqual([
        'monit-pkg-guard pause: Monit is not running (or could not be stopped); nothing paused',
        'monit-pkg-guard resume: not paused by the guard; Monit is left as it is',
      ]);
    }
  });
});

describe('failure paths', () => {
  it('apt, a Pre-Install-Pkgs item after the guard fails (F9): no Post-Invoke; the watchdog resumes a second later', () => {
    for (const guard of ['pause', 'targeted'] as const) {
      const { w, cfg } = world(MYSQL, 'apt', { guard, failure: 'pre-hook' });
      expect(w.plan.diedAt).toBeDefined();
      expect(w.plan.events.some((e) => e.do === 'replace')).toBe(false);
      const resume = w.plan.events.filter((e) => e.do === 'guard' && e.op === 'resume');
      expect(resume.map((e) => [e.at, e.label])).toEqual([[(w.plan.diedAt ?? 0) + WATCHDOG_MS, expect.stringMatching(/watchdog/)]]);
      const t = runPhase(cfg, w, 7).timeline;
      expect(t.services.map((s) => [s.name, s.monitor])).toEqual(expect.arrayContaining([['mysqld', 'yes'], ['mysql_bin', 'yes']]));
      if (guard === 'pause') expect(daemonEvents(t).map(([k]) => k)).toEqual(['daemon-stop', 'daemon-start']);
      expect(kinds(cfg, w)).toEqual(['clean']);
    }
  });

  it('dnf, another plugin aborts in pre_transaction (F48): the guard plugin resumes from its atexit handler, at once', () => {
    const { w } = world(MYSQL, 'dnf', { guard: 'pause', failure: 'pre-hook' });
    const resume = w.plan.events.find((e) => e.do === 'guard' && e.op === 'resume');
    expect(resume?.at).toBe(w.plan.diedAt);
    expect(resume?.label).toMatch(/atexit/);
  });

  it('a failing postinst leaves the daemon stopped; the resumed Monit starts it from the new binary (as the real run does)', () => {
    const plain = world(MYSQL, 'dpkg', { failure: 'post-script' });
    expect(kinds(plain.cfg, plain.w)).toEqual(expect.arrayContaining(['down-after', 'unmonitored']));
    const { w, cfg } = world(MYSQL, 'dpkg', { guard: 'pause', failure: 'post-script' });
    expect(kinds(cfg, w)).toEqual(['clean']);
    const t = runPhase(cfg, w, 20).timeline;
    const resumed = t.entries.find((e) => e.kind === 'event:guard' && e.detail.includes('op=resume'))?.time ?? Infinity;
    const monitStart = t.entries.find((e) => e.source === 'monit' && e.service === 'mysqld' && e.kind === 'start');
    expect(monitStart?.time).toBeGreaterThanOrEqual(resumed);
  });

  it('a failing %pre keeps the old version: no swap, no restart, and the post hook still resumes (F29, F47)', () => {
    const { w, cfg } = world(MYSQL, 'dnf', { guard: 'targeted', failure: 'pre-script' });
    expect(w.plan.events.some((e) => e.do === 'replace' || e.do === 'try-restart')).toBe(false);
    expect(w.plan.diedAt).toBeUndefined();
    expect(kinds(cfg, w)).toEqual(['clean']);
  });

  it('a killed manager runs no post hook; the watchdog resumes, and the guard still removes the unmonitoring', () => {
    const { w, cfg } = world(MYSQL, 'dnf', { guard: 'pause', failure: 'killed' });
    expect(w.plan.events.some((e) => e.do === 'guard' && e.op === 'resume' && /watchdog/.test(e.label ?? ''))).toBe(true);
    expect(kinds(cfg, w)).not.toContain('unmonitored');
  });

  it.each([['zypper', 'pre-hook'], ['pacman', 'pre-hook'], ['apk', 'pre-script']] as Array<[Manager, PlanFailure]>)('%s --fail %s is refused: the spec records no such case', (m, f) => {
    expect(failureProblem(m, f)).toMatch(/^--fail /);
  });
});

describe('a guard event in a scenario', () => {
  it('runs the helper; the events after it wait until it returns', () => {
    const yaml = [
      'version: 1', 'until: 120',
      'files:', '  /usr/sbin/mysqld: { content: "v1", mode: "0755" }',
      'units:', '  mysqld: { exec: /usr/sbin/mysqld, pidfile: /var/run/mysqld/mysqld.pid, port: 3306, start_time: 2, stop_time: 0.5 }',
      'events:',
      '  - { at: 0, do: guard, op: pause, strategy: targeted }',
      '  - { at: 0, do: stop, unit: mysqld }',
      '  - { at: 5, do: replace, path: /usr/sbin/mysqld, content: "v2" }',
      '  - { at: 10, do: start, unit: mysqld }',
      '  - { at: 15, do: guard, op: resume, strategy: targeted }',
      '',
    ].join('\n');
    const t = run(MYSQL, yaml, 3);
    const done = t.entries.find((e) => e.kind === 'hook-done')?.time ?? Infinity;
    const stop = t.entries.find((e) => e.kind === 'event:stop')?.time ?? -1;
    expect(done).toBeGreaterThan(0);
    expect(stop).toBe(done);
    // Unmonitored before the stop, monitored again after the reload: Monit never acted on its own.
    expect(t.entries.filter((e) => e.source === 'monit' && ['failed', 'start', 'restart'].includes(e.kind))).toEqual([]);
    expect(t.services.filter((s) => s.type !== 'system').map((s) => [s.name, s.monitor])).toEqual([['mysql_bin', 'yes'], ['mysqld', 'yes']]);
  });
});
