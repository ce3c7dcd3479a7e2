/**
 * The Monit 5.33 daemon model, driven by the typed config model. Every rule here cites the fact of
 * `spec/monit-semantics.md` (§n.m) it implements. The validation thread is one generator (a
 * {@link Task}-like coroutine): it yields the milliseconds it blocks, so start programs, probes and
 * port timeouts stretch the pass while the host keeps changing (§1.1, §1.2).
 */
import type { Action, Command, Config, RuleActions, Service, Span, Test } from '../config/model.js';
import type { EventLoop, Scheduled } from './clock.js';
import type { VirtualHost } from './host.js';
import type { TimelineEntry } from './timeline.js';
import { connectionHost, eventKey, fileTestsInOrder, isLoopback } from './check-cache.js';
import { changedSince, checkInputs } from './quiet.js';

/** Monitoring states (§0.4, §6.1). */
export const MONITOR = { not: 0, yes: 1, init: 2 } as const;
type MonitorState = (typeof MONITOR)[keyof typeof MONITOR];

/** Error bits (§0.4). */
export const BIT = {
  checksum: 0x1, resource: 0x2, timeout: 0x4, timestamp: 0x8, size: 0x10, connection: 0x20, permission: 0x40,
  uid: 0x80, gid: 0x100, nonexist: 0x200, invalid: 0x400, data: 0x800, exec: 0x1000, content: 0x8000,
  pid: 0x40000, ppid: 0x80000, status: 0x200000, uptime: 0x400000, exist: 0x40000000,
} as const;

const EV_INIT = 0;
const EV_FAILED = 1;
const EV_SUCCEEDED = 2;

/** One event object per (type, rule) (§3.1). `hist[0]` is the newest outcome, 1 = failed/changed. */
interface EventObj {
  state: number;
  hist: number[];
  /** Failing evaluations since the transition, for `exec … repeat every R cycles` (§3.5). */
  count: number;
}

/** An action an event decided to run (§3.5). */
interface Pending {
  action: Action;
  e: EventObj;
  transition: boolean;
}

type ControlAction = 'start' | 'stop' | 'restart' | 'monitor' | 'unmonitor';

/** Runtime state of one service (§10, per-service state). */
export interface SvcState {
  readonly cfg: Service;
  readonly name: string;
  parents: SvcState[];
  children: SvcState[];
  monitor: MonitorState;
  waiting: boolean;
  error: number;
  events: Map<string, EventObj>;
  nstart: number;
  ncycle: number;
  everyCounter: number;
  lastCronRun: number;
  pid: number | undefined;
  prevPid: number | undefined;
  prevPpid: number | undefined;
  /** File metadata from this pass; undefined = unknown (after a reset, §5.1). */
  info: { ino: number; size: number; mode: number; uid: number; gid: number; atime: number; mtime: number; ctime: number } | undefined;
  /** `failed checksum` baselines, taken when the config was parsed (§5.2). */
  checksumBase: Map<Test, string | undefined>;
  /** `changed checksum` reference: the last value seen; not persisted in effect (§5.4). */
  checksumRef: Map<Test, string>;
  /** Persisted `changed` baselines (§5.5, §5.7, §5.8) and the content read position (§5.9). */
  persist: { mode?: number; size?: number; ts: Record<string, number>; contentIno?: number; contentPos?: number };
  doaction: ControlAction | undefined;
  userAction: boolean;
  programRun: { exit: number; ends: number } | undefined;
  /** The existence rules (explicit or implicit) and the restart-limit rules, derived once. */
  existRules?: Array<{ exists: boolean; actions: RuleActions; span: Span | undefined; key: string }>;
  limitRules?: RuleActions[];
  implicit?: RuleActions;
  execRule?: RuleActions;
  dataRule?: RuleActions;
  /** The host's change count before this service's last check, when that check was quiet (quiet.ts). */
  quietSince: number | undefined;
}

export type Emit = (e: Omit<TimelineEntry, 'time'>) => void;

/** The state file's content (§6.4), kept on the virtual host as JSON. */
interface StateFile {
  magic: 0;
  version: 4;
  boot: number;
  services: Array<{ name: string; type: string; monitor: number; nstart: number; ncycle: number; mode?: number; size?: number; ts: Record<string, number>; contentIno?: number; contentPos?: number }>;
}

/**
 * A rule Monit adds by itself: the implicit existence (and file-type) rule, restart (§2.2), and
 * the exec event's alert (§2.5(f)). Its action points at the statement that implies it.
 */
function implicitRule(kind: 'restart' | 'alert', span: Span): RuleActions {
  return { failRate: { count: 1, cycles: 1 }, failAction: { kind, span }, recoveryRate: { count: 1, cycles: 1 } };
}

/** Whether monitoring is off; a function so TypeScript does not narrow the field across yields. */
function off(s: SvcState): boolean {
  return s.monitor === MONITOR.not;
}

function cmp(op: string, a: number, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '=': return a === b;
    case '!=': return a !== b;
    default: return false;
  }
}

function argvOf(c: Command): string[] {
  return c.argv.map((a) => a.value);
}

function countBits(hist: readonly number[], window: number, bit: number): number {
  let n = 0;
  for (let i = 0; i < window; i++) if ((hist[i] ?? 0) === bit) n++;
  return n;
}

/** §3.4: the history after a transition; memset(…, 1) on bytes sets one position in every 8. */
function resetHistory(state: number): number[] {
  return Array.from({ length: 64 }, (_v, i) => (state === EV_FAILED && i % 8 === 0 ? 1 : 0));
}

/** §1.8 a five-field cron spec, matched against a UTC wall-clock time. */
export function cronMatches(spec: string, wall: Date): boolean {
  const fields = spec.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const values = [wall.getUTCMinutes(), wall.getUTCHours(), wall.getUTCDate(), wall.getUTCMonth() + 1, wall.getUTCDay()];
  return fields.every((f, i) => f.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const v = values[i] as number;
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = 0;
      hi = 59;
    } else if (range !== undefined && range.includes('-')) {
      [lo, hi] = range.split('-').map(Number) as [number, number];
    } else {
      lo = Number(range);
      hi = stepText === undefined ? lo : 59;
    }
    return v >= lo && v <= hi && (v - lo) % step === 0;
  }));
}

export interface DaemonOptions {
  config: Config;
  host: VirtualHost;
  loop: EventLoop;
  emit: Emit;
  /** Wall-clock time (ms since the epoch) of virtual time 0, for cron `every` (§1.8). */
  epochMs: number;
}

/** Orders services so that each comes after its parents, in rounds over config order (§1.5). */
export function orderServices(list: readonly SvcState[]): SvcState[] {
  const placed = new Set<SvcState>();
  const out: SvcState[] = [];
  for (;;) {
    let progress = false;
    for (const s of list) {
      if (placed.has(s)) continue;
      if (s.parents.every((p) => placed.has(p))) {
        placed.add(s);
        out.push(s);
        progress = true;
      }
    }
    if (!progress) break;
  }
  // A dependency loop is rejected by `monit -t`; keep the rest in config order rather than drop it.
  for (const s of list) if (!placed.has(s)) out.push(s);
  return out;
}

/** The Monit daemon on a virtual host. */
export class MonitDaemon {
  readonly poll: number;
  services: SvcState[] = [];
  byName = new Map<string, SvcState>();
  running = false;
  passes = 0;
  private gen: Generator<number, void, void> | undefined;
  private timer: Scheduled | undefined;
  private sleeping = false;
  private stopRequested = false;
  private reloadRequested = false;
  private actionPending = false;
  private dirty = false;
  private forcePassive = 0;
  private httpdUp = false;
  private readonly statefile: string;
  /** Messages emitted so far: a check that emitted one was not quiet. */
  private emitted = 0;

  constructor(private readonly o: DaemonOptions) {
    this.poll = (o.config.settings.daemon?.interval.value ?? 120) * 1000;
    this.statefile = o.config.settings.statefile?.value ?? '/root/.monit.state';
  }

  get httpd(): boolean {
    const h = this.o.config.settings.httpd;
    // Without an `allow` entry Monit 5.33 does not start its HTTP interface at all (observed:
    // "monit httpd not started since no connections are allowed"), so the CLI cannot reach it.
    return h !== undefined && (h.port !== undefined || h.unixSocket !== undefined) && h.allow.length > 0;
  }

  /** ms: when the daemon last (re)read its control file (start or reload); `monit status` shows the uptime since. */
  since = 0;

  /**
   * `monit status [NAME]` as the CLI sees it (§7.2): exit 1 without a daemon or without httpd;
   * otherwise the service's "monitoring status" line and the daemon's uptime. Queries change
   * nothing in the daemon, so they leave no timeline entry.
   */
  status(name?: string): { exit: number; monitoring?: string; uptimeMs?: number } {
    if (!this.running || !this.httpd || !this.httpdUp) return { exit: 1 };
    const uptimeMs = this.now - this.since;
    if (name === undefined) return { exit: 0, uptimeMs };
    const s = this.byName.get(name);
    if (s === undefined) return { exit: 1 };
    // get_monitoring_status(): Not monitored, Waiting, Initializing, Monitored (§6.1).
    const monitoring = s.monitor === MONITOR.not ? 'Not monitored' : s.waiting ? 'Waiting' : s.monitor === MONITOR.init ? 'Initializing' : 'Monitored';
    return { exit: 0, monitoring, uptimeMs };
  }

  private get now(): number {
    return this.o.loop.now;
  }

  private emit(kind: string, s: SvcState | string | undefined, detail: string, span?: Span): void {
    const name = typeof s === 'string' ? s : s?.name;
    this.emitted++;
    this.o.emit({
      source: 'monit',
      kind,
      detail,
      ...(name !== undefined ? { service: name } : {}),
      ...(span !== undefined ? { file: span.file, line: span.line, column: span.column } : {}),
    });
  }

  // ---------------------------------------------------------------- lifecycle

  /** Starts the daemon (monit with no arguments, or at boot). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopRequested = false;
    this.reloadRequested = false;
    this.actionPending = false;
    this.gen = this.main();
    this.schedule(0);
  }

  /** `monit quit` / SIGTERM: ends after the current item, saving the state (§6.5, §7.4). */
  quit(): void {
    if (!this.running) return;
    this.stopRequested = true;
    this.wake();
  }

  /** kill -9: nothing is saved (§6.5). */
  kill(): void {
    if (!this.running) return;
    this.timer?.cancel();
    this.gen = undefined;
    this.running = false;
    this.emit('daemon-stop', undefined, 'killed (SIGKILL): the state file keeps what was last written');
  }

  /** SIGTERM at shutdown (a reboot): the state is saved, the daemon ends at once. */
  terminate(): void {
    if (!this.running) return;
    this.saveState();
    this.timer?.cancel();
    this.gen = undefined;
    this.running = false;
    this.emit('daemon-stop', undefined, 'Monit daemon stopped (system shutdown)');
  }

  /** `monit reload` / SIGHUP (§1.3, §6.8). */
  reload(): void {
    if (!this.running) return;
    this.reloadRequested = true;
    this.wake();
  }

  private schedule(ms: number): void {
    this.timer = this.o.loop.after(ms, () => this.step());
  }

  private step(): void {
    if (this.gen === undefined) return;
    const r = this.gen.next();
    if (r.done === true) {
      this.gen = undefined;
      this.running = false;
      return;
    }
    this.schedule(r.value);
  }

  /** Interrupts the sleep: a new pass starts now and the phase moves (§1.3). */
  private wake(): void {
    if (!this.sleeping || (!this.httpdUp && !this.reloadRequested && !this.stopRequested)) return;
    this.sleeping = false;
    this.timer?.cancel();
    this.schedule(0);
  }

  private *main(): Generator<number, void, void> {
    const reboot = this.load(true);
    this.since = this.now;
    this.emit('daemon-start', undefined, `Monit daemon started (poll ${this.poll / 1000} s${reboot ? ', after a reboot' : ''})`);
    const delay = this.o.config.settings.daemon?.startDelay?.value;
    if (reboot && delay !== undefined && delay > 0) {
      // §1.6: only after a reboot (or without a state file); waited once before the first pass.
      this.emit('start-delay', undefined, `start delay ${delay} s`, this.o.config.settings.daemon?.startDelay?.span);
      // The HTTP interface starts after the delay; a reload (since 5.31) or quit cuts it short.
      this.httpdUp = false;
      this.sleeping = true;
      yield delay * 1000;
      this.sleeping = false;
      if (this.reloadRequested) this.doReload();
    }
    this.httpdUp = true;
    for (;;) {
      yield* this.pass();
      if (this.stopRequested) break;
      if (this.reloadRequested) {
        this.doReload();
        continue;
      }
      if (this.dirty) this.saveState();
      if (!this.actionPending) {
        this.sleeping = true;
        yield this.poll;
        this.sleeping = false;
      }
      if (this.stopRequested) break;
      if (this.reloadRequested) this.doReload();
    }
    this.saveState();
    this.emit('daemon-stop', undefined, 'Monit daemon stopped');
  }

  private doReload(): void {
    this.reloadRequested = false;
    this.saveState();
    this.emit('reload', undefined, 'reinitializing: control file re-parsed, checksum baselines re-taken');
    this.load(false);
    this.since = this.now;
  }

  /**
   * Parses the configuration into fresh runtime state (new checksum baselines, `every` counters,
   * no events), then restores the state file (§5.2, §6.6). Returns whether this is a reboot.
   */
  private load(atStart: boolean): boolean {
    const list: SvcState[] = this.o.config.services.map((cfg) => this.newState(cfg));
    if (!list.some((s) => s.cfg.kind === 'system')) {
      // §1.5: the implicit `check system` named after the host, appended before sorting.
      const nowhere: Span = { file: this.o.config.file, line: 0, column: 0, endLine: 0, endColumn: 0, startOffset: 0, endOffset: 0 };
      const cfg: Service = {
        kind: 'system', name: { value: this.o.host.hostname, span: nowhere }, span: nowhere, keywordSpan: nowhere,
        everyStatements: [], groups: [], dependsOn: [], alerts: [], noalerts: [], tests: [], contentFilters: [], restartLimits: [], complete: true,
      };
      list.push(this.newState(cfg));
    }
    this.byName = new Map(list.map((s) => [s.name, s]));
    for (const s of list) {
      s.parents = s.cfg.dependsOn.map((d) => this.byName.get(d.value)).filter((p): p is SvcState => p !== undefined);
      for (const p of s.parents) p.children.push(s);
    }
    this.services = orderServices(list);
    return this.restoreState(atStart);
  }

  private newState(cfg: Service): SvcState {
    const s: SvcState = {
      cfg, name: cfg.name.value, parents: [], children: [], monitor: MONITOR.init, waiting: false, error: 0,
      events: new Map(), nstart: 0, ncycle: 0,
      // §1.7: the counter starts at N so the first pass tests the service.
      everyCounter: cfg.every?.kind === 'cycles' ? cfg.every.cycles.value : 0,
      lastCronRun: -Infinity, pid: undefined, prevPid: undefined, prevPpid: undefined, info: undefined,
      checksumBase: new Map(), checksumRef: new Map(), persist: { ts: {} }, doaction: undefined, userAction: false, programRun: undefined,
      // Declared up front, not added when first derived: states whose fields appear in different
      // orders get different hidden classes, and the pass's every access to them turns slow.
      existRules: undefined, limitRules: undefined, implicit: undefined, execRule: undefined, dataRule: undefined, quietSince: undefined,
    };
    if (cfg.kind === 'file') {
      for (const t of cfg.tests) {
        // §5.2: the baseline is the file as it is when the control file is parsed.
        if (t.kind === 'checksum' && !t.changed && t.expect === undefined) s.checksumBase.set(t, this.o.host.checksum(cfg.path.value, t.hashType ?? 'md5'));
      }
    }
    return s;
  }

  // ---------------------------------------------------------------- state file

  private saveState(): void {
    const st: StateFile = {
      magic: 0,
      version: 4,
      boot: this.o.host.bootTime,
      services: this.services.map((s) => ({
        name: s.name, type: s.cfg.kind, monitor: s.monitor, nstart: s.nstart, ncycle: s.ncycle,
        ...(s.persist.mode !== undefined ? { mode: s.persist.mode } : {}),
        ...(s.persist.size !== undefined ? { size: s.persist.size } : {}),
        ts: { ...s.persist.ts },
        ...(s.persist.contentIno !== undefined ? { contentIno: s.persist.contentIno, contentPos: s.persist.contentPos ?? 0 } : {}),
      })),
    };
    this.o.host.writeFile(this.statefile, JSON.stringify(st), { mode: 0o600 });
    this.dirty = false;
  }

  /** §6.6 restore; §2.9 onreboot. Returns whether Monit considers this a reboot (§1.6). */
  private restoreState(atStart: boolean): boolean {
    let st: StateFile | undefined;
    const text = this.o.host.readText(this.statefile);
    if (text !== undefined && text.length > 0) {
      try {
        st = JSON.parse(text) as StateFile;
      } catch {
        st = undefined;
      }
    }
    const reboot = st === undefined || st.boot !== this.o.host.bootTime;
    const records = new Map((st?.services ?? []).map((r) => [`${r.name}\0${r.type}`, r]));
    for (const s of this.services) {
      const onreboot = s.cfg.onreboot?.value ?? this.o.config.settings.onreboot?.value ?? (s.cfg.mode?.value === 'manual' ? 'laststate' : 'start');
      const r = records.get(`${s.name}\0${s.cfg.kind}`);
      if (r === undefined) {
        s.monitor = onreboot === 'nostart' ? MONITOR.not : MONITOR.init;
        continue;
      }
      if (!reboot || onreboot === 'laststate') s.monitor = r.monitor === MONITOR.not ? MONITOR.not : MONITOR.init;
      else s.monitor = onreboot === 'nostart' ? MONITOR.not : MONITOR.init;
      s.nstart = r.nstart;
      s.ncycle = r.ncycle;
      s.persist = {
        ts: { ...r.ts },
        ...(r.mode !== undefined ? { mode: r.mode } : {}),
        ...(r.size !== undefined ? { size: r.size } : {}),
        ...(r.contentIno !== undefined ? { contentIno: r.contentIno, contentPos: r.contentPos ?? 0 } : {}),
      };
    }
    if (!atStart) return false;
    return reboot;
  }

  // ---------------------------------------------------------------- CLI

  /**
   * The `monit` command as a guard runs it (§7.3, §7.4). Returns its exit status. Actions are
   * queued and applied at the start of the next, immediate pass.
   */
  cli(command: string, source: 'host' | 'guard'): number {
    const words = command.trim().split(/\s+/);
    const verb = words[0] ?? '';
    const target = words[1];
    const say = (detail: string, code: number): number => {
      this.o.emit({ source, kind: 'cli', detail: `monit ${command}: ${detail} (exit ${code})`, ...(target !== undefined ? { service: target } : {}) });
      return code;
    };
    switch (verb) {
      case 'reload':
        if (!this.running) return say('no daemon running; nothing to reload', 0);
        this.reload();
        return say('reinitializing the daemon', 0);
      case 'quit':
        if (!this.running) return say('no daemon running', 0);
        this.quit();
        return say('stopping the daemon', 0);
      case 'validate':
        if (this.running) this.wake();
        return say('validation requested', 1);
      case 'start': case 'stop': case 'restart': case 'monitor': case 'unmonitor': {
        if (target === undefined || words.length !== 2) return say('exactly one service name (or all) is required', 1);
        if (!this.running) return this.cliWithoutDaemon(verb, target, say);
        if (!this.httpd || !this.httpdUp) return say(this.httpd ? 'the HTTP interface is not up yet (start delay)' : 'the daemon runs without set httpd: the action cannot be sent', 1);
        const targets = target === 'all' ? this.services : [this.byName.get(target)].filter((s): s is SvcState => s !== undefined);
        if (targets.length === 0) return say(`there is no service named '${target}'`, 1);
        for (const s of targets) {
          s.doaction = verb;
          s.userAction = true;
        }
        this.actionPending = true;
        this.wake();
        return say(`${verb} queued`, 0);
      }
      default:
        return say(`unsupported command '${verb}'`, 1);
    }
  }

  /**
   * §7.3 without a daemon: monitor/unmonitor are no-ops (nothing is saved); start/stop run the
   * service's program directly. The CLI would wait for it; here it is started and its effects
   * follow on the host's clock.
   */
  private cliWithoutDaemon(verb: string, target: string, say: (detail: string, code: number) => number): number {
    if (verb === 'monitor' || verb === 'unmonitor') return say('no daemon: nothing is remembered, a no-op', 0);
    const cfg = this.o.config.services.find((c) => c.name.value === target);
    if (cfg === undefined) return say(`there is no service named '${target}'`, 1);
    const cmd = verb === 'stop' ? cfg.stop : verb === 'start' ? cfg.start : cfg.restart ?? cfg.start;
    if (cmd === undefined) return say(`no daemon: '${target}' has no ${verb} program`, 1);
    this.o.host.runProgram(argvOf(cmd), `monit ${verb} ${target} without a daemon`);
    return say(`no daemon: the CLI runs '${argvOf(cmd).join(' ')}' itself`, 0);
  }

  // ---------------------------------------------------------------- the pass

  /** One validation pass (§1.4). */
  private *pass(): Generator<number, void, void> {
    this.passes++;
    this.emit('pass', undefined, `pass ${this.passes}`);
    if (this.actionPending) {
      this.actionPending = false;
      for (const s of this.services) {
        if (!s.userAction || s.doaction === undefined) continue;
        const a = s.doaction;
        s.doaction = undefined;
        s.userAction = false;
        this.emit('cli', s, `${a} on user request`);
        yield* this.control(s, a, undefined);
      }
    }
    for (const s of this.services) {
      if (this.stopRequested || this.reloadRequested) return;
      if (s.doaction !== undefined) {
        // §1.4(a): a scheduled action (the start retry of §4.3); on success no tests this pass.
        const a = s.doaction;
        s.doaction = undefined;
        s.userAction = false;
        if (yield* this.control(s, a, undefined)) continue;
      }
      if (off(s)) continue;
      if (this.skip(s)) continue;
      if (this.stillQuiet(s)) continue;
      const mark = { changes: this.o.host.changes, emitted: this.emitted, now: this.now };
      if (s.cfg.restartLimits.length > 0) yield* this.checkRestartLimit(s);
      if (off(s)) continue;
      const r = yield* this.checkService(s);
      if (r !== 'undetermined' && !off(s)) {
        if (s.monitor !== MONITOR.yes) this.dirty = true;
        s.monitor = MONITOR.yes;
      }
      // The first check (init → yes) counts too: no check reads whether the service was initializing.
      s.quietSince = r === 'ok' && this.emitted === mark.emitted && this.now === mark.now && this.clean(s) && !checkInputs(s.cfg).clocked ? mark.changes : undefined;
    }
  }

  /** No event, error or restart count: a check of this service that emits nothing changes nothing. */
  private clean(s: SvcState): boolean {
    return s.monitor === MONITOR.yes && s.events.size === 0 && s.error === 0 && s.nstart === 0 && s.ncycle === 0;
  }

  /**
   * Whether the last check of `s` was quiet and nothing it reads has changed since: checking it
   * again would emit nothing and change nothing (quiet.ts), so the pass leaves it out.
   */
  private stillQuiet(s: SvcState): boolean {
    return s.quietSince !== undefined && this.clean(s) && !changedSince(this.o.host, s.cfg, s.pid, s.quietSince);
  }

  /** §1.7–§1.10: `every` and the dependency skip. */
  private skip(s: SvcState): boolean {
    const every = s.cfg.every;
    if (every?.kind === 'cycles') {
      if (s.everyCounter < every.cycles.value) {
        s.everyCounter++;
        s.waiting = true;
        this.emit('skip', s, `skipped (every ${every.cycles.value} cycles)`, every.span);
        return true;
      }
      s.everyCounter = 1;
    } else if (every?.kind === 'cron') {
      const wall = new Date(this.o.epochMs + this.now);
      const match = cronMatches(every.spec.value, wall);
      const run = every.negate ? !match : match && this.now - s.lastCronRun >= 60_000;
      if (!run) {
        s.waiting = true;
        this.emit('skip', s, `skipped (${every.negate ? 'not ' : ''}every "${every.spec.value}")`, every.span);
        return true;
      }
      s.lastCronRun = this.now;
    }
    s.waiting = false;
    for (const p of s.parents) {
      if (p.monitor !== MONITOR.yes || p.waiting || p.error !== 0) {
        const why = p.monitor === MONITOR.yes && !p.waiting ? 'has errors' : p.monitor === MONITOR.init ? 'is initializing' : 'is not monitored';
        this.emit('skip', s, `test skipped as required service '${p.name}' ${why}`);
        return true;
      }
    }
    return false;
  }

  /** §3.7 the restart limit, tumbling window anchored at the first counted restart. */
  private *checkRestartLimit(s: SvcState): Generator<number, void, void> {
    const rules = s.cfg.restartLimits;
    if (rules.length === 0) return;
    if (s.nstart > 0) {
      s.ncycle++;
      this.dirty = true;
    }
    let maxCycles = 0;
    s.limitRules ??= rules.map((rl) => ({ failRate: { count: 1, cycles: 1 }, failAction: rl.action, recoveryRate: { count: 1, cycles: 1 } }));
    for (let i = 0; i < rules.length; i++) {
      const rl = rules[i] as (typeof rules)[number];
      maxCycles = Math.max(maxCycles, rl.cycles.value);
      const rule = s.limitRules[i] as RuleActions;
      const hit = s.nstart >= rl.restarts.value && s.ncycle <= rl.cycles.value;
      if (hit) this.emit('restart-limit', s, `service restarted ${s.nstart} times within ${s.ncycle} cycles(s) - ${rl.action.kind}`, rl.span);
      const p = this.record(s, eventKey('timeout', i), BIT.timeout, rule, hit ? 'failed' : 'succeeded', hit ? 'restart limit reached' : 'restart limit not reached', rl.span);
      if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition);
      if (off(s)) return;
    }
    if (s.ncycle > maxCycles) {
      s.nstart = 0;
      s.ncycle = 0;
    }
  }

  // ---------------------------------------------------------------- events

  private passive(s: SvcState): boolean {
    return this.forcePassive > 0 || s.cfg.mode?.value === 'passive';
  }

  /**
   * Event_post (§3.1–§3.5): records the outcome, decides the transition and runs the action.
   * `outcome`: failed | succeeded | changed | changednot.
   */
  private record(s: SvcState, key: string, bit: number, rule: RuleActions, outcome: 'failed' | 'succeeded' | 'changed' | 'changednot', message: string, span: Span | undefined): Pending | undefined {
    let e = s.events.get(key);
    const bad = outcome === 'failed' || outcome === 'changed';
    if (e === undefined) {
      if (!bad) return undefined; // §3.1: successes before any failure are ignored
      e = { state: EV_INIT, hist: [], count: 0 };
      s.events.set(key, e);
    }
    e.hist.unshift(bad ? 1 : 0);
    if (e.hist.length > 64) e.hist.pop();
    if (outcome === 'changed') {
      // §3.5: every change is a transition; the action runs once per change.
      e.state = EV_FAILED;
      e.hist = resetHistory(EV_FAILED);
      s.error |= bit;
      this.dirty = true;
      this.emit('changed', s, message, span);
      return { action: rule.failAction, e, transition: true };
    }
    if (outcome === 'changednot') {
      if (e.state === EV_FAILED) {
        e.state = EV_SUCCEEDED;
        s.error &= ~bit;
      }
      return undefined;
    }
    if (bad) {
      if (e.state !== EV_FAILED && countBits(e.hist, rule.failRate.cycles, 1) >= rule.failRate.count) {
        e.state = EV_FAILED;
        e.hist = resetHistory(EV_FAILED);
        e.count = 0;
        s.error |= bit;
        this.dirty = true;
        this.emit('failed', s, message, span);
        return { action: rule.failAction, e, transition: true };
      } else if (e.state === EV_FAILED) {
        e.count++;
        this.emit('failed', s, message, span);
        return { action: rule.failAction, e, transition: false };
      } else if (e.state === EV_INIT) {
        this.emit('warning', s, `${message} (below the rate, no action)`, span);
      }
      return undefined;
    }
    if (e.state === EV_FAILED && countBits(e.hist, rule.recoveryRate.cycles, 0) >= rule.recoveryRate.count) {
      e.state = EV_SUCCEEDED;
      e.hist = resetHistory(EV_SUCCEEDED);
      s.error &= ~bit;
      this.dirty = true;
      this.emit('succeeded', s, message, span);
      const rec = rule.recoveryAction;
      if (rec !== undefined) return { action: rec, e, transition: true };
      this.emit('alert', s, `recovery: ${message}`, span);
    }
    return undefined;
  }




  /** _handleAction (§3.5, §3.6, §2.8, §3.7 counting). */
  private *act(s: SvcState, a: Action, e: EventObj, transition: boolean): Generator<number, void, void> {
    const span = a.span;
    switch (a.kind) {
      case 'alert':
        if (transition) this.emit('alert', s, 'alert', span);
        return;
      case 'exec': {
        const every = a.repeatEvery?.value;
        if (transition || (every !== undefined && e.count % every === 0)) {
          const argv = a.command ? argvOf(a.command) : [];
          this.emit('exec', s, `exec: '${argv.join(' ')}'`, span);
          // Detached (double fork): nothing waits for it (§1.2).
          this.o.host.runProgram(argv, `monit exec for ${s.name}`);
        }
        return;
      }
      case 'restart': case 'start': case 'stop': case 'unmonitor': {
        if ((a.kind === 'restart' || a.kind === 'start') && s.cfg.restartLimits.length > 0) {
          s.nstart++;
          this.dirty = true;
        }
        if (a.kind !== 'unmonitor' && this.passive(s)) {
          this.emit('warning', s, `${a.kind} suppressed (passive mode)`, span);
          return;
        }
        yield* this.control(s, a.kind, span);
        return;
      }
      default: {
        const never: never = a.kind;
        return never;
      }
    }
  }

  // ---------------------------------------------------------------- control (§4)

  /** control_service(): the same path for test-triggered and user actions (§4.1). */
  private *control(s: SvcState, a: ControlAction, span: Span | undefined): Generator<number, boolean, void> {
    switch (a) {
      case 'start':
        return yield* this.doStart(s, span);
      case 'stop': {
        const ok = yield* this.doDepend(s, 'stop', true, span);
        if (!ok) return false;
        return yield* this.doStop(s, true, span);
      }
      case 'restart': {
        this.emit('restart', s, 'trying to restart', span);
        yield* this.doDepend(s, 'stop', false, span);
        let ok: boolean;
        if (s.cfg.restart !== undefined) {
          ok = yield* this.runRestartProgram(s, s.cfg.restart);
        } else {
          ok = yield* this.doStop(s, false, span);
          if (ok) ok = yield* this.doStart(s, span);
        }
        if (ok) yield* this.doDepend(s, 'start', false);
        return ok;
      }
      case 'monitor':
        this.doMonitor(s);
        return true;
      case 'unmonitor':
        yield* this.doDepend(s, 'unmonitor', true, span);
        this.monitorUnset(s, span);
        return true;
      default: {
        const never: never = a;
        return never;
      }
    }
  }

  /** §4.6: parents first, then the service. */
  private doMonitor(s: SvcState): void {
    for (const p of s.parents) this.doMonitor(p);
    this.monitorSet(s);
  }

  /** §4.4, §4.5, §4.7: children, deepest first. */
  private *doDepend(s: SvcState, a: 'start' | 'stop' | 'unmonitor', unmonitor: boolean, span?: Span): Generator<number, boolean, void> {
    let ok = true;
    for (const c of s.children) {
      if (a === 'start') {
        if (c.monitor !== MONITOR.not) yield* this.doStart(c, undefined);
        continue;
      }
      if (!(yield* this.doDepend(c, a, unmonitor, span))) ok = false;
      if (a === 'stop') {
        if (!(yield* this.doStop(c, unmonitor, span))) ok = false;
      } else {
        this.monitorUnset(c, span);
      }
    }
    return ok;
  }

  /** _doStart (§2.5, §4.3). */
  private *doStart(s: SvcState, span: Span | undefined): Generator<number, boolean, void> {
    const failed: string[] = [];
    for (const p of s.parents) {
      if (p.monitor !== MONITOR.yes || p.waiting || p.error !== 0) {
        const started = yield* this.doStart(p, undefined);
        const checked = started && (yield* this.checkOnce(p));
        if (!checked) failed.push(p.name);
      }
    }
    let ok = failed.length === 0;
    if (ok) {
      const cmd = s.cfg.start;
      if (cmd === undefined) {
        // Monit logs the start of a service without a start program as "monitoring enabled"
        // (an exec success event), whatever its monitoring state; the real log shows it each time.
        this.emit('monitor', s, 'monitoring enabled (no start program)', span);
      } else if (s.cfg.kind !== 'process' || this.findProcess(s) === undefined) {
        this.emit('start', s, `start: '${argvOf(cmd).join(' ')}'`, cmd.span ?? span);
        const budget = (cmd.timeout?.value !== undefined ? cmd.timeout.value * 1000 : this.o.config.settings.limits.startTimeout);
        const t0 = this.now;
        const status = yield* this.execute(s, cmd, budget);
        let appeared = true;
        if (status >= 0 && s.cfg.kind === 'process') appeared = yield* this.waitStart(s, budget - (this.now - t0));
        if (status < 0 || !appeared) {
          ok = false;
          this.emit('start-failed', s, `failed to start (exit status ${status})`, cmd.span);
          { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), 'failed', `failed to start (exit status ${status})`, cmd.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        } else {
          { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), 'succeeded', 'started', cmd.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        }
      }
    } else {
      { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), 'failed', `could not start required services: '${failed.join("', '")}'`, span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
      // §4.3.2 says a start retry is scheduled for the next pass. The real 5.33 daemon shows no
      // such retry (test/sim/real-daemon.test.ts, "binary deleted, then written back"): while
      // the parent has errors the child is skipped (§1.10), and once the parent is OK the child's
      // own check finds it not running and restarts it ("trying to restart", §4.10.3). So none
      // is scheduled here.
    }
    this.monitorSet(s); // §2.5(g), §4.3.4: in every case
    return ok;
  }

  /** _doStop (§2.4, §4.4). */
  private *doStop(s: SvcState, unmonitor: boolean, span: Span | undefined): Generator<number, boolean, void> {
    let ok = true;
    if (off(s)) return true;
    const cmd = s.cfg.stop;
    const pid = s.cfg.kind === 'process' ? this.findProcess(s) : undefined;
    if (cmd !== undefined && (s.cfg.kind !== 'process' || pid !== undefined)) {
      this.emit('stop', s, `stop: '${argvOf(cmd).join(' ')}'`, cmd.span ?? span);
      const budget = cmd.timeout?.value !== undefined ? cmd.timeout.value * 1000 : this.o.config.settings.limits.stopTimeout;
      const t0 = this.now;
      const status = yield* this.execute(s, cmd, budget);
      if (pid !== undefined) {
        // §2.4.3: only the PID's disappearance counts, probed every 100 ms within the budget.
        while (this.o.host.alive(pid) && this.now - t0 < budget) yield Math.min(100, budget - (this.now - t0));
        if (this.o.host.alive(pid)) {
          ok = false;
          this.emit('stop-failed', s, `failed to stop (exit status ${status})`, cmd.span);
          { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), 'failed', `failed to stop (exit status ${status})`, cmd.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        }
      }
    }
    if (unmonitor) this.monitorUnset(s, span);
    else {
      this.resetInfo(s);
      s.monitor = MONITOR.init;
    }
    return ok;
  }

  private *runRestartProgram(s: SvcState, cmd: Command): Generator<number, boolean, void> {
    this.emit('restart', s, `restart: '${argvOf(cmd).join(' ')}'`, cmd.span);
    const budget = cmd.timeout?.value !== undefined ? cmd.timeout.value * 1000 : this.o.config.settings.limits.restartTimeout;
    const t0 = this.now;
    this.resetInfo(s);
    const status = yield* this.execute(s, cmd, budget);
    const ok = status >= 0 && (s.cfg.kind !== 'process' || (yield* this.waitStart(s, budget - (this.now - t0))));
    { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), ok ? 'succeeded' : 'failed', ok ? 'restarted' : `failed to restart (exit status ${status})`, cmd.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
    this.monitorSet(s);
    return ok;
  }

  /**
   * Runs a program and polls every 100 ms for it to exit, up to `budget` ms; a program still
   * running then is killed and the status is −1 (§2.5(c)). A daemon quit also kills it (§7.4).
   */
  private *execute(s: SvcState, cmd: Command, budget: number): Generator<number, number, void> {
    const out = this.o.host.runProgram(argvOf(cmd), `run by monit for '${s.name}'`);
    const t0 = this.now;
    const ends = t0 + Math.ceil(out.duration / 100) * 100;
    while (this.now < ends) {
      if (this.now - t0 >= budget || this.stopRequested) {
        this.emit('warning', s, `program '${argvOf(cmd).join(' ')}' ${this.stopRequested ? 'killed as the daemon stops' : 'timed out and was killed'}`, cmd.span);
        return -1;
      }
      yield Math.min(this.stopRequested ? 100 : ends - this.now, 100 * Math.ceil((budget - (this.now - t0)) / 100), 1000);
    }
    return out.exit;
  }

  /** Probes at 0.1, 0.2, 0.4, 0.8, 1.6 s, then every 1 s, within the budget (§2.5(d)). */
  private *waitStart(s: SvcState, budget: number): Generator<number, boolean, void> {
    let spent = 0;
    let delay = 100;
    while (spent < budget) {
      const d = Math.min(delay, budget - spent);
      yield d;
      spent += d;
      if (this.findProcess(s) !== undefined) return true;
      delay = delay >= 1600 ? 1000 : delay * 2;
    }
    return false;
  }

  /** _check(): a one-off passive check of a parent during a start (§4.3.1). */
  private *checkOnce(p: SvcState): Generator<number, boolean, void> {
    this.forcePassive++;
    try {
      const r = yield* this.checkService(p);
      // §4.3: the check's own result decides (a paused port test is not a failure), not old error bits.
      return r === 'ok';
    } finally {
      this.forcePassive--;
    }
  }

  /** Util_monitorSet (§6.3). */
  private monitorSet(s: SvcState): void {
    if (!off(s)) return;
    s.monitor = MONITOR.init;
    this.dirty = true;
    this.emit('monitor', s, 'monitoring enabled');
  }

  /** Util_monitorUnset (§6.2). */
  private monitorUnset(s: SvcState, span: Span | undefined): void {
    if (off(s)) return;
    s.monitor = MONITOR.not;
    s.waiting = false;
    s.nstart = 0;
    s.ncycle = 0;
    s.everyCounter = 0;
    s.error = 0;
    s.events.clear();
    this.resetInfo(s);
    this.dirty = true;
    this.emit('unmonitor', s, 'monitoring disabled', span);
  }

  /** Util_resetInfo: cached PID, file metadata, last computed checksum (§6.2). */
  private resetInfo(s: SvcState): void {
    s.pid = undefined;
    s.prevPid = undefined;
    s.prevPpid = undefined;
    s.info = undefined;
  }

  // ---------------------------------------------------------------- checks

  private *checkService(s: SvcState): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    const cfg = s.cfg;
    switch (cfg.kind) {
      case 'process':
        return yield* this.checkProcess(s);
      case 'file': case 'fifo': case 'directory':
        return yield* this.checkFileLike(s, cfg.path.value);
      case 'filesystem':
        return yield* this.checkExistsOnly(s, cfg.path.value);
      case 'program':
        return yield* this.checkProgram(s, cfg.command);
      case 'host':
        return yield* this.checkConnections(s);
      case 'system': case 'network':
        return 'ok'; // resource and link tests are not simulated: they always pass
      default: {
        const never: never = cfg;
        return never;
      }
    }
  }

  private implicit(s: SvcState): RuleActions {
    s.implicit ??= implicitRule('restart', s.cfg.keywordSpan);
    return s.implicit;
  }

  private execRule(s: SvcState): RuleActions {
    s.execRule ??= implicitRule('alert', s.cfg.start?.span ?? s.cfg.keywordSpan);
    return s.execRule;
  }

  /** ProcessTree_findProcess (§2.1). */
  findProcess(s: SvcState): number | undefined {
    const cfg = s.cfg;
    if (cfg.kind !== 'process') return undefined;
    const host = this.o.host;
    if (s.pid !== undefined && host.alive(s.pid)) return s.pid;
    let pid: number | undefined;
    if (cfg.pidfile !== undefined) {
      const p = host.readPidfile(cfg.pidfile.value);
      if (p !== undefined && host.alive(p)) pid = p;
    } else if (cfg.matching !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(cfg.matching.value);
      } catch {
        re = /$^/;
      }
      const matches = [...host.processes.values()].filter((p) => re.test(p.cmdline));
      const roots = matches.filter((p) => !matches.some((q) => q.pid === p.ppid));
      roots.sort((a, b) => a.started - b.started || a.pid - b.pid);
      pid = roots[0]?.pid;
    }
    if (pid === undefined) this.resetInfo(s); // §2.1.4
    else s.pid = pid;
    return pid;
  }

  private existenceRules(s: SvcState): Array<{ exists: boolean; actions: RuleActions; span: Span | undefined; key: string }> {
    const explicit = s.cfg.tests.filter((t): t is Test & { kind: 'existence' } => t.kind === 'existence');
    if (explicit.length === 0) return [{ exists: false, actions: this.implicit(s), span: s.cfg.keywordSpan, key: 'nonexist' }];
    return explicit.map((t, i) => ({ exists: t.exists, actions: t.actions, span: t.span, key: `${t.exists ? 'exist' : 'nonexist'}#${i}` }));
  }

  /** The existence rule, explicit or implicit (§2.2). */
  private *postExistence(s: SvcState, present: boolean, what: string): Generator<number, void, void> {
    s.existRules ??= this.existenceRules(s);
    for (const r of s.existRules) {
      const failed = r.exists ? present : !present;
      const msg = present ? (r.exists ? `${what} exists` : `${what} exists`) : (s.cfg.kind === 'process' ? 'process is not running' : `${what} doesn't exist`);
      { const p = this.record(s, r.key, r.exists ? BIT.exist : BIT.nonexist, r.actions, failed ? 'failed' : 'succeeded', msg, r.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
      if (off(s)) return;
    }
  }

  /** check_process (§2.1–§2.3, §2.7, §2.10, §2.12, §8.1). */
  private *checkProcess(s: SvcState): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    const pid = this.findProcess(s);
    if (pid === undefined) {
      yield* this.postExistence(s, false, 'process');
      return 'failed';
    }
    yield* this.postExistence(s, true, 'process');
    if (off(s)) return 'failed';
    if ((s.error & BIT.timeout) !== 0) {
      // §3.7: the process runs again while the restart-limit error is set: "manually recovered".
      s.error &= ~BIT.timeout;
      for (const [k, e] of s.events) if (k.startsWith('timeout#')) e.state = EV_SUCCEEDED;
      this.emit('succeeded', s, 'process is running again: restart-limit error cleared (manually recovered)');
    }
    const proc = this.o.host.processes.get(pid);
    if (proc === undefined) return 'undetermined';
    // §2.5(f): an exec failure clears once the process is found running.
    { const p = this.record(s, 'exec', BIT.exec, this.execRule(s), 'succeeded', 'process is running', undefined); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
    { const p = this.record(s, 'zombie', BIT.data, (s.dataRule ??= implicitRule('alert', s.cfg.keywordSpan)), proc.zombie ? 'failed' : 'succeeded', proc.zombie ? `process with pid ${pid} is a zombie` : 'zombie check succeeded', undefined); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
    const uptime = (this.now - proc.started) / 1000;
    const tests = s.cfg.tests;
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i] as Test;
      if (off(s)) return 'failed';
      if (t.kind === 'pid' || t.kind === 'ppid') {
        const cur = t.kind === 'pid' ? pid : proc.ppid;
        const prev = t.kind === 'pid' ? s.prevPid : s.prevPpid;
        if (prev !== undefined && prev !== cur) { const p = this.record(s, `${t.kind}#${i}`, t.kind === 'pid' ? BIT.pid : BIT.ppid, t.actions, 'changed', `process ${t.kind.toUpperCase()} changed from ${prev} to ${cur}`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        else { const p = this.record(s, `${t.kind}#${i}`, t.kind === 'pid' ? BIT.pid : BIT.ppid, t.actions, 'changednot', `${t.kind} not changed`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
      } else if (t.kind === 'uptime') {
        const bad = cmp(t.operator, uptime, t.seconds);
        { const p = this.record(s, `uptime#${i}`, BIT.uptime, t.actions, bad ? 'failed' : 'succeeded', `uptime test ${bad ? 'failed' : 'succeeded'} [current uptime ${Math.floor(uptime)} s]`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
      }
    }
    if (off(s)) return 'failed';
    s.prevPid = pid;
    s.prevPpid = proc.ppid;
    const startTimeout = s.cfg.start?.timeout?.value !== undefined ? s.cfg.start.timeout.value : this.o.config.settings.limits.startTimeout / 1000;
    if (s.cfg.start !== undefined && uptime <= startTimeout) {
      // §2.7: no event is posted during the pause.
      if (s.cfg.tests.some((t) => t.kind === 'port' || t.kind === 'unixsocket')) this.emit('paused', s, `connection test paused for ${Math.round(startTimeout - uptime)} s while the process is starting`);
      return 'ok';
    }
    return yield* this.checkConnections(s);
  }

  /** Port and unix-socket tests (§8). Only loopback listeners are simulated; other hosts pass. */
  private *checkConnections(s: SvcState): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    let result: 'ok' | 'failed' = 'ok';
    const tests = s.cfg.tests;
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i] as Test;
      if (t.kind !== 'port' && t.kind !== 'unixsocket') continue;
      if (off(s)) return 'failed';
      const c = t.connection;
      const retry = c.retry?.value ?? 1;
      const timeout = c.timeout?.value !== undefined ? c.timeout.value * 1000 : this.o.config.settings.limits.networkTimeout;
      const hostName = connectionHost(s.cfg, c);
      const local = isLoopback(hostName);
      let ok = false;
      let why = '';
      for (let attempt = 1; attempt <= retry; attempt++) {
        if (t.kind === 'port' && c.port !== undefined) {
          if (!local) {
            ok = true;
            break;
          }
          const p = this.o.host.listening(c.port.value);
          if (p === undefined) why = `failed, cannot open a connection to INET[${hostName}]:${c.port.value} -- Connection refused`;
          else if (p.hung && (c.protocol !== undefined || c.send.length > 0 || c.expect.length > 0)) {
            // A hung server still completes the TCP handshake (the kernel does), so only a test
            // that waits for an answer (a protocol, send/expect) times out (§8.2).
            yield timeout;
            why = `failed, connection to INET[${hostName}]:${c.port.value} timed out`;
          } else ok = true;
        } else if (t.kind === 'unixsocket' && c.socket !== undefined) {
          const st = this.o.host.stat(c.socket.value);
          ok = st?.type === 'socket' && [...this.o.host.processes.values()].some((p) => p.cmdline.includes(c.socket?.value ?? '\0'));
          if (!ok) why = `failed, cannot open a connection to UNIX[${c.socket.value}]`;
        } else {
          ok = true;
        }
        if (ok) break;
        if (attempt < retry) this.emit('warning', s, `${why} (attempt ${attempt}/${retry})`, t.span);
      }
      const failed = t.succeeded ? ok : !ok;
      if (failed) result = 'failed';
      { const p = this.record(s, eventKey('conn', i), BIT.connection, t.actions, failed ? 'failed' : 'succeeded', failed ? why || 'connection succeeded' : 'connection succeeded', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
    }
    return result;
  }

  private *checkExistsOnly(s: SvcState, path: string): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    const present = this.o.host.stat(path) !== undefined;
    yield* this.postExistence(s, present, s.cfg.kind);
    return present ? 'ok' : 'failed';
  }

  /** check_file / check_directory / check_fifo (§5.1, tests in Monit's fixed order). */
  private *checkFileLike(s: SvcState, path: string): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    const host = this.o.host;
    const st = host.stat(path);
    if (st === undefined) {
      s.info = undefined;
      yield* this.postExistence(s, false, s.cfg.kind);
      return 'failed';
    }
    yield* this.postExistence(s, true, s.cfg.kind);
    if (off(s)) return 'failed';
    const typeOk = st.type === s.cfg.kind || (s.cfg.kind === 'file' && st.type === 'socket');
    { const p = this.record(s, 'invalid', BIT.invalid, this.implicit(s), typeOk ? 'succeeded' : 'failed', typeOk ? (s.events.has('invalid') ? `is a ${st.type}` : '') : `is not a ${s.cfg.kind}`, s.cfg.keywordSpan); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
    if (!typeOk || off(s)) return 'failed';
    s.info = st; // a fresh object per stat(): nothing else holds it
    let failed = false;
    for (const { test: t, index: i } of fileTestsInOrder(s.cfg.tests)) {
      // §5.1: an earlier action reset the service: later tests post nothing.
      if (off(s) || s.info === undefined) return 'failed';
      const r = yield* this.fileTest(s, path, t, i);
      if (r) failed = true;
    }
    return failed ? 'failed' : 'ok';
  }

  /** One file test; returns whether it failed. */
  private *fileTest(s: SvcState, path: string, t: Test, i: number): Generator<number, boolean, void> {
    const info = s.info;
    if (info === undefined) return false;
    const host = this.o.host;
    const key = eventKey(t.kind, i);
    switch (t.kind) {
      case 'checksum': {
        const cur = host.checksum(path, t.hashType ?? 'md5');
        if (cur === undefined) return false;
        if (t.changed) {
          const ref = s.checksumRef.get(t);
          s.checksumRef.set(t, cur);
          if (ref !== undefined && ref !== cur) {
            { const p = this.record(s, key, BIT.checksum, t.actions, 'changed', `checksum was changed for ${path}`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
            return true;
          }
          { const p = this.record(s, key, BIT.checksum, t.actions, 'changednot', 'checksum has not changed', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
          return false;
        }
        let base = t.expect?.value ?? s.checksumBase.get(t);
        if (base === undefined) {
          // §5.2: unreadable at parse time: the first computed value becomes the baseline.
          base = cur;
          s.checksumBase.set(t, cur);
        }
        const bad = base.toLowerCase() !== cur;
        { const p = this.record(s, key, BIT.checksum, t.actions, bad ? 'failed' : 'succeeded', bad ? `checksum failed, expected ${base} got ${cur}` : 'checksum is valid', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return bad;
      }
      case 'permission': {
        const mode = info.mode & 0o7777;
        if (t.changed) {
          const ref = s.persist.mode;
          s.persist.mode = mode;
          if (ref !== undefined && ref !== mode) {
            this.dirty = true;
            { const p = this.record(s, key, BIT.permission, t.actions, 'changed', `permission for ${path} changed from ${ref.toString(8).padStart(4, '0')} to ${mode.toString(8).padStart(4, '0')}`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
            return true;
          }
          { const p = this.record(s, key, BIT.permission, t.actions, 'changednot', 'permission not changed', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
          return false;
        }
        const bad = t.mode !== undefined && mode !== t.mode.value;
        { const p = this.record(s, key, BIT.permission, t.actions, bad ? 'failed' : 'succeeded', bad ? `permission test failed for ${path} -- current permission is ${mode.toString(8).padStart(4, '0')}` : s.events.has(key) ? `permission test succeeded [current permission ${mode.toString(8).padStart(4, '0')}]` : '', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return bad;
      }
      case 'uid': case 'gid': {
        const want = typeof t.id.value === 'number' ? t.id.value : (t.kind === 'uid' ? host.users : host.groups).get(t.id.value) ?? -1;
        const cur = t.kind === 'uid' ? info.uid : info.gid;
        const bad = cur !== want;
        { const p = this.record(s, key, t.kind === 'uid' ? BIT.uid : BIT.gid, t.actions, bad ? 'failed' : 'succeeded', bad ? `${t.kind} test failed for ${path} -- current ${t.kind} is ${cur}` : s.events.has(key) ? `${t.kind} test succeeded [current ${t.kind}=${cur}]` : '', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return bad;
      }
      case 'size': {
        if (t.changed) {
          const ref = s.persist.size;
          s.persist.size = info.size;
          if (ref !== undefined && ref !== info.size) {
            this.dirty = true;
            { const p = this.record(s, key, BIT.size, t.actions, 'changed', `size for ${path} changed to ${info.size} B`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
            return true;
          }
          { const p = this.record(s, key, BIT.size, t.actions, 'changednot', 'size has not changed', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
          return false;
        }
        const bad = cmp(t.operator, info.size, t.bytes);
        { const p = this.record(s, key, BIT.size, t.actions, bad ? 'failed' : 'succeeded', bad ? `size for ${path} failed, current size is ${info.size} B` : 'size test succeeded', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return bad;
      }
      case 'timestamp': {
        const value = t.which === 'timestamp' ? Math.max(info.mtime, info.ctime) : t.which === 'atime' ? info.atime : t.which === 'ctime' ? info.ctime : info.mtime;
        if (t.changed) {
          const ref = s.persist.ts[t.which];
          s.persist.ts[t.which] = value;
          if (ref !== undefined && ref !== value) {
            this.dirty = true;
            { const p = this.record(s, key, BIT.timestamp, t.actions, 'changed', `${t.which} for ${path} changed`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
            return true;
          }
          if (ref === undefined) this.dirty = true;
          { const p = this.record(s, key, BIT.timestamp, t.actions, 'changednot', 'timestamp has not changed', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
          return false;
        }
        const age = Math.floor((this.now - value) / 1000);
        const bad = cmp(t.operator, age, t.seconds);
        { const p = this.record(s, key, BIT.timestamp, t.actions, bad ? 'failed' : 'succeeded', bad ? `${t.which} for ${path} failed (age ${age} s)` : 'timestamp test succeeded', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return bad;
      }
      case 'content': {
        // §5.9: a log tail; the first sight skips existing content; a new inode or a shrink rereads.
        const bytes = host.readFile(path) ?? new Uint8Array();
        const known = s.persist.contentIno;
        let pos = s.persist.contentPos ?? bytes.length;
        if (known === undefined) pos = bytes.length;
        else if (known !== info.ino || bytes.length < pos) pos = 0;
        const text = new TextDecoder().decode(bytes.subarray(pos));
        const end = text.lastIndexOf('\n');
        const lines = end < 0 ? [] : text.slice(0, end).split('\n');
        s.persist.contentIno = info.ino;
        s.persist.contentPos = pos + (end < 0 ? 0 : new TextEncoder().encode(text.slice(0, end + 1)).length);
        this.dirty = true;
        let re: RegExp;
        try {
          re = new RegExp(t.pattern.value);
        } catch {
          return false;
        }
        const hit = lines.find((l) => (t.negate ? !re.test(l) : re.test(l)));
        { const p = this.record(s, key, BIT.content, t.actions, hit !== undefined ? 'failed' : 'succeeded', hit !== undefined ? `content match: ${hit}` : 'content doesn\'t match', t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
        return hit !== undefined;
      }
      default:
        return false; // other file tests (fsflags, …) are not simulated
    }
  }

  /** check_program: the exit status is evaluated in the next pass (§1.11). */
  private *checkProgram(s: SvcState, cmd: Command): Generator<number, 'ok' | 'failed' | 'undetermined', void> {
    let result: 'ok' | 'failed' | 'undetermined' = 'undetermined';
    const run = s.programRun;
    if (run !== undefined && run.ends <= this.now) {
      result = 'ok';
      for (const [i, t] of s.cfg.tests.entries()) {
        if (t.kind !== 'status' || off(s)) continue;
        const bad = t.changed ? false : cmp(t.operator, run.exit, t.value);
        if (bad) result = 'failed';
        { const p = this.record(s, `status#${i}`, BIT.status, t.actions, bad ? 'failed' : 'succeeded', bad ? `status failed (${run.exit})` : `status succeeded (${run.exit})`, t.span); if (p !== undefined) yield* this.act(s, p.action, p.e, p.transition); }
      }
    }
    if (run === undefined || run.ends <= this.now) {
      const out = this.o.host.runProgram(argvOf(cmd), `check program '${s.name}'`);
      s.programRun = { exit: out.exit, ends: this.now + out.duration };
    }
    return result;
  }

  /** Final states for the report. */
  snapshot(): SvcState[] {
    return this.services;
  }
}
