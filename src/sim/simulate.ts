/**
 * Runs a scenario against the Monit model on a virtual host and returns the timeline. A pure
 * function of (config, scenario, phase): no real time, no real disk, no randomness.
 */
import type { Config } from '../config/model.js';
import { EventLoop, spawnTask, type Scheduled } from './clock.js';
import { runHelper } from './guard.js';
import { VirtualHost, type ProgramResolver } from './host.js';
import { MONITOR, MonitDaemon } from './monit.js';
import type { Scenario, ScenarioEvent, ScenarioProgram } from './scenario.js';
import { TIMELINE_SCHEMA, type FinalServiceState, type Timeline, type TimelineEntry } from './timeline.js';

export interface SimulateOptions {
  /**
   * Seconds from t = 0 to the first Monit pass at or after it, in [0, poll). The phase sweep of
   * the next issue varies this. Default 0.
   */
  phase?: number;
  /**
   * Callbacks run at given times (ms from t = 0) with the host and the daemon, after any event
   * at the same time: the phase sweep reads the state just before it injects a crash.
   */
  probes?: ReadonlyArray<{ at: number; run: (host: VirtualHost, daemon: MonitDaemon) => void }>;
}

/** Maps Monit's program command lines to units: explicit `programs` first, then by name (README). */
export function programResolver(programs: readonly ScenarioProgram[], unitNames: readonly string[]): ProgramResolver {
  const runs = new Map<ScenarioProgram, number>();
  return (argv) => {
    const line = argv.join(' ');
    for (const p of programs) {
      if (!line.includes(p.match)) continue;
      if ('unit' in p) return { unit: p.unit, op: p.op };
      const n = runs.get(p) ?? 0;
      runs.set(p, n + 1);
      const exit = p.exits !== undefined ? (p.exits[Math.min(n, p.exits.length - 1)] as number) : p.exit;
      return { exit, duration: p.duration };
    }
    // `systemctl start mysql`, `/etc/init.d/mysql stop`, `service mysql restart`.
    const words = argv.flatMap((a) => a.split(/\s+/));
    const op = words.find((w): w is 'start' | 'stop' | 'restart' => w === 'start' || w === 'stop' || w === 'restart');
    if (op === undefined) return undefined;
    const unit = unitNames.find((u) => words.some((w) => w === u || w === `${u}.service` || w.endsWith(`/${u}`)));
    return unit === undefined ? undefined : { unit, op };
  };
}

/** Simulates `scenario` under `config`. */
export function simulate(config: Config, scenario: Scenario, opts: SimulateOptions = {}): Timeline {
  const pollMs = (config.settings.daemon?.interval.value ?? 120) * 1000;
  const phaseMs = Math.round((opts.phase ?? 0) * 1000);
  const start = scenario.monitRunning ? phaseMs - scenario.warmup * pollMs : 0;
  const loop = new EventLoop(Math.min(start, 0));
  const host = new VirtualHost(loop, scenario.hostname);
  const entries: TimelineEntry[] = [];
  const stamp = (): number => Math.round(loop.now) / 1000;
  host.onNote = (n) => entries.push({ time: stamp(), source: 'host', kind: n.kind, detail: n.detail, ...(n.unit !== undefined ? { service: n.unit } : {}) });
  for (const [k, v] of scenario.users) host.users.set(k, v);
  for (const [k, v] of scenario.groups) host.groups.set(k, v);
  host.bootTime = loop.now - 86_400_000;
  for (const f of scenario.files) host.writeFile(f.path, f.content, { mode: f.mode, uid: f.uid, gid: f.gid });
  for (const u of scenario.units) host.addUnit({ ...u });
  host.resolveProgram = programResolver(scenario.programs, scenario.units.map((u) => u.name));
  // Units that run before the scenario were started long ago: no port-test pause (§2.7).
  for (const u of scenario.units) {
    if (!u.running) continue;
    const p = host.spawn(u.exec, u.exec, { unit: u.name });
    p.started = loop.now - 3_600_000;
    host.adopt(u.name, p.pid);
  }

  const daemon = new MonitDaemon({
    config, host, loop, epochMs: scenario.epochMs,
    emit: (e) => entries.push({ time: stamp(), ...e }),
  });
  if (scenario.monitRunning) {
    // Monit has been running in this boot session: a state file of this boot exists (no start delay, §1.6).
    host.writeFile(config.settings.statefile?.value ?? '/root/.monit.state', JSON.stringify({ magic: 0, version: 4, boot: host.bootTime, services: [] }), { mode: 0o600 });
    loop.at(start, () => daemon.start());
  }
  // Events and probes in time order. A guard hook blocks the package manager until the helper
  // returns (src/sim/guard.ts), so everything after it moves back by the time the hook took.
  type Item = { at: number; run: () => void; hook?: Extract<ScenarioEvent, { do: 'guard' }> };
  const items: Item[] = [
    ...scenario.events.map((ev): Item => (ev.do === 'guard' ? { at: ev.at, run: () => undefined, hook: ev } : { at: ev.at, run: () => applyEvent(ev, host, daemon, loop, entries, stamp, scenario) })),
    ...(opts.probes ?? []).map((p): Item => ({ at: p.at, run: () => p.run(host, daemon) })),
  ];
  // Stable: an event and a probe at the same time keep this order (events first, as before).
  items.sort((a, b) => a.at - b.at);
  let shift = 0;
  const handles: Array<Scheduled | undefined> = [];
  const schedule = (i: number): void => {
    const it = items[i] as Item;
    handles[i] = loop.at(it.at + shift, () => (it.hook !== undefined ? runHook(i, it.hook) : it.run()));
  };
  const runHook = (i: number, ev: Extract<ScenarioEvent, { do: 'guard' }>): void => {
    entries.push({ time: stamp(), source: 'guard', kind: 'event:guard', detail: describe(ev), ...(ev.line > 0 ? { file: scenario.file, line: ev.line } : {}) });
    for (let j = i + 1; j < items.length; j++) handles[j]?.cancel();
    const t0 = loop.now;
    const note = (kind: string, detail: string, service?: string): void => {
      entries.push({ time: stamp(), source: 'guard', kind, detail, ...(service !== undefined ? { service } : {}) });
    };
    spawnTask(loop, runHelper(ev.op, ev.strategy, { config, host, daemon, note }), () => {
      note('hook-done', `monit-pkg-guard ${ev.op} returned after ${((loop.now - t0) / 1000).toFixed(3)} s; the package manager goes on`);
      shift += loop.now - t0;
      for (let j = i + 1; j < items.length; j++) schedule(j);
    });
  };
  items.forEach((_it, i) => schedule(i));
  // The end moves back with the hooks too.
  for (let end = scenario.until; ; end = scenario.until + shift) {
    loop.runUntil(end);
    if (scenario.until + shift === end) break;
  }

  const services: FinalServiceState[] = daemon.services.map((s) => {
    const base: FinalServiceState = {
      name: s.name,
      type: s.cfg.kind,
      monitor: s.monitor === MONITOR.not ? 'not' : s.monitor === MONITOR.yes ? 'yes' : 'init',
      waiting: s.waiting,
      status: s.error,
    };
    if (s.cfg.kind === 'process') {
      const pid = daemon.running ? daemon.findProcess(s) : undefined;
      const proc = pid !== undefined ? host.processes.get(pid) : undefined;
      if (proc !== undefined) {
        base.pid = proc.pid;
        base.exeInode = proc.exeIno;
        const st = host.stat(proc.exePath);
        if (st) base.pathInode = st.ino;
      }
    }
    return base;
  });
  return { schema: TIMELINE_SCHEMA, config: config.file, scenario: scenario.file, phase: phaseMs / 1000, pollSeconds: pollMs / 1000, entries, services };
}

function describe(ev: ScenarioEvent): string {
  const { at: _at, line: _line, source: _source, do: kind, label, ...rest } = ev;
  if (kind === 'note') return label ?? 'note';
  const parts = Object.entries(rest).filter(([k]) => k !== 'content').map(([k, v]) => `${k}=${typeof v === 'number' && k === 'mode' ? v.toString(8).padStart(4, '0') : String(v)}`);
  const text = [kind, ...parts].join(' ');
  return label !== undefined ? `${label}: ${text}` : text;
}

function applyEvent(ev: ScenarioEvent, host: VirtualHost, daemon: MonitDaemon, loop: EventLoop, entries: TimelineEntry[], stamp: () => number, scenario: Scenario): void {
  // A plan built in memory (a package transaction) has no scenario lines: line 0 is left out.
  entries.push({ time: stamp(), source: ev.source, kind: `event:${ev.do}`, detail: describe(ev), ...(ev.line > 0 ? { file: scenario.file, line: ev.line } : {}) });
  const why = ev.line > 0 ? `scenario line ${ev.line}` : 'the transaction';
  switch (ev.do) {
    case 'start':
      host.startUnit(ev.unit, why);
      return;
    case 'stop':
      host.stopUnit(ev.unit, why);
      return;
    case 'restart':
      host.runProgram(['systemctl', 'restart', ev.unit], why);
      return;
    case 'try-restart':
      host.tryRestartUnit(ev.unit, why);
      return;
    case 'reexec':
      host.reexecUnit(ev.unit, why);
      return;
    case 'note':
      return;
    case 'kill': {
      const pid = ev.pid ?? (ev.unit !== undefined ? host.unitPid(ev.unit) : undefined);
      if (pid === undefined) host.note('kill-noop', `${ev.unit ?? ''}: no process to kill`);
      else host.exit(pid, { zombie: ev.zombie, why: ev.zombie ? 'killed, left as a zombie' : 'killed' });
      return;
    }
    case 'hang': case 'unhang': {
      const pid = host.unitPid(ev.unit);
      const p = pid !== undefined ? host.processes.get(pid) : undefined;
      if (p) p.hung = ev.do === 'hang';
      return;
    }
    case 'unlisten': {
      const pid = host.unitPid(ev.unit);
      if (pid !== undefined) host.unlisten(pid);
      return;
    }
    case 'spawn':
      host.spawn(ev.exec, ev.cmdline, ev.pid !== undefined ? { pid: ev.pid } : {});
      return;
    case 'write':
      host.writeFile(ev.path, ev.content, { ...(ev.mode !== undefined ? { mode: ev.mode } : {}), ...(ev.uid !== undefined ? { uid: ev.uid } : {}), ...(ev.gid !== undefined ? { gid: ev.gid } : {}) });
      return;
    case 'append':
      host.appendFile(ev.path, ev.content);
      return;
    case 'replace': {
      const meta = { ...(ev.mode !== undefined ? { mode: ev.mode } : {}), ...(ev.uid !== undefined ? { uid: ev.uid } : {}), ...(ev.gid !== undefined ? { gid: ev.gid } : {}) };
      if (ev.method === 'rename') {
        host.replaceByRename(ev.path, ev.content, meta);
        host.note('file-replaced', `${ev.path} renamed over (new inode ${host.stat(ev.path)?.ino ?? '?'})`);
        return;
      }
      // unlink, then a gap with no file, then a new inode written in two halves (partial file).
      const old = host.stat(ev.path);
      const full = { mode: meta.mode ?? old?.mode ?? 0o644, uid: meta.uid ?? old?.uid ?? 0, gid: meta.gid ?? old?.gid ?? 0 };
      host.unlink(ev.path);
      host.note('file-removed', `${ev.path} unlinked`);
      loop.after(ev.gap, () => {
        const half = Math.floor(ev.content.length / 2);
        host.writeFile(ev.path, ev.content.slice(0, half), full);
        host.note('file-partial', `${ev.path} created, ${half} of ${ev.content.length} bytes written`);
        loop.after(Math.max(1, Math.floor(ev.gap / 2)), () => {
          host.appendFile(ev.path, ev.content.slice(half));
          host.note('file-written', `${ev.path} complete (inode ${host.stat(ev.path)?.ino ?? '?'})`);
        });
      });
      return;
    }
    case 'remove':
      host.unlink(ev.path);
      return;
    case 'touch':
      host.touch(ev.path);
      return;
    case 'chmod':
      host.chmod(ev.path, ev.mode);
      return;
    case 'chown':
      host.chown(ev.path, ev.uid, ev.gid);
      return;
    case 'monit':
      daemon.cli(ev.command, ev.source);
      return;
    case 'monit-start':
      daemon.start();
      return;
    case 'monit-stop':
      daemon.quit();
      return;
    case 'monit-kill':
      daemon.kill();
      return;
    case 'monit-reload':
      daemon.reload();
      return;
    case 'guard':
      return; // run by simulate(), which holds the transaction back until the helper returns
    case 'reboot': {
      daemon.terminate();
      host.powerOff();
      // /run is a tmpfs: pidfiles do not survive a reboot.
      for (const u of host.units.values()) if (u.pidfile !== undefined && /^\/(var\/)?run\//.test(u.pidfile)) host.unlink(u.pidfile);
      host.bootTime = loop.now;
      host.note('reboot', `host rebooting; up again in ${ev.bootTime / 1000} s`);
      loop.after(ev.bootTime, () => {
        for (const u of host.units.values()) if (u.enabled) host.startUnit(u.name, 'boot');
        daemon.start();
      });
      return;
    }
    default: {
      const never: never = ev;
      return never;
    }
  }
}
