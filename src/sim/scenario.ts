/**
 * The scenario format: a timed list of host events (the vocabulary a package-manager transaction
 * plan is made of) plus the host they happen on. YAML or JSON (JSON is read by the same YAML 1.2
 * parser), so every error has a line and a column. Documented in README, "simulate".
 */
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, yaml } from '../vendor.js';
import { isStrategy, STRATEGIES, type Strategy } from '../guard/types.js';
import type { UnitSpec } from './host.js';

/** A file present when the simulation starts. */
export interface ScenarioFile {
  path: string;
  content: string;
  mode: number;
  uid: number;
  gid: number;
}

/** A service-manager unit of the scenario: the host's unit, plus whether it runs at t = 0; times in ms. */
export interface ScenarioUnit extends UnitSpec {
  running: boolean;
  /** Always given by the scenario reader (default false). */
  unkillable: boolean;
}

/** How a Monit program command line maps to the host: a unit operation or a plain exit. */
export type ScenarioProgram =
  | { match: string; unit: string; op: 'start' | 'stop' | 'restart' }
  | { match: string; exit: number; duration: number; exits?: number[] };

/**
 * One scenario event. `at` is in ms from t = 0. This union is the interface the package-manager
 * transaction plans of the next issue produce.
 */
export type ScenarioEvent = { at: number; line: number; source: 'host' | 'guard'; label?: string } & (
  | { do: 'start' | 'stop' | 'restart' | 'try-restart' | 'reexec'; unit: string }
  | { do: 'note' }
  | { do: 'kill'; unit?: string; pid?: number; zombie: boolean }
  | { do: 'hang' | 'unhang' | 'unlisten'; unit: string }
  | { do: 'spawn'; exec: string; cmdline: string; pid?: number }
  | { do: 'write' | 'append'; path: string; content: string; mode?: number; uid?: number; gid?: number }
  | { do: 'replace'; path: string; content: string; method: 'rename' | 'unlink-write'; gap: number; mode?: number; uid?: number; gid?: number }
  | { do: 'remove' | 'touch'; path: string }
  | { do: 'chmod'; path: string; mode: number }
  | { do: 'chown'; path: string; uid?: number; gid?: number }
  | { do: 'monit'; command: string }
  | { do: 'monit-start' | 'monit-stop' | 'monit-kill' | 'monit-reload' }
  /**
   * monitlint's guard helper (src/guard/helper.ts) called by a package-manager hook: it runs
   * against the simulated daemon (src/sim/guard.ts) and the transaction waits until it returns.
   */
  | { do: 'guard'; op: 'pause' | 'resume'; strategy: Strategy }
  | { do: 'reboot'; bootTime: number }
);

export interface Scenario {
  file: string;
  hostname: string;
  /** ms after t = 0 when the simulation ends. */
  until: number;
  /** Monit passes before t = 0 (the daemon starts at phase − warmup × poll). */
  warmup: number;
  epochMs: number;
  monitRunning: boolean;
  users: Map<string, number>;
  groups: Map<string, number>;
  files: ScenarioFile[];
  units: ScenarioUnit[];
  programs: ScenarioProgram[];
  events: ScenarioEvent[];
}

/** A scenario that cannot be used: the message carries file:line:column. */
export class ScenarioError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

const EVENT_KINDS = ['start', 'stop', 'restart', 'try-restart', 'reexec', 'note', 'kill', 'hang', 'unhang', 'unlisten', 'spawn', 'write', 'append', 'replace', 'remove', 'touch', 'chmod', 'chown', 'monit', 'monit-start', 'monit-stop', 'monit-kill', 'monit-reload', 'guard', 'reboot'] as const;

class Reader {
  constructor(private readonly file: string, private readonly lc: LineCounter) {}

  fail(node: YamlNode | null | undefined, reason: string): never {
    const offset = node?.range?.[0] ?? 0;
    const pos = this.lc.linePos(offset);
    throw new ScenarioError(this.file, pos.line, pos.col, reason);
  }

  line(node: YamlNode): number {
    return this.lc.linePos(node.range?.[0] ?? 0).line;
  }

  /** The entries of a mapping node, checking that only `allowed` keys occur. */
  map(node: YamlNode | null | undefined, what: string, allowed: readonly string[]): Map<string, YamlNode> {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`);
    const out = new Map<string, YamlNode>();
    for (const pair of node.items) {
      const k = pair.key as YamlNode;
      if (!isScalar(k) || typeof k.value !== 'string') this.fail(k, `${what}: keys must be strings`);
      const key = k.value as string;
      if (!allowed.includes(key)) this.fail(k, `${what}: unknown key '${key}' (expected one of: ${allowed.join(', ')})`);
      if (out.has(key)) this.fail(k, `${what}: duplicate key '${key}'`);
      out.set(key, (pair.value ?? k) as YamlNode);
    }
    return out;
  }

  anyMap(node: YamlNode | null | undefined, what: string): Array<[string, YamlNode, YamlNode]> {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`);
    return node.items.map((pair) => {
      const k = pair.key as YamlNode;
      if (!isScalar(k)) this.fail(k, `${what}: keys must be scalars`);
      return [String(k.value), (pair.value ?? k) as YamlNode, k];
    });
  }

  seq(node: YamlNode | undefined, what: string): YamlNode[] {
    if (!isSeq(node)) this.fail(node, `${what} must be a list`);
    return node.items as YamlNode[];
  }

  str(node: YamlNode | undefined, what: string): string {
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) this.fail(node, `${what} must be a string`);
    return String(node.value);
  }

  num(node: YamlNode | undefined, what: string, min = 0): number {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) this.fail(node, `${what} must be a number`);
    if (node.value < min) this.fail(node, `${what} must be at least ${min}`);
    return node.value;
  }

  int(node: YamlNode | undefined, what: string, min = 0): number {
    const n = this.num(node, what, min);
    if (!Number.isInteger(n)) this.fail(node, `${what} must be a whole number`);
    return n;
  }

  bool(node: YamlNode | undefined, what: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') this.fail(node, `${what} must be true or false`);
    return node.value;
  }

  /** Seconds (a number) → ms. */
  secs(node: YamlNode | undefined, what: string): number {
    return Math.round(this.num(node, what) * 1000);
  }

  /** An octal mode: a string "0755"/"755" or a number written in octal digits. */
  mode(node: YamlNode | undefined, what: string): number {
    const text = isScalar(node) && node.source !== undefined ? String(node.source) : isScalar(node) ? String(node.value) : '';
    const digits = isScalar(node) && typeof node.value === 'string' ? node.value : text;
    if (!/^0?[0-7]{3,4}$/.test(digits)) this.fail(node, `${what} must be an octal mode such as "0755"`);
    return parseInt(digits, 8);
  }

  path(node: YamlNode | undefined, what: string): string {
    const p = this.str(node, what);
    if (!p.startsWith('/')) this.fail(node, `${what} must be an absolute path`);
    return p;
  }
}

/** Parses scenario text (YAML or JSON). Throws {@link ScenarioError} with a position. */
export function parseScenario(file: string, text: string): Scenario {
  const lc = new (yaml().LineCounter)();
  const doc: Document = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(file, lc);
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lc.linePos(first.pos[0]);
    throw new ScenarioError(file, pos.line, pos.col, first.message.split('\n')[0] ?? 'syntax error');
  }
  const root = r.map(doc.contents as YamlNode, 'the scenario', ['version', 'hostname', 'until', 'warmup', 'epoch', 'monit', 'users', 'groups', 'files', 'units', 'programs', 'events']);
  const version = root.get('version');
  if (version === undefined || r.int(version, 'version') !== 1) r.fail(version ?? (doc.contents as YamlNode), 'version: 1 is required (the only scenario format so far)');
  const until = root.get('until');
  if (until === undefined) r.fail(doc.contents as YamlNode, "'until' (seconds after t = 0 when the simulation ends) is required");
  let epochMs = Date.UTC(2026, 0, 1);
  const epochNode = root.get('epoch');
  if (epochNode !== undefined) {
    epochMs = Date.parse(r.str(epochNode, 'epoch'));
    if (Number.isNaN(epochMs)) r.fail(epochNode, 'epoch must be an ISO date-time such as "2026-01-01T00:00:00Z"');
  }
  let monitRunning = true;
  const monitNode = root.get('monit');
  if (monitNode !== undefined) {
    const m = r.map(monitNode, 'monit', ['running']);
    if (m.has('running')) monitRunning = r.bool(m.get('running'), 'monit.running');
  }
  const ids = (key: 'users' | 'groups'): Map<string, number> => {
    const out = new Map<string, number>([['root', 0]]);
    const n = root.get(key);
    if (n !== undefined) for (const [k, v] of r.anyMap(n, key)) out.set(k, r.int(v, `${key}.${k}`));
    return out;
  };
  const files: ScenarioFile[] = [];
  const filesNode = root.get('files');
  if (filesNode !== undefined) {
    for (const [path, v, k] of r.anyMap(filesNode, 'files')) {
      if (!path.startsWith('/')) r.fail(k, `files: '${path}' must be an absolute path`);
      const f = r.map(v, `files.${path}`, ['content', 'mode', 'uid', 'gid']);
      files.push({
        path,
        content: f.has('content') ? r.str(f.get('content'), 'content') : '',
        mode: f.has('mode') ? r.mode(f.get('mode'), 'mode') : 0o644,
        uid: f.has('uid') ? r.int(f.get('uid'), 'uid') : 0,
        gid: f.has('gid') ? r.int(f.get('gid'), 'gid') : 0,
      });
    }
  }
  const units: ScenarioUnit[] = [];
  const unitsNode = root.get('units');
  if (unitsNode !== undefined) {
    for (const [name, v] of r.anyMap(unitsNode, 'units')) {
      const u = r.map(v, `units.${name}`, ['exec', 'pidfile', 'port', 'start_time', 'port_delay', 'stop_time', 'die_after', 'broken', 'broken_exit', 'start_waits', 'command_time', 'running', 'enabled', 'unkillable']);
      if (!u.has('exec')) r.fail(v, `units.${name}: 'exec' (the daemon's binary) is required`);
      const startTime = u.has('start_time') ? r.secs(u.get('start_time'), 'start_time') : 1000;
      units.push({
        name,
        exec: r.path(u.get('exec'), 'exec'),
        ...(u.has('pidfile') ? { pidfile: r.path(u.get('pidfile'), 'pidfile') } : {}),
        ...(u.has('port') ? { port: r.int(u.get('port'), 'port', 1) } : {}),
        startTime,
        portDelay: u.has('port_delay') ? r.secs(u.get('port_delay'), 'port_delay') : startTime,
        stopTime: u.has('stop_time') ? r.secs(u.get('stop_time'), 'stop_time') : 1000,
        ...(u.has('die_after') ? { dieAfter: r.secs(u.get('die_after'), 'die_after') } : {}),
        broken: u.has('broken') ? r.bool(u.get('broken'), 'broken') : false,
        brokenExit: u.has('broken_exit') ? r.int(u.get('broken_exit'), 'broken_exit') : 1,
        startWaits: u.has('start_waits') ? r.bool(u.get('start_waits'), 'start_waits') : true,
        commandTime: u.has('command_time') ? r.secs(u.get('command_time'), 'command_time') : 100,
        running: u.has('running') ? r.bool(u.get('running'), 'running') : true,
        enabled: u.has('enabled') ? r.bool(u.get('enabled'), 'enabled') : true,
        unkillable: u.has('unkillable') ? r.bool(u.get('unkillable'), 'unkillable') : false,
      });
    }
  }
  const unitNames = new Set(units.map((u) => u.name));
  const programs: ScenarioProgram[] = [];
  const programsNode = root.get('programs');
  if (programsNode !== undefined) {
    for (const p of r.seq(programsNode, 'programs')) {
      const m = r.map(p, 'a program', ['match', 'unit', 'op', 'exit', 'duration']);
      const match = r.str(m.get('match') ?? p, 'match');
      if (m.has('unit')) {
        const unit = r.str(m.get('unit'), 'unit');
        if (!unitNames.has(unit)) r.fail(m.get('unit'), `no unit named '${unit}' in units`);
        const op = r.str(m.get('op') ?? p, 'op');
        if (op !== 'start' && op !== 'stop' && op !== 'restart') r.fail(m.get('op'), "op must be start, stop or restart");
        programs.push({ match, unit, op: op as "start" | "stop" | "restart" });
      } else {
        const exitNode = m.get('exit');
        // `exit: [0, 1, 1]`: successive runs exit with these statuses, the last one repeating.
        const exits = isSeq(exitNode) ? r.seq(exitNode, 'exit').map((n) => r.int(n, 'exit')) : undefined;
        if (exits !== undefined && exits.length === 0) r.fail(exitNode, 'exit: the list of statuses is empty');
        programs.push({
          match,
          exit: exits !== undefined ? (exits[0] as number) : exitNode !== undefined ? r.int(exitNode, 'exit') : 0,
          duration: m.has('duration') ? r.secs(m.get('duration'), 'duration') : 0,
          ...(exits !== undefined ? { exits } : {}),
        });
      }
    }
  }
  const events: ScenarioEvent[] = [];
  const eventsNode = root.get('events');
  const emptyEvents = eventsNode === undefined || (isScalar(eventsNode) && eventsNode.value === null);
  for (const ev of emptyEvents ? [] : r.seq(eventsNode, 'events')) {
    events.push(readEvent(r, ev, unitNames));
  }
  // Stable: events at the same time keep their written order.
  events.sort((a, b) => a.at - b.at);
  return {
    file,
    hostname: root.has('hostname') ? r.str(root.get('hostname'), 'hostname') : 'localhost',
    until: r.secs(until, 'until'),
    warmup: root.has('warmup') ? r.int(root.get('warmup'), 'warmup') : 2,
    epochMs,
    monitRunning,
    users: ids('users'),
    groups: ids('groups'),
    files,
    units,
    programs,
    events,
  };
}

const COMMON = ['at', 'do', 'source', 'label'];

function readEvent(r: Reader, node: YamlNode, units: ReadonlySet<string>): ScenarioEvent {
  if (!isMap(node)) r.fail(node, 'an event must be a mapping with at: and do:');
  const doNode = node.get('do', true) as YamlNode | undefined;
  const kind = r.str(doNode ?? node, 'do');
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) r.fail(doNode, `unknown event '${kind}' (expected one of: ${EVENT_KINDS.join(', ')})`);
  const keys: Record<string, string[]> = {
    start: ['unit'], stop: ['unit'], restart: ['unit'], 'try-restart': ['unit'], reexec: ['unit'], note: [], kill: ['unit', 'pid', 'zombie'], hang: ['unit'], unhang: ['unit'], unlisten: ['unit'],
    spawn: ['exec', 'cmdline', 'pid'], write: ['path', 'content', 'mode', 'uid', 'gid'], append: ['path', 'content'],
    replace: ['path', 'content', 'method', 'gap', 'mode', 'uid', 'gid'], remove: ['path'], touch: ['path'], chmod: ['path', 'mode'],
    chown: ['path', 'uid', 'gid'], monit: ['command'], 'monit-start': [], 'monit-stop': [], 'monit-kill': [], 'monit-reload': [], guard: ['op', 'strategy'], reboot: ['boot_time'],
  };
  const m = r.map(node, `event '${kind}'`, [...COMMON, ...(keys[kind] ?? [])]);
  const atNode = m.get('at');
  if (atNode === undefined) r.fail(node, "an event needs 'at' (seconds from t = 0)");
  const at = Math.round(r.num(atNode, 'at', -1e9) * 1000);
  const src = m.has('source') ? r.str(m.get('source'), 'source') : 'host';
  if (src !== 'host' && src !== 'guard') r.fail(m.get('source'), "source must be 'host' or 'guard'");
  const base = { at, line: r.line(node), source: src as 'host' | 'guard', ...(m.has('label') ? { label: r.str(m.get('label'), 'label') } : {}) };
  const unit = (): string => {
    const n = m.get('unit');
    const u = r.str(n ?? node, 'unit');
    if (!units.has(u)) r.fail(n, `no unit named '${u}' in units`);
    return u;
  };
  const path = (): string => r.path(m.get('path') ?? node, 'path');
  const opt = <T>(key: string, f: (n: YamlNode) => T): Partial<Record<string, T>> => (m.has(key) ? { [key]: f(m.get(key) as YamlNode) } : {});
  switch (kind) {
    case 'start': case 'stop': case 'restart': case 'try-restart': case 'reexec':
      return { ...base, do: kind, unit: unit() };
    case 'note':
      return { ...base, do: 'note' };
    case 'hang': case 'unhang': case 'unlisten':
      return { ...base, do: kind, unit: unit() };
    case 'kill': {
      if (!m.has('unit') && !m.has('pid')) r.fail(node, "kill needs 'unit' or 'pid'");
      return { ...base, do: 'kill', ...(m.has('unit') ? { unit: unit() } : {}), ...opt('pid', (n) => r.int(n, 'pid', 1)), zombie: m.has('zombie') ? r.bool(m.get('zombie'), 'zombie') : false };
    }
    case 'spawn': {
      const exec = r.path(m.get('exec') ?? node, 'exec');
      return { ...base, do: 'spawn', exec, cmdline: m.has('cmdline') ? r.str(m.get('cmdline'), 'cmdline') : exec, ...opt('pid', (n) => r.int(n, 'pid', 1)) };
    }
    case 'write': case 'append':
      return { ...base, do: kind, path: path(), content: m.has('content') ? r.str(m.get('content'), 'content') : '', ...opt('mode', (n) => r.mode(n, 'mode')), ...opt('uid', (n) => r.int(n, 'uid')), ...opt('gid', (n) => r.int(n, 'gid')) };
    case 'replace': {
      const method = m.has('method') ? r.str(m.get('method'), 'method') : 'rename';
      if (method !== 'rename' && method !== 'unlink-write') r.fail(m.get('method'), "method must be 'rename' or 'unlink-write'");
      return {
        ...base, do: 'replace', path: path(), content: m.has('content') ? r.str(m.get('content'), 'content') : '', method,
        gap: m.has('gap') ? r.secs(m.get('gap'), 'gap') : 0,
        ...opt('mode', (n) => r.mode(n, 'mode')), ...opt('uid', (n) => r.int(n, 'uid')), ...opt('gid', (n) => r.int(n, 'gid')),
      };
    }
    case 'remove': case 'touch':
      return { ...base, do: kind, path: path() };
    case 'chmod':
      return { ...base, do: 'chmod', path: path(), mode: r.mode(m.get('mode') ?? node, 'mode') };
    case 'chown':
      return { ...base, do: 'chown', path: path(), ...opt('uid', (n) => r.int(n, 'uid')), ...opt('gid', (n) => r.int(n, 'gid')) };
    case 'monit': {
      const command = r.str(m.get('command') ?? node, 'command');
      if (command.trim() === '') r.fail(m.get('command'), 'command must name a monit command, e.g. "unmonitor mysqld"');
      return { ...base, do: 'monit', command };
    }
    case 'monit-start': case 'monit-stop': case 'monit-kill': case 'monit-reload':
      return { ...base, do: kind };
    case 'guard': {
      const op = r.str(m.get('op') ?? node, 'op');
      if (op !== 'pause' && op !== 'resume') r.fail(m.get('op'), "op must be 'pause' or 'resume'");
      const strategy = m.has('strategy') ? r.str(m.get('strategy'), 'strategy') : 'pause';
      if (!isStrategy(strategy)) r.fail(m.get('strategy'), `strategy must be ${STRATEGIES.map((x) => `'${x}'`).join(' or ')}`);
      return { ...base, source: 'guard', do: 'guard', op, strategy };
    }
    case 'reboot':
      return { ...base, do: 'reboot', bootTime: m.has('boot_time') ? r.secs(m.get('boot_time'), 'boot_time') : 5000 };
    default:
      return r.fail(doNode, `unknown event '${kind}'`);
  }
}
