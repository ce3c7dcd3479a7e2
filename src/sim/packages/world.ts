/**
 * From a control file and a package transaction to a runnable scenario: which services of the
 * config the packages touch (matched by binary path, pidfile or unit name), the virtual host they
 * run on (the package's files, the daemon's unit, a healthy unit for every other process check),
 * and the transaction plan as scenario events.
 */
import type { Config, Service } from '../../config/model.js';
import type { Strategy } from '../../guard/types.js';
import { buildPlan, PATTERN_LETTER, type ConffilePolicy, type Manager, type Plan, type PlanFailure, type PlanPackage, type PlanTimings, type RestartPattern } from '../plans/plan.js';
import type { Scenario, ScenarioFile, ScenarioProgram, ScenarioUnit } from '../scenario.js';
import { patternOn, type DaemonProfile, type Distro } from './profiles.js';

/**
 * A package set to upgrade, from a built-in profile or a real package file: what the plan and the
 * matcher need, independent of where it came from.
 */
export interface PackageSpec {
  /** How the user named it: `mysql`, `./foo_2.0_amd64.deb`. */
  name: string;
  /** Where the facts come from, for the report ("F23", "maintainer scripts of foo.deb"). */
  source: string;
  packages: Array<{
    name: string;
    version?: string;
    size: number;
    /** Paths of regular files the package installs (for a profile: the daemon's binaries). */
    files: string[];
    /** Mode/owner per file, when known (package files); default 0755 root:root for binaries. */
    meta?: Map<string, { mode: number; uid: number; gid: number }>;
    conffiles: string[];
    /** Whether its scripts act on the daemon's units. */
    scripts: boolean;
  } & Pick<PlanPackage, 'waits' | 'configureStarts'>>;
  pattern: RestartPattern;
  startIfStopped?: boolean;
  /** The daemon, when the set has one. */
  daemon?: { binaries: string[]; units: string[]; pidfiles: string[]; port?: number; stop: number; start: number };
}

/** A profile for one distribution → a {@link PackageSpec}; undefined when the family has no entry. */
export function specFromProfile(p: DaemonProfile, distro: Distro): PackageSpec | undefined {
  const f = p.families[distro.family];
  if (f === undefined) return undefined;
  const pattern = patternOn(f, distro);
  return {
    name: p.id,
    source: `built-in profile '${p.id}' for ${distro.title}: ${f.packages.map((x) => x.name).join(', ')}; pattern ${PATTERN_LETTER[pattern]} (${pattern}), ${f.source}`,
    packages: f.packages.map((x) => ({ name: x.name, size: Math.round(x.sizeMb * 1_000_000), files: x.binaries ? [...f.binaries] : [], conffiles: x.conffiles ?? [], scripts: x.scripts })),
    pattern,
    ...(f.startIfStopped !== undefined ? { startIfStopped: f.startIfStopped } : {}),
    daemon: { binaries: f.binaries, units: f.units, pidfiles: f.pidfiles, port: p.port, stop: Math.round(p.stop * 1000), start: Math.round(p.start * 1000) },
  };
}

/** /var/run is /run on every current distribution. */
function normRun(p: string): string {
  return p.replace(/^\/var\/run\//, '/run/');
}

function words(s: Service): string[] {
  const cmds = [s.start, s.stop, s.restart].filter((c) => c !== undefined);
  return cmds.flatMap((c) => c.argv.flatMap((a) => a.value.split(/\s+/)));
}

/** The unit a service's programs name, among `units` (`mysqld`, `mysqld.service`, `/etc/init.d/mysql`). */
function unitNamedBy(s: Service, units: readonly string[]): string | undefined {
  const ws = words(s);
  return units.find((u) => ws.some((w) => w === u || w === `${u}.service` || w.endsWith(`/${u}`)));
}

/** The unit a start program names: `systemctl start X`, `service X start`, `/etc/init.d/X start`. */
function unitOfStart(s: Service): string | undefined {
  const ws = s.start?.argv.flatMap((a) => a.value.split(/\s+/)) ?? [];
  const i = ws.indexOf('start');
  if (i < 0) return undefined;
  const w = ws[i + 1] ?? ws[i - 1];
  if (w === undefined) return undefined;
  return w.slice(w.lastIndexOf('/') + 1).replace(/\.service$/, '');
}

/** How one package set meets the config. */
export interface Match {
  spec: PackageSpec;
  /** Process checks of its daemon, and how each was recognised. */
  processes: Array<{ service: string; by: string }>;
  /** File checks on paths the packages replace. */
  files: Array<{ service: string; path: string }>;
  unit: string | undefined;
  exec: string | undefined;
}

export interface World {
  scenario: Scenario;
  plan: Plan;
  matches: Match[];
  /** ms: when the transaction ends; a crash is injected after it (sweep.ts). */
  end: number;
  manager: Manager;
  distro: Distro;
}

export interface WorldOptions {
  manager: Manager;
  distro: Distro;
  timings?: Partial<PlanTimings>;
  conffiles?: ConffilePolicy;
  /** Simulate monitlint's guard with this strategy in the manager's hooks (plan.ts, src/sim/guard.ts). */
  guard?: Strategy;
  /** A transaction that goes wrong (plan.ts FAILURES). */
  failure?: PlanFailure;
  /** Whether Monit runs when the transaction starts (default true; false: the admin stopped it). */
  monitRunning?: boolean;
  /** ms after the end of the transaction the simulation goes on (default: sweep.ts decides). */
  until: number;
}

const OLD = 'old';
const NEW = 'new';

/** Builds the virtual host and the transaction for `specs` (upgraded together, in order) under `config`. */
export function buildWorld(config: Config, specs: readonly PackageSpec[], o: WorldOptions): World {
  const processes = config.services.filter((s): s is Extract<Service, { kind: 'process' }> => s.kind === 'process');
  const fileChecks = config.services.filter((s): s is Extract<Service, { kind: 'file' | 'fifo' | 'directory' | 'filesystem' }> => s.kind === 'file');
  const files = new Map<string, ScenarioFile>();
  const units: ScenarioUnit[] = [];
  const matches: Match[] = [];
  const claimed = new Set<string>();
  const planPackages: PlanPackage[] = [];
  const timing = new Map<string, { stop: number; start: number }>();
  const programs: ScenarioProgram[] = [];

  for (const spec of specs) {
    const d = spec.daemon;
    const m: Match = { spec, processes: [], files: [], unit: undefined, exec: undefined };
    const allFiles = new Set(spec.packages.flatMap((p) => p.files));
    for (const f of fileChecks) if (allFiles.has(f.path.value)) m.files.push({ service: f.name.value, path: f.path.value });
    if (d !== undefined) {
      for (const s of processes) {
        if (claimed.has(s.name.value)) continue;
        const pf = s.pidfile?.value;
        const byUnit = unitNamedBy(s, d.units);
        const by = pf !== undefined && d.pidfiles.map(normRun).includes(normRun(pf)) ? `pidfile ${pf}`
          : byUnit !== undefined ? `unit ${byUnit} in its start/stop program`
          : s.matching !== undefined && d.binaries.some((b) => s.matching?.value.includes(b.slice(b.lastIndexOf('/') + 1))) ? `matching "${s.matching.value}"`
          : s.dependsOn.find((dep) => m.files.some((f) => f.service === dep.value && d.binaries.includes(f.path))) !== undefined ? 'depends on the check of its binary'
          : undefined;
        if (by === undefined) continue;
        claimed.add(s.name.value);
        m.processes.push({ service: s.name.value, by });
        m.unit ??= byUnit;
      }
      m.unit ??= processes.filter((s) => m.processes.some((p) => p.service === s.name.value)).map((s) => unitNamedBy(s, d.units)).find((u) => u !== undefined) ?? d.units[0];
      // The daemon's binary as the config knows it (a `check file` on one of its paths), else the family's first.
      // Without one in the usual places, an executable the package ships that the config checks.
      const shippedExec = m.files.find((f) => spec.packages.some((p) => ((p.meta?.get(f.path)?.mode ?? 0) & 0o111) !== 0))?.path;
      m.exec = d.binaries.find((b) => m.files.some((f) => f.path === b)) ?? (d.binaries.length === 0 ? shippedExec : undefined) ?? d.binaries[0];
      const proc = processes.find((s) => s.name.value === m.processes[0]?.service);
      const port = proc?.tests.flatMap((t) => (t.kind === 'port' && t.connection.port !== undefined ? [t.connection.port.value] : []))[0] ?? d.port;
      if (m.unit !== undefined && m.exec !== undefined) {
        units.push({
          name: m.unit, exec: m.exec, pidfile: proc?.pidfile?.value ?? d.pidfiles[0] ?? `/run/${m.unit}.pid`, ...(port !== undefined ? { port } : {}),
          startTime: d.start, portDelay: d.start, stopTime: d.stop, broken: false, brokenExit: 1, startWaits: true, commandTime: 100, running: true, enabled: true, unkillable: false,
        });
        timing.set(m.unit, { stop: d.stop, start: d.start });
        // The config's own start/stop programs act on this unit, whatever alias they name.
        for (const ps of processes.filter((x) => m.processes.some((p) => p.service === x.name.value))) {
          for (const [cmd, op] of [[ps.start, 'start'], [ps.stop, 'stop'], [ps.restart, 'restart']] as const) {
            if (cmd !== undefined) programs.push({ match: cmd.argv.map((a) => a.value).join(' '), unit: m.unit, op });
          }
        }
      }
    }
    matches.push(m);
    // The files the simulation swaps: those the config watches, and the daemon's binary.
    const watched = new Set([...m.files.map((f) => f.path), ...(m.exec !== undefined ? [m.exec] : [])]);
    for (const p of spec.packages) {
      const swapped = p.files.filter((f) => watched.has(f));
      for (const f of swapped) {
        const meta = p.meta?.get(f) ?? { mode: 0o755, uid: 0, gid: 0 };
        files.set(f, { path: f, content: `${p.name} ${OLD} ${f}`, mode: meta.mode, uid: meta.uid, gid: meta.gid });
      }
      for (const c of p.conffiles) files.set(c, { path: c, content: `${c} as the admin left it`, mode: 0o644, uid: 0, gid: 0 });
      planPackages.push({
        name: p.name,
        files: swapped.map((f) => {
          const meta = p.meta?.get(f) ?? { mode: 0o755, uid: 0, gid: 0 };
          return { path: f, content: `${p.name} ${NEW} ${f}`, ...meta };
        }),
        conffiles: p.conffiles.map((c) => ({ path: c, content: `${c} as the new package ships it` })),
        size: p.size,
        units: p.scripts && m.unit !== undefined ? [m.unit] : [],
        pattern: spec.pattern,
        ...(spec.startIfStopped !== undefined ? { startIfStopped: spec.startIfStopped } : {}),
        ...(p.waits !== undefined ? { waits: p.waits } : {}), ...(p.configureStarts === true ? { configureStarts: true } : {}),
      });
    }
  }

  // Every other process check runs healthy, so that what the sweep finds is the transaction's doing.
  const ownUnits = new Set(units.map((u) => u.name));
  for (const s of processes) {
    if (claimed.has(s.name.value) || s.pidfile === undefined) continue;
    const name = unitOfStart(s) ?? s.name.value;
    if (ownUnits.has(name)) continue;
    ownUnits.add(name);
    const taken = new Set(units.map((u) => u.port));
    const port = s.tests.flatMap((t) => (t.kind === 'port' && t.connection.port !== undefined ? [t.connection.port.value] : [])).find((p) => !taken.has(p));
    const exec = `/usr/local/sbin/${name.replace(/[^\w.-]/g, '_')}`;
    files.set(exec, { path: exec, content: `${name} daemon`, mode: 0o755, uid: 0, gid: 0 });
    units.push({ name, exec, pidfile: s.pidfile.value, ...(port !== undefined ? { port } : {}), startTime: 1000, portDelay: 1000, stopTime: 1000, broken: false, brokenExit: 1, startWaits: true, commandTime: 100, running: true, enabled: true, unkillable: false });
  }
  // File checks the packages do not touch: present, with the mode and owner their tests expect.
  for (const f of fileChecks) {
    if (files.has(f.path.value)) continue;
    const perm = f.tests.find((t) => t.kind === 'permission' && !t.changed);
    const mode = perm !== undefined && perm.kind === 'permission' && perm.mode !== undefined ? perm.mode.value : 0o644;
    files.set(f.path.value, { path: f.path.value, content: `${f.path.value}`, mode, uid: 0, gid: 0 });
  }

  const plan = buildPlan({
    manager: o.manager, packages: planPackages, unitTiming: (u) => timing.get(u) ?? { stop: 1000, start: 1000 },
    ...(o.timings ? { timings: o.timings } : {}), ...(o.conffiles ? { conffiles: o.conffiles } : {}), ...(o.guard !== undefined ? { guard: o.guard } : {}),
    ...(o.failure !== undefined ? { failure: o.failure } : {}),
  });
  const scenario: Scenario = {
    file: `${o.manager} upgrade of ${specs.map((s) => s.name).join(', ')} (${o.distro.id})${o.guard !== undefined ? ` with the ${o.guard} guard` : ''}${o.failure !== undefined ? `, failing (${o.failure})` : ''}${o.monitRunning === false ? ', Monit stopped before' : ''}`,
    hostname: 'localhost',
    until: plan.end + o.until,
    warmup: 2,
    epochMs: Date.UTC(2026, 0, 1),
    monitRunning: o.monitRunning ?? true,
    users: new Map([['root', 0]]),
    groups: new Map([['root', 0]]),
    files: [...files.values()],
    units,
    programs,
    events: plan.events,
  };
  return { scenario, plan, matches, end: plan.end, manager: o.manager, distro: o.distro };
}
