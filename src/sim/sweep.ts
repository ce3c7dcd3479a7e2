/**
 * The phase sweep (issue 5): Monit's cycle phase relative to a package transaction is unknown,
 * so the transaction is simulated at every phase offset across one poll cycle, each run is
 * classified, and the runs are grouped into outcome classes with their share of phases, their
 * phase ranges, the config lines behind them and the fix.
 *
 * Every run goes on past the transaction and then crashes the daemon: whether Monit restarts it
 * is observed, not inferred ("a crash after the upgrade is not restarted").
 */
import type { Config } from '../config/model.js';
import { cliControlProblem } from '../guard/affected.js';
import type { Manager } from './plans/plan.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import { MONITOR } from './monit.js';
import type { Timeline, TimelineEntry } from './timeline.js';
import type { World } from './packages/world.js';

export const SWEEP_SCHEMA = 'monitlint-sweep/1';

/** Outcome kinds, most harmful first (the order of the report). */
export const OUTCOMES = ['guard-unusable', 'monit-start-during', 'double-start', 'restart-limit', 'old-binary', 'down-after', 'unmonitored', 'crash-not-restarted', 'monit-stopped', 'monit-start-noop', 'clean'] as const;
export type OutcomeKind = (typeof OUTCOMES)[number];

/** A config location behind an outcome. */
export interface Cause {
  file: string;
  line: number;
  column?: number;
  service?: string;
  what: string;
}

/** One outcome of one run. */
export interface Finding {
  kind: OutcomeKind;
  services: string[];
  title: string;
  causes: Cause[];
}

/** A group of phases that share an outcome. A phase can be in several classes. */
export interface OutcomeClass {
  kind: OutcomeKind;
  title: string;
  harmful: boolean;
  /** Number of phases in this class, and their share of all phases (0–1). */
  phases: number;
  share: number;
  /** Inclusive phase ranges, seconds. */
  ranges: Array<[number, number]>;
  causes: Cause[];
  fix: string;
  /** The phase whose timeline the report shows. */
  representative: number;
  /**
   * Only for a class no phase of the grid showed: the phases between the steps (1 ms after a
   * host event) where it occurs. Such a window is narrower than the step; its share is 0.
   */
  between?: number[];
}

export interface SweepResult {
  schema: typeof SWEEP_SCHEMA;
  config: string;
  transaction: string;
  manager: Manager;
  distro: string;
  pollSeconds: number;
  step: number;
  /** Seconds from t = 0: end of the transaction, and the injected crash. */
  transactionEnd: number;
  crashAt: number;
  total: number;
  /** Phases run between the steps, 1 ms after a host event (see {@link eventPhases}); not counted in shares. */
  between: number;
  harmful: boolean;
  classes: OutcomeClass[];
}

export interface SweepOptions {
  /** Seconds between phases (default 0.1). */
  step?: number;
  /** Simulate only these phases (e.g. `--phase 2`). */
  phases?: number[];
  /** Called after each run (the CLI's progress indicator). */
  onProgress?: (done: number, total: number) => void;
}

/** The poll interval of a config, seconds (Monit's default 120 when `set daemon` is missing). */
export function pollOf(config: Config): number {
  return config.settings.daemon?.interval.value ?? 120;
}

/** When the crash is injected after the transaction, and how long the run goes on after it (ms). */
export function crashTimes(config: Config, end: number): { crashAt: number; after: number } {
  const poll = pollOf(config) * 1000;
  return { crashAt: end + 3 * poll, after: 3 * poll + 10_000 };
}

interface Probe {
  monitor: Map<string, 'not' | 'yes' | 'init'>;
  /** Per unit: running? and running the file now on disk? */
  units: Map<string, { running: boolean; current: boolean }>;
}

/** One run at one phase: the timeline and its findings. */
export function runPhase(config: Config, world: World, phase: number): { timeline: Timeline; findings: Finding[] } {
  const { crashAt, after } = crashTimes(config, world.end);
  const daemonUnits = world.matches.flatMap((m) => (m.unit !== undefined && m.processes.length > 0 ? [m.unit] : []));
  const scenario: Scenario = {
    ...world.scenario,
    until: crashAt + after,
    events: [...world.scenario.events, ...daemonUnits.map((u) => ({ at: crashAt, line: 0, source: 'host' as const, do: 'kill' as const, unit: u, zombie: false, label: 'after the upgrade the daemon crashes' }))],
  };
  const probe: Probe = { monitor: new Map(), units: new Map() };
  const timeline = simulate(config, scenario, {
    phase,
    probes: [{
      at: crashAt - 1,
      run: (host, daemon) => {
        for (const s of daemon.services) probe.monitor.set(s.name, s.monitor === MONITOR.not ? 'not' : s.monitor === MONITOR.yes ? 'yes' : 'init');
        for (const u of daemonUnits) {
          const pid = host.unitPid(u);
          const p = pid !== undefined ? host.processes.get(pid) : undefined;
          const exec = host.units.get(u)?.exec;
          probe.units.set(u, { running: p !== undefined, current: p !== undefined && exec !== undefined && host.stat(exec)?.ino === p.exeIno });
        }
      },
    }],
  });
  return { timeline, findings: classify(config, world, timeline, probe, crashAt) };
}

function cause(e: TimelineEntry, text: string): Cause[] {
  if (e.file === undefined || e.line === undefined) return [];
  // Checksums differ from phase to phase (a partial file under pacman): one cause, not one per value.
  const what = text.replace(/expected [0-9a-f]{32,} got [0-9a-f]{32,}/, 'the file is not the one Monit took as its baseline');
  return [{ file: e.file, line: e.line, ...(e.column !== undefined ? { column: e.column } : {}), ...(e.service !== undefined ? { service: e.service } : {}), what }];
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
}

/** ms the guard's hooks held the package manager back (src/sim/simulate.ts moves the rest of the plan by it). */
function hookDelay(t: Timeline): number {
  const starts = t.entries.filter((e) => e.kind === 'event:guard').map((e) => e.time);
  const ends = t.entries.filter((e) => e.source === 'guard' && e.kind === 'hook-done').map((e) => e.time);
  return Math.round(ends.reduce((sum, e, i) => sum + (e - (starts[i] ?? e)), 0) * 1000);
}

/** The guard's helper could not use Monit's CLI and fell back (src/sim/guard.ts, helper.ts targeted_unmonitor). */
function guardUnusable(config: Config, t: Timeline): Finding | undefined {
  const fallback = t.entries.find((e) => e.source === 'guard' && e.kind === 'guard-fallback');
  if (fallback === undefined) return undefined;
  const httpd = config.settings.httpd;
  const why = cliControlProblem(httpd) ?? 'the monit CLI did not answer';
  const where = httpd?.spans[0];
  return {
    kind: 'guard-unusable', services: [],
    causes: where !== undefined ? [{ file: where.file, line: where.line, column: where.column, what: `set httpd: ${why}` }] : [],
    title: `guard cannot control Monit: ${why}; the targeted strategy cannot unmonitor anything here, so its helper stops Monit for the whole transaction instead (nothing is supervised meanwhile), and \`monitlint guard --strategy targeted\` refuses this configuration`,
  };
}

function classify(config: Config, world: World, t: Timeline, probe: Probe, crashAt: number): Finding[] {
  const out: Finding[] = [];
  const unusable = guardUnusable(config, t);
  if (unusable !== undefined) out.push(unusable);
  // The transaction ends where the guard gives Monit back (its resume hook, or the watchdog's
  // resume after a manager that died), else later by the time the guard's hooks took.
  const resume = t.entries.filter((e) => e.kind === 'event:guard' && /\bop=resume\b/.test(e.detail)).pop();
  const end = resume !== undefined ? resume.time : (world.end + hookDelay(t)) / 1000;
  const swap = (world.plan.firstSwap ?? world.end) / 1000;
  const procs = new Set(world.matches.flatMap((m) => m.processes.map((p) => p.service)));
  const unitOf = new Map(world.matches.flatMap((m) => m.processes.map((p) => [p.service, m.unit] as const)));
  const monit = t.entries.filter((e) => e.source === 'monit');
  // The failing test behind an action: posted in the same pass, just before the action.
  // (A cascaded action — a parent's restart stops its dependants — has its parent's failure.)
  const failedBefore = (e: TimelineEntry): TimelineEntry | undefined => {
    const same = monit.filter((f) => f.kind === 'failed' && Math.abs(f.time - e.time) < 1e-6);
    return same.reverse().find((f) => f.service === e.service) ?? (e.kind === 'stop' || e.kind === 'start' ? same[0] : undefined);
  };

  // Monit starts (or stops and starts) the daemon while the package manager is at work.
  const during = monit.filter((e) => e.service !== undefined && procs.has(e.service) && (e.kind === 'start' || e.kind === 'restart' || e.kind === 'stop') && e.time >= 0 && (resume !== undefined ? e.time < end : e.time <= end));
  // A start program that finds the unit already starting does nothing (systemctl start joins the job).
  const noop = (e: TimelineEntry): boolean => e.kind === 'start' && t.entries.some((h) => h.source === 'host' && h.kind === 'unit-start-noop' && Math.abs(h.time - e.time) < 1e-6 && h.service === unitOf.get(e.service ?? ''));
  const harmless = during.filter((e) => e.kind !== 'stop' && (e.kind === 'restart' ? during.some((x) => x.service === e.service && x.kind === 'start' && x.time === e.time && noop(x)) : noop(e)));
  if (harmless.length > 0 && harmless.length === during.length) {
    const svcs = [...new Set(harmless.map((e) => e.service as string))];
    out.push({
      kind: 'monit-start-noop', services: svcs, causes: harmless.flatMap((e) => { const f = failedBefore(e); return [...(f ? cause(f, `${f.detail} (${f.service ?? ''})`) : []), ...cause(e, `${e.kind}: ${e.detail}`)]; }),
      title: `Monit runs the start program of ${list(svcs)} while the package restarts it; the unit is already starting, so it does nothing (an alert, one restart counted)`,
    });
  } else if (during.length > 0) {
    const svcs = [...new Set(during.map((e) => e.service as string))];
    const starts = during.filter((e) => e.kind === 'start');
    const old = starts.some((e) => e.time < swap);
    const causes = during.flatMap((e) => {
      const f = failedBefore(e);
      return [...(f ? cause(f, `${f.detail} (${f.service ?? ''})`) : []), ...cause(e, `${e.kind}: ${e.detail}`)];
    });
    out.push({
      kind: 'monit-start-during', services: svcs, causes,
      title: `Monit ${starts.length > 0 ? 'starts' : 'stops'} ${list(svcs)} during the transaction${old ? ', from the old binary' : ''}`,
    });
    // The package starts it as well: two starts of one daemon in one transaction.
    const units = new Set(svcs.map((s) => unitOf.get(s)));
    const pkgStarts = t.entries.filter((e) => e.source === 'host' && (e.kind === 'unit-start' || e.kind === 'unit-reexec') && units.has(e.service) && !e.detail.includes('run by monit') && e.time >= Math.min(...starts.map((s) => s.time)) && e.time <= end);
    if (starts.length > 0 && pkgStarts.length > 0) {
      out.push({ kind: 'double-start', services: svcs, causes, title: `${list(svcs)} ${svcs.length > 1 ? 'are' : 'is'} started twice: by Monit, then again by the package's scripts` });
    }
  }
  const clash = t.entries.find((e) => e.source === 'host' && e.kind === 'process-exit' && e.detail.includes('cannot bind') && e.time >= 0 && e.time <= crashAt / 1000);
  if (clash !== undefined && !out.some((f) => f.kind === 'double-start')) {
    out.push({ kind: 'double-start', services: clash.service !== undefined ? [clash.service] : [], causes: [], title: `a second ${clash.service ?? 'daemon'} is started while one runs (${clash.detail})` });
  }

  const limit = monit.filter((e) => e.kind === 'restart-limit' && e.time >= 0 && e.time < crashAt / 1000);
  if (limit.length > 0) {
    const svcs = [...new Set(limit.map((e) => e.service as string))];
    out.push({ kind: 'restart-limit', services: svcs, causes: limit.flatMap((e) => cause(e, e.detail)), title: `the restart limit stops monitoring ${list(svcs)}` });
  }

  for (const [svc, unit] of unitOf) {
    const u = unit !== undefined ? probe.units.get(unit) : undefined;
    if (u === undefined) continue;
    const s = config.services.find((x) => x.name.value === svc);
    const where: Cause[] = s !== undefined ? [{ file: s.keywordSpan.file, line: s.keywordSpan.line, column: s.keywordSpan.column, service: svc, what: `check process ${svc}` }] : [];
    if (u.running && !u.current) out.push({ kind: 'old-binary', services: [svc], causes: where, title: `the old binary of ${svc} keeps running after the upgrade` });
    if (!u.running) out.push({ kind: 'down-after', services: [svc], causes: where, title: `${svc} is not running when the transaction is over` });
  }

  const before = new Set(t.entries.filter((e) => e.source === 'monit' && e.kind === 'unmonitor' && e.time < 0).map((e) => e.service));
  const unmonitored = [...probe.monitor].filter(([n, m]) => m === 'not' && !before.has(n)).map(([n]) => n);
  const restarted = monit.some((e) => e.service !== undefined && procs.has(e.service) && (e.kind === 'start' || e.kind === 'restart') && e.time >= crashAt / 1000);
  const crashed = procs.size > 0;
  if (unmonitored.length > 0) {
    const unm = monit.filter((e) => e.kind === 'unmonitor' && e.time >= 0 && e.time < crashAt / 1000);
    const causes: Cause[] = [];
    for (const e of unm) {
      const f = failedBefore(e);
      if (f) causes.push(...cause(f, `${f.detail} (${f.service ?? ''})`));
      causes.push(...cause(e, `unmonitor (${e.service ?? ''})`));
    }
    for (const n of unmonitored) {
      const s = config.services.find((x) => x.name.value === n);
      for (const d of s?.dependsOn ?? []) causes.push({ file: d.span.file, line: d.span.line, column: d.span.column, service: n, what: `depends on ${d.value}: ${n} is unmonitored with it` });
    }
    out.push({
      kind: 'unmonitored', services: unmonitored, causes,
      title: `${list(unmonitored)} end unmonitored${crashed && !restarted ? '; a crash after the upgrade is not restarted' : ''}`,
    });
  } else if (crashed && !restarted && !t.entries.some((e) => e.source === 'monit' && e.kind === 'daemon-start')) {
    // Monit was stopped before the transaction (--monit-stopped) and nothing started it: the
    // admin's choice, which a guard must respect (issue 6), not something the upgrade did.
    out.push({ kind: 'monit-stopped', services: [...procs], causes: [], title: `Monit was stopped before the transaction and stays stopped: a crash of ${list([...procs])} after the upgrade is not restarted` });
  } else if (crashed && !restarted) {
    const skipped = monit.filter((e) => e.kind === 'skip' && e.service !== undefined && procs.has(e.service) && e.time >= crashAt / 1000);
    const causes: Cause[] = [];
    for (const n of procs) {
      const s = config.services.find((x) => x.name.value === n);
      for (const d of s?.dependsOn ?? []) causes.push({ file: d.span.file, line: d.span.line, column: d.span.column, service: n, what: `depends on ${d.value}: Monit skips ${n} while ${d.value} has a failed test` });
    }
    out.push({ kind: 'crash-not-restarted', services: [...procs], causes: skipped.length > 0 ? causes : [], title: `a crash of ${list([...procs])} after the upgrade is not restarted` });
  }
  if (out.every((f) => f.kind === 'monit-start-noop')) out.push({ kind: 'clean', services: [], causes: [], title: crashed ? 'clean: Monit keeps watching and restarts a crash after the upgrade' : (world.matches.some((m) => m.files.length > 0) ? 'clean: the watched files change, and Monit does not mind' : 'clean: nothing this config watches is touched') });
  return dedupe(out);
}

function dedupe(fs: Finding[]): Finding[] {
  for (const f of fs) {
    const seen = new Set<string>();
    f.causes = f.causes.filter((c) => {
      const k = `${c.file}:${c.line}:${c.column ?? ''}:${c.what}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    }).sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  }
  return fs;
}

/** The fix for an outcome (a linter rule, a config change, or `monitlint guard`). */
export function fixFor(kind: OutcomeKind, manager: Manager): string {
  const guard = `monitlint guard --manager ${manager === 'dpkg' ? 'apt' : manager} --install`;
  switch (kind) {
    case 'guard-unusable':
      return "give Monit's CLI a way in: `set httpd unixsocket /run/monit.sock` with `allow USER:PASSWORD` (or a port on 127.0.0.1 with an allow entry), or use the pause strategy (`--with-guard pause`, `monitlint guard --strategy pause`)";
    case 'monit-start-during':
      return `pause Monit for the transaction with \`${guard}\` (lint: ML304 service-manager-start)`;
    case 'double-start':
      return `\`${guard}\`, so that only the package's scripts start the daemon during the transaction (lint: ML304)`;
    case 'restart-limit':
      return `\`${guard}\`, or a restart limit that an upgrade cannot reach (lint: ML305 restart-limit-transaction)`;
    case 'old-binary':
      return manager === 'pacman' || manager === 'apk'
        ? 'restart the daemon after the upgrade: this manager never does (package-managers.md F78, F82); Monit cannot see it'
        : `\`${guard}\`, so that Monit does not start the old binary while the package is replaced`;
    case 'down-after':
      return `\`${guard}\` (a guard resumes Monit after the transaction, and Monit starts what is down)`;
    case 'unmonitored':
      return `\`${guard}\`: Monit is paused for the transaction and re-takes the checksum baseline when it resumes (lint: ML301 checksum-race, ML302 metadata-race, ML303 depends-on-unmonitor). \`then alert\` alone is not enough while the daemon \`depends on\` the file: Monit skips it as long as the file's test fails`;
    case 'crash-not-restarted':
      return `\`${guard}\` (the baseline is re-taken when Monit resumes), or drop the \`depends on\` of the daemon on its binary's check (lint: ML303)`;
    case 'monit-stopped':
      return 'none needed: Monit was stopped on purpose; start it again when you want supervision';
    case 'monit-start-noop':
      return `harmless here; \`${guard}\` keeps Monit quiet during the transaction`;
    case 'clean':
      return '';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Inclusive ranges of consecutive phases (consecutive = one step apart). */
function ranges(phases: readonly number[], step: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of phases) {
    const last = out[out.length - 1];
    if (last !== undefined && Math.abs(p - last[1] - step) < step / 10) last[1] = p;
    else out.push([p, p]);
  }
  return out;
}

/** The phases of a sweep: 0, step, 2·step, … below the poll interval. */
export function sweepPhases(poll: number, step: number): number[] {
  const n = Math.max(1, Math.round(poll / step));
  return Array.from({ length: n }, (_v, i) => Math.round(i * step * 1000) / 1000).filter((p) => p < poll);
}

/** Runs the sweep and groups the outcomes. */
/**
 * Phases between the steps that land 1 ms after a host event of the transaction: a window
 * narrower than the step (pacman's 3 ms unlink gap, F3) is still found there.
 */
export function eventPhases(world: World, poll: number, grid: readonly number[]): number[] {
  const on = new Set(grid.map((p) => Math.round(p * 1000)));
  const out = new Set<number>();
  for (const e of world.scenario.events) {
    const ms = e.at + 1;
    if (e.source === 'host' && e.do !== 'note' && ms >= 0 && ms < poll * 1000 && !on.has(ms)) out.add(ms);
  }
  return [...out].sort((a, b) => a - b).map((ms) => ms / 1000);
}

/** Runs the sweep and groups the outcomes. */
export function sweep(config: Config, world: World, o: SweepOptions = {}): SweepResult {
  const poll = pollOf(config);
  const step = o.step ?? 0.1;
  const phases = o.phases ?? sweepPhases(poll, step);
  const extra = o.phases === undefined ? eventPhases(world, poll, phases) : [];
  interface Group { phases: number[]; extra: number[]; titles: Map<string, number>; causes: Cause[] }
  const byKind = new Map<OutcomeKind, Group>();
  const all = [...phases.map((p) => [p, false] as const), ...extra.map((p) => [p, true] as const)];
  all.forEach(([phase, between], i) => {
    const { findings } = runPhase(config, world, phase);
    for (const f of findings) {
      const g: Group = byKind.get(f.kind) ?? { phases: [], extra: [], titles: new Map<string, number>(), causes: [] };
      (between ? g.extra : g.phases).push(phase);
      g.titles.set(f.title, (g.titles.get(f.title) ?? 0) + 1);
      for (const c of f.causes) if (!g.causes.some((x) => x.file === c.file && x.line === c.line && x.column === c.column && x.what === c.what)) g.causes.push(c);
      byKind.set(f.kind, g);
    }
    o.onProgress?.(i + 1, all.length);
  });
  const classes: OutcomeClass[] = [];
  for (const kind of OUTCOMES) {
    const g = byKind.get(kind);
    if (g === undefined) continue;
    // Phases between the steps only count when the grid missed the class: they are not a share.
    if (g.phases.length === 0 && (kind === 'clean' || kind === 'monit-start-noop')) continue;
    const rs = ranges(g.phases, step);
    let representative = g.extra[0] ?? 0;
    if (rs.length > 0) {
      const widest = rs.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
      // The representative: the phase of this class nearest the middle of its widest range.
      const mid = (widest[0] + widest[1]) / 2;
      representative = g.phases.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a));
    }
    const title = [...g.titles].sort((a, b) => b[1] - a[1])[0]?.[0] ?? kind;
    classes.push({
      kind, title, harmful: kind !== 'clean' && kind !== 'monit-start-noop' && kind !== 'monit-stopped', phases: g.phases.length, share: g.phases.length / phases.length, ranges: rs,
      ...(g.phases.length === 0 ? { between: g.extra } : {}),
      causes: g.causes.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0)),
      fix: fixFor(kind, world.manager), representative,
    });
  }
  return {
    schema: SWEEP_SCHEMA, config: config.file, transaction: world.scenario.file, manager: world.manager, distro: world.distro.id,
    pollSeconds: poll, step, transactionEnd: world.end / 1000, crashAt: crashTimes(config, world.end).crashAt / 1000,
    total: phases.length, between: extra.length, harmful: classes.some((c) => c.harmful), classes,
  };
}
