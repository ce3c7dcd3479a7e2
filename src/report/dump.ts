/**
 * `monitlint check --dump`: the parsed service list in the layout of `monit -v -t` (the section
 * that starts with "The service list contains the following entries:"), so that monitlint's model
 * can be compared with Monit's own, line for line.
 *
 * The layout and the order of the lines are Monit 5.33's (learned from its printer and checked
 * against the real program on the corpus, see test/check/dump-parity.test.ts). Three properties of
 * Monit's internal lists show through and are reproduced here on purpose:
 *
 * - most per-service lists are built by prepending, so tests of one kind print in the reverse of
 *   their source order (content tests are the exception: appended, source order);
 * - a few tests are single slots (checksum, permission, uid, euid, gid): the last one written wins;
 * - service groups are one global list, newest group first, so a service's groups print in the
 *   reverse order of the first appearance of each group anywhere in the file.
 *
 * Monit also adds tests the user did not write (spec §5.4): an existence test for processes,
 * files, fifos, directories and filesystems, `if changed fsflags then alert` for filesystems,
 * `if link down then alert` for networks, and a system service named after the host when the file
 * has no `check system`.
 *
 * This is a pure function of the model and a {@link DumpHost}: every value that Monit takes from
 * the machine while parsing (host name, user and group ids, CPU count, checksums of files, lines of
 * a pattern file) comes from there.
 */
import { createHash } from 'node:crypto';
import { readAccounts } from '../check/host.js';
import type { Fs } from '../config/fs.js';
import { decode } from '../config/load.js';
import { DEFAULT_LIMITS } from '../config/model.js';
import { monitProtocolName } from '../config/protocol-names.js';
import type {
  Action,
  AlertRecipient,
  Command,
  ConnectionOptions,
  Config,
  Located,
  Operator,
  Rate,
  RuleActions,
  Service,
  SslOptions,
  Test,
} from '../config/model.js';

/** What Monit reads from the machine while it parses, as far as the dump shows it. */
export interface DumpHost {
  /** Name of the implicit system service, and the value of `$HOST` in `check system`. */
  hostname: string;
  /** Monit's CPU count: `loadavg … per core` is a per-core test only on more than one CPU. */
  cpuCount: number;
  /** uid of a user name, undefined if there is no such user. */
  userId: (name: string) => number | undefined;
  /** gid of a group name, undefined if there is no such group. */
  groupId: (name: string) => number | undefined;
  /** Lowercase hex digest of a file, undefined if it cannot be read (Monit then prints zeros). */
  checksum: (path: string, type: 'md5' | 'sha1') => string | undefined;
  /** Lines of a pattern file (`if content = /path`), undefined if it cannot be read. */
  readLines: (path: string) => string[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Number formatting as C's printf and Monit's converters do it

/**
 * `printf("%.Nf", x)`: glibc rounds the exact binary value, ties to even. JavaScript's toFixed
 * breaks ties upwards, so exact ties are detected on a longer exact expansion.
 */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const long = a.toFixed(Math.min(100, digits + 30));
  const dot = long.indexOf('.');
  const intPart = long.slice(0, dot);
  const frac = long.slice(dot + 1);
  const kept = frac.slice(0, digits);
  const rest = frac.slice(digits);
  let roundUp = false;
  if (rest[0] !== undefined && rest[0] > '5') roundUp = true;
  else if (rest[0] === '5') {
    if (/[1-9]/.test(rest.slice(1))) roundUp = true;
    else {
      const last = digits > 0 ? kept[kept.length - 1] : intPart[intPart.length - 1];
      roundUp = Number(last) % 2 === 1;
    }
  }
  let digitsStr = intPart + kept;
  if (roundUp) digitsStr = (BigInt(digitsStr) + 1n).toString().padStart(digitsStr.length, '0');
  const ip = digitsStr.slice(0, digitsStr.length - digits) || '0';
  const fp = digitsStr.slice(digitsStr.length - digits);
  return `${neg ? '-' : ''}${ip}${digits > 0 ? `.${fp}` : ''}`;
}

/** libmonit's test for "print without decimals". */
function isInt(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-6;
}

/** Monit's `Convert_bytes2str`: 1024-based, `B`, `kB`, `MB` … with one decimal unless integral. */
export function bytesToString(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB'];
  const sign = bytes < 0 ? '-' : '';
  let b = Math.abs(bytes);
  for (const u of units) {
    if (b >= 1024) b /= 1024;
    else return `${sign}${cFixed(b, isInt(b) ? 0 : 1)} ${u}`;
  }
  return '';
}

/** Monit's `Convert_time2str`: milliseconds to `ms`, `s`, `m`, `h`, `d`, `y`, three decimals unless integral. */
export function timeToString(milli: number): string {
  const steps: Array<[number, string]> = [[1000, 'ms'], [60, 's'], [60, 'm'], [24, 'h'], [365, 'd'], [999, 'y']];
  const sign = milli < 0 ? '-' : '';
  let m = Math.abs(milli);
  for (const [base, suffix] of steps) {
    if (m >= base) m /= base;
    else return `${sign}${cFixed(m, isInt(m) ? 0 : 3)} ${suffix}`;
  }
  return '';
}

/** A value Monit's parser held in a C `float` (`value` in the grammar: resource limits, percentages). */
const f32 = Math.fround;

/** `%lld` of a value Monit truncated to an integer. */
function trunc(x: number): string {
  return String(Math.trunc(x));
}

// ---------------------------------------------------------------------------------------------
// Names Monit prints

const OPERATOR_NAMES: Record<Operator, string> = {
  '<': 'less than',
  '<=': 'less than or equal to',
  '>': 'greater than',
  '>=': 'greater than or equal to',
  '=': 'equal to',
  '!=': 'not equal to',
  changed: 'changed',
};

const OPERATOR_SHORT: Record<Operator, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '!=': '!=', changed: '<>' };

const SERVICE_TYPES: Record<Service['kind'], string> = {
  filesystem: 'Filesystem',
  directory: 'Directory',
  file: 'File',
  process: 'Process',
  host: 'Remote Host',
  system: 'System',
  fifo: 'Fifo',
  program: 'Program',
  network: 'Network',
};

/** Alert events in the order Monit prints them, keyed by the grammar's token name (lowercase). */
const EVENT_ORDER: Array<[string, string]> = [
  ['action', 'Action'],
  ['bytein', 'ByteIn'],
  ['byteout', 'ByteOut'],
  ['checksum', 'Checksum'],
  ['connection', 'Connection'],
  ['content', 'Content'],
  ['data', 'Data'],
  ['exec', 'Exec'],
  ['exist', 'Exist'],
  ['fsflag', 'Fsflags'],
  ['gid', 'Gid'],
  ['icmp', 'Icmp'],
  ['instance', 'Instance'],
  ['invalid', 'Invalid'],
  ['link', 'Link'],
  ['nonexist', 'Nonexist'],
  ['packetin', 'PacketIn'],
  ['packetout', 'PacketOut'],
  ['permission', 'Permission'],
  ['pid', 'PID'],
  ['ppid', 'PPID'],
  ['resource', 'Resource'],
  ['saturation', 'Saturation'],
  ['size', 'Size'],
  ['speed', 'Speed'],
  ['status', 'Status'],
  ['timeout', 'Timeout'],
  ['time', 'Timestamp'],
  ['uid', 'Uid'],
  ['uptime', 'Uptime'],
];

// ---------------------------------------------------------------------------------------------
// Rules and actions

function idOf(id: Located<string | number> | undefined, lookup: (name: string) => number | undefined): number | undefined {
  if (!id) return undefined;
  return typeof id.value === 'number' ? id.value : lookup(id.value);
}

class Printer {
  constructor(
    private readonly config: Config,
    private readonly host: DumpHost,
  ) {}

  private uid(id: Located<string | number> | undefined): number {
    return idOf(id, this.host.userId) ?? 0;
  }

  private gid(id: Located<string | number> | undefined): number {
    return idOf(id, this.host.groupId) ?? 0;
  }

  /** `Util_printAction`: the action name, and for `exec` the command, ids and repeat. */
  action(a: Action): string {
    let s: string = a.kind;
    if (a.kind === 'exec' && a.command) {
      s += ` '${a.command.argv.map((x) => x.value).join(' ')}'`;
      if (a.command.uid) s += ` as uid ${this.uid(a.command.uid)}`;
      if (a.command.gid) s += ` as gid ${this.gid(a.command.gid)}`;
      if (a.repeatEvery && a.repeatEvery.value !== 0) s += ` repeat every ${a.repeatEvery.value} cycle(s)`;
    }
    return s;
  }

  /** `Util_printEventratio`. */
  static rate(r: Rate): string {
    if (r.cycles <= 1) return '';
    return r.count === r.cycles ? `for ${r.cycles} cycles ` : `for ${r.count} times within ${r.cycles} cycles `;
  }

  /**
   * `Util_printRule`: the condition, the failure rate and action, and the recovery part when it
   * is not the default (alert). `inverse` is set for `if succeeded …` and `if link up` rules,
   * whose recovery is "else if failed". `noRecovery` for tests whose recovery Monit ignores.
   */
  rule(text: string, ra: RuleActions, inverse = false, noRecovery = false): string {
    let s = `${text} ${Printer.rate(ra.failRate)}then ${this.action(ra.failAction)}`;
    const rec = ra.recoveryAction;
    if (!noRecovery && rec && rec.kind !== 'alert') {
      s += ` else if ${inverse ? 'failed' : 'succeeded'} ${Printer.rate(ra.recoveryRate)}then ${this.action(rec)}`;
    }
    return s;
  }

  /** `Util_commandDescription`: arguments joined, cut to 252 bytes plus `...` when 255 or longer. */
  static commandText(c: Command): string {
    const full = c.argv.map((a) => a.value).join(' ');
    const bytes = Buffer.from(full, 'utf8');
    return bytes.length >= 255 ? `${bytes.subarray(0, 252).toString('utf8')}...` : full;
  }

  method(label: string, c: Command | undefined, out: string[]): void {
    if (!c) return;
    let s = ` ${pad(label)} = '${Printer.commandText(c)}'`;
    if (c.uid) s += ` as uid ${this.uid(c.uid)}`;
    if (c.gid) s += ` as gid ${this.gid(c.gid)}`;
    s += ` timeout ${timeToString((c.timeout?.value ?? 0) * 1000)}`;
    out.push(s);
  }

  // -------------------------------------------------------------------------------------------

  dump(): string {
    const lines: string[] = ['The service list contains the following entries:', ''];
    const groupOrder = this.groupOrder();
    let hasSystem = false;
    for (const s of this.config.services) {
      if (s.kind === 'system') hasSystem = true;
      lines.push(...this.service(s, groupOrder), '');
    }
    if (!hasSystem) {
      // postparse(): the default system service, named after the host (spec §5.4).
      lines.push(`${pad('System Name', 21)} = ${this.host.hostname}`);
      lines.push(` ${pad('Monitoring mode')} = active`);
      lines.push(` ${pad('On reboot')} = ${this.config.settings.onreboot?.value ?? 'start'}`);
      lines.push('');
    }
    lines.push('-'.repeat(79));
    return `${lines.join('\n')}\n`;
  }

  /**
   * Groups newest first: Monit prepends each new group to one global list. Group names compare
   * case-insensitively (`IS()`), and a group keeps the spelling of its first appearance.
   */
  private groupOrder(): Array<{ key: string; name: string }> {
    const seen: Array<{ key: string; name: string }> = [];
    for (const s of this.config.services) {
      for (const g of s.groups) if (!seen.some((x) => x.key === asciiUpper(g.value))) seen.push({ key: asciiUpper(g.value), name: g.value });
    }
    return seen.reverse();
  }

  private service(s: Service, groupOrder: Array<{ key: string; name: string }>): string[] {
    const out: string[] = [];
    const name = s.kind === 'system' ? s.name.value.split('$HOST').join(this.host.hostname) : s.name.value;
    out.push(`${pad(`${SERVICE_TYPES[s.kind]} Name`, 21)} = ${name}`);
    const groups: string[] = [];
    for (const g of groupOrder) for (const mine of s.groups) if (asciiUpper(mine.value) === g.key) groups.push(g.name);
    if (groups.length > 0) out.push(` ${pad('Group')} = ${groups.join(', ')}`);
    switch (s.kind) {
      case 'process':
        if (s.matching) out.push(` ${pad('Match')} = ${s.matching.value}`);
        else out.push(` ${pad('Pid file')} = ${s.pidfile?.value ?? ''}`);
        break;
      case 'host':
        out.push(` ${pad('Address')} = ${s.address.value}`);
        break;
      case 'network':
        out.push(` ${pad('Interface')} = ${s.address?.value ?? s.interface?.value ?? ''}`);
        break;
      case 'program':
        out.push(` ${pad('Path')} = ${s.command.argv.map((a) => a.value).join(' ')}`);
        break;
      case 'system':
        break;
      case 'file':
      case 'fifo':
      case 'directory':
      case 'filesystem':
        out.push(` ${pad('Path')} = ${s.path.value}`);
        break;
      default: {
        const never: never = s;
        throw new Error(`unknown service kind ${(never as Service).kind}`);
      }
    }
    out.push(` ${pad('Monitoring mode')} = ${s.monitoringMode?.value ?? 'active'}`);
    out.push(` ${pad('On reboot')} = ${s.onreboot?.value ?? s.defaultOnreboot ?? 'start'}`);
    this.method('Start program', s.start, out);
    this.method('Stop program', s.stop, out);
    this.method('Restart program', s.restart, out);

    const tests = s.tests;
    const of = <K extends Test['kind']>(...kinds: K[]): Array<Test & { kind: K }> =>
      tests.filter((t): t is Test & { kind: K } => (kinds as string[]).includes(t.kind));
    const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1];
    const rev = <T>(xs: T[]): T[] => [...xs].reverse();
    const line = (label: string, text: string): void => {
      out.push(` ${pad(label)} = ${text}`);
    };

    // Existence.
    const existence = of('existence');
    const nonexist = existence.filter((t) => !t.exists);
    const exist = existence.filter((t) => t.exists);
    const implicitExistence = ['process', 'file', 'fifo', 'directory', 'filesystem'].includes(s.kind) && existence.length === 0;
    if (implicitExistence) line('Existence', 'if does not exist then restart');
    for (const t of rev(nonexist)) line('Existence', this.rule('if does not exist', t.actions));
    for (const t of rev(exist)) line('Non-Existence', this.rule('if exist', t.actions));

    for (const d of rev(s.dependsOn)) line('Depends on Service', d.value);

    for (const t of rev(of('pid'))) line('Pid', this.rule('if changed', t.actions, false, true));
    for (const t of rev(of('ppid'))) line('PPid', this.rule('if changed', t.actions, false, true));
    const fsflags = of('fsflags');
    if (s.kind === 'filesystem' && fsflags.length === 0) line('Filesystem flags', 'if changed then alert');
    for (const t of rev(fsflags)) line('Filesystem flags', this.rule('if changed', t.actions, false, true));

    if (s.kind === 'program') {
      line('Program timeout', `terminate the program if not finished within ${timeToString((s.command.timeout?.value ?? 0) * 1000)}`);
      for (const t of rev(of('status'))) {
        if (t.changed) line('Status', this.rule('if exit value changed', t.actions, false, true));
        else line('Status', this.rule(`if exit value ${OPERATOR_SHORT[t.operator]} ${t.value}`, t.actions));
      }
    }

    const checksum = last(of('checksum'));
    if (checksum) line('Checksum', this.checksum(s, checksum));
    const perm = last(of('permission'));
    if (perm) {
      if (perm.changed) line('Permission', this.rule('if changed', perm.actions, false, true));
      else line('Permission', this.rule(`if failed ${(perm.mode?.value ?? 0).toString(8).padStart(4, '0')}`, perm.actions));
    }
    const uid = last(of('uid'));
    if (uid) line('UID', this.rule(`if failed ${this.uid(uid.id)}`, uid.actions));
    const euid = last(of('euid'));
    if (euid) line('EUID', this.rule(`if failed ${this.uid(euid.id)}`, euid.actions));
    for (const t of rev(of('securityattribute'))) line('Security attribute', this.rule(`if failed ${t.attribute.value}`, t.actions));
    for (const t of rev(of('filedescriptors'))) {
      if (t.total) line('Total filedescriptors', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${trunc(t.value)}`, t.actions));
      else if (t.percent) line('Filedescriptors', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${cFixed(f32(t.value), 1)}%`, t.actions));
      else line('Filedescriptors', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${trunc(t.value)}`, t.actions));
    }
    const gid = last(of('gid'));
    if (gid) line('GID', this.rule(`if failed ${this.gid(gid.id)}`, gid.actions));

    for (const t of rev(of('icmp'))) this.icmp(t, line);
    for (const t of rev(of('port', 'url'))) line('Port', this.rule(this.port(s, t.kind, t.succeeded, t.connection), t.actions, t.succeeded));
    for (const t of rev(of('unixsocket'))) line('Unix Socket', this.rule(this.unixSocket(t.succeeded, t.connection), t.actions, t.succeeded));

    for (const t of rev(of('timestamp'))) {
      const label = { timestamp: 'modify/change time', atime: 'access time', ctime: 'change time', mtime: 'modify time' }[t.which];
      if (t.changed) line(label, this.rule('if changed', t.actions, false, true));
      else line(label, this.rule(`if ${OPERATOR_NAMES[t.operator]} ${timeToString(t.seconds * 1000)}`, t.actions));
    }
    for (const t of rev(of('size'))) {
      if (t.changed) line('Size', this.rule('if changed', t.actions, false, true));
      else line('Size', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${trunc(t.bytes)} byte(s)`, t.actions));
    }

    const links = of('link');
    const status = links.filter((l) => l.form !== 'changed');
    if (s.kind === 'network' && status.length === 0) line('Link status', 'if down then alert');
    for (const t of rev(status)) line('Link status', this.rule(`if ${t.form === 'up' ? 'up' : 'down'}`, t.actions, t.form === 'up'));
    for (const t of rev(links.filter((l) => l.form === 'changed'))) line('Link capacity', this.rule('if changed', t.actions));
    for (const t of rev(of('saturation'))) line('Link utilization', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${cFixed(f32(Math.trunc(t.percent)), 1)}%`, t.actions));
    const bw = of('bandwidth');
    for (const [direction, packets] of [['upload', false], ['upload', true], ['download', false], ['download', true]] as const) {
      for (const t of rev(bw.filter((b) => b.direction === direction && b.packets === packets))) line(...this.bandwidth(t));
    }

    for (const t of rev(of('uptime'))) line('Uptime', this.rule(`if ${OPERATOR_NAMES[t.operator]} ${trunc(t.seconds)} second(s)`, t.actions));

    if (s.kind !== 'process') {
      for (const f of s.contentFilters) {
        for (const p of this.patterns(f.pattern.value, f.fromFile)) line('Ignore content', `if content ${f.negate ? '!=' : '='} "${p}" then ignore`);
      }
      for (const t of of('content', 'programcontent')) {
        const fromFile = t.kind === 'content' && t.fromFile;
        for (const p of this.patterns(t.pattern.value, fromFile)) line('Content', this.rule(`if content ${t.negate ? '!=' : '='} "${p}"`, t.actions, false, true));
      }
    }

    if (s.kind === 'filesystem') {
      for (const t of rev(of('space', 'inode', 'io', 'servicetime'))) line(...this.filesystem(t));
    }
    const resources = s.kind === 'filesystem' ? of('resource') : of('resource', 'io');
    for (const t of rev(resources)) {
      const r = this.resource(t);
      if (r) line(...r);
    }

    const every = s.every;
    if (every?.kind === 'cycles') line('Every', `Check service every ${every.cycles.value} cycles`);
    else if (every?.kind === 'cron') line('Every', `${every.negate ? "Don't check" : 'Check'} service every ${every.spec.value}`);

    for (const r of rev(s.restartLimits)) {
      line('Timeout', `If restarted ${r.restarts.value} times within ${r.cycles.value} cycle(s) then ${this.action(r.action)}`);
    }

    for (const m of rev(this.mailList(s))) {
      line('Alert mail to', m.address || '(not defined)');
      out.push(`   ${pad('Alert on', 18)} = ${m.events}`);
      if (m.reminder) out.push(`   ${pad('Alert reminder', 18)} = ${m.reminder} cycles`);
    }
    return out;
  }

  private checksum(s: Service, t: (Test & { kind: 'checksum' })): string {
    let type = t.hashType;
    let hash: string;
    if (t.expect) {
      hash = cleanHash(t.expect.value);
      type ??= hash.length === 40 ? 'sha1' : 'md5';
    } else {
      type ??= 'md5';
      const path = 'path' in s ? s.path.value : '';
      hash = this.host.checksum(path, type) ?? '0'.repeat(type === 'md5' ? 32 : 40);
    }
    const name = type.toUpperCase();
    if (t.changed) return this.rule(`if changed ${name}`, t.actions, false, true);
    return this.rule(`if failed ${hash}(${name})`, t.actions);
  }

  private patterns(pattern: string, fromFile: boolean): string[] {
    if (!fromFile) return [pattern];
    // addmatchpath(): one pattern per non-empty line, read with fgets into 2048 bytes.
    return (this.host.readLines(pattern) ?? []).filter((l) => l !== '');
  }

  private icmp(t: (Test & { kind: 'icmp' }), line: (label: string, text: string) => void): void {
    const c = t.connection;
    const timeoutMs = c.timeout ? c.timeout.value * 1000 : (c.defaultTimeoutMs ?? DEFAULT_LIMITS.networkTimeout);
    let text = `if ${t.succeeded ? 'succeeded' : 'failed'} count ${c.count?.value ?? 3} size ${c.size?.value ?? 64} with timeout ${timeToString(timeoutMs)}`;
    if (c.responseTime) text += ` and responsetime ${OPERATOR_NAMES[c.responseTime.operator]} ${timeToString(c.responseTime.milliseconds)}`;
    const via = c.outgoingAddress ?? c.address;
    if (via) text += ` via address ${via.value}`;
    const label = c.icmpType === 'ping4' ? 'Ping4' : c.icmpType === 'ping6' ? 'Ping6' : 'Ping';
    line(label, this.rule(text, t.actions, t.succeeded));
  }

  /**
   * `send`/`expect` switch a test whose protocol is still the default to `generic`; a later
   * `protocol` replaces it (after any other protocol they are an error, see src/check).
   */
  private protocolName(c: ConnectionOptions): string {
    const p = c.protocol;
    const lastSendExpect = [...c.send, ...c.expect].filter((x) => !p || x.span.file === p.span.file).reduce((m, x) => Math.max(m, x.span.startOffset), -1);
    if (lastSendExpect >= 0 && (!p || lastSendExpect > p.span.startOffset)) return 'generic';
    return monitProtocolName(p?.value ?? 'default');
  }

  private port(s: Service, kind: 'port' | 'url', succeeded: boolean, c: ConnectionOptions): string {
    const protocol = this.protocolName(c);
    let hostname: string;
    let port: number;
    let request = '';
    if (kind === 'url' && c.url) {
      const u = c.url.value;
      hostname = u.hostname ?? '';
      port = u.port;
      request = `${u.path}${u.query !== undefined ? `?${u.query}` : ''}`;
    } else {
      hostname = c.host?.value ?? (s.kind === 'host' ? s.address.value : 'localhost');
      port = c.port?.value ?? 0;
    }
    const opt = (name: string): string | number | undefined => {
      const found = c.protocolOptions.filter((o) => o.name === name);
      return found[found.length - 1]?.value;
    };
    const req = opt('request');
    if (req !== undefined && protocol === 'HTTP') request = urlEncode(String(req));
    else if (req !== undefined && protocol === 'WEBSOCKET') request = String(req);
    let text = `if ${succeeded ? 'succeeded' : 'failed'} [${hostname}]:${port}${request}`;
    if (c.address) text += ` via address ${c.address.value}`;
    const type = (c.transport ?? (c.type === 'udp' ? 'udp' : 'tcp')) === 'udp' ? 'UDP' : 'TCP';
    const family = c.ipVersion === 'ipv4' ? 'IPv4' : c.ipVersion === 'ipv6' ? 'IPv6' : 'IP';
    const timeoutMs = c.timeout ? c.timeout.value * 1000 : (c.defaultTimeoutMs ?? DEFAULT_LIMITS.networkTimeout);
    text += ` type ${type}/${family} protocol ${protocol} with timeout ${timeToString(timeoutMs)}`;
    if (c.retry && c.retry.value > 1) text += ` and retry ${c.retry.value} times`;
    if (c.responseTime) text += ` and responsetime ${OPERATOR_NAMES[c.responseTime.operator]} ${timeToString(c.responseTime.milliseconds)}`;
    if (this.tls(c)) {
      text += ' using TLS';
      const options = sslOptionsText(c.sslOptions);
      if (options) text += ` with options {${options}}`;
      if (c.certificateValidDays && c.certificateValidDays.value > 0) text += ` and certificate valid for at least ${c.certificateValidDays.value} days`;
      if (c.certificateChecksum) {
        const hash = cleanHash(c.certificateChecksum.hash.value);
        const type = c.certificateChecksum.hashType ?? (hash.length === 40 ? 'sha1' : 'md5');
        text += ` and certificate checksum ${type.toUpperCase()} equal to '${hash}'`;
      }
    }
    return text;
  }

  /** Whether Monit's SSL flags end up set for this connection. */
  private tls(c: ConnectionOptions): boolean {
    const o = c.sslOptions;
    return (
      c.ssl ||
      c.certificateValidDays !== undefined ||
      c.certificateChecksum !== undefined ||
      o.verify !== undefined ||
      o.selfsigned !== undefined ||
      o.versions.length > 0
    );
  }

  private unixSocket(succeeded: boolean, c: ConnectionOptions): string {
    const timeoutMs = c.timeout ? c.timeout.value * 1000 : (c.defaultTimeoutMs ?? DEFAULT_LIMITS.networkTimeout);
    const type = (c.transport ?? (c.type === 'udp' ? 'udp' : 'tcp')) === 'udp' ? 'UDP' : 'TCP';
    let text = `if ${succeeded ? 'succeeded' : 'failed'} ${c.socket?.value ?? ''} type ${type} protocol ${this.protocolName(c)} with timeout ${timeToString(timeoutMs)}`;
    if (c.retry && c.retry.value > 1) text += ` and retry ${c.retry.value} times`;
    if (c.responseTime) text += ` and responsetime ${OPERATOR_NAMES[c.responseTime.operator]} ${timeToString(c.responseTime.milliseconds)}`;
    return text;
  }

  private bandwidth(t: (Test & { kind: 'bandwidth' })): [string, string] {
    const op = OPERATOR_NAMES[t.operator];
    const dir = t.direction === 'upload' ? 'upload' : 'download';
    const limit = t.packets ? `${trunc(t.value)} packets` : bytesToString(Math.trunc(t.value) * t.unit);
    if (!t.total && !t.range) {
      const label = `${dir === 'upload' ? 'Upload' : 'Download'} ${t.packets ? 'packets' : 'bytes'}`;
      return [label, this.rule(`if ${op} ${limit}/s`, t.actions)];
    }
    let count = t.range?.count ?? 1;
    let unit: string = t.range?.unit ?? 'minute';
    if (unit === 'day') {
      // addbandwidth(): "last day" is kept as "last 24 hours".
      count = 24;
      unit = 'hour';
    }
    const label = t.packets ? (dir === 'upload' ? 'Total upload packets' : 'Total downl. packets') : `Total ${dir} bytes`;
    return [label, this.rule(`if ${op} ${limit} in last ${count} ${unit}(s)`, t.actions)];
  }

  private filesystem(t: (Test & { kind: 'space' | 'inode' | 'io' | 'servicetime' })): [string, string] {
    switch (t.kind) {
      case 'space': {
        const label = t.free ? 'Space free limit' : 'Space usage limit';
        const v = t.percent ? `${cFixed(f32(t.value), 1)}%` : bytesToString(Math.trunc(f32(f32(t.value) * t.unit)));
        return [label, this.rule(`if ${OPERATOR_NAMES[t.operator]} ${v}`, t.actions)];
      }
      case 'inode': {
        const label = t.free ? 'Inodes free limit' : 'Inodes usage limit';
        const v = t.percent ? `${cFixed(f32(t.value), 1)}%` : trunc(t.value);
        return [label, this.rule(`if ${OPERATOR_NAMES[t.operator]} ${v}`, t.actions)];
      }
      case 'io': {
        const label = t.direction === 'read' ? 'Read limit' : 'Write limit';
        const v = t.operations ? `${trunc(t.value)} operations/s` : `${bytesToString(Math.trunc(f32(f32(t.value) * t.unit)))}/s`;
        return [label, this.rule(`if ${t.direction} ${OPERATOR_NAMES[t.operator]} ${v}`, t.actions)];
      }
      case 'servicetime':
        return ['Service time limit', this.rule(`if service time ${OPERATOR_NAMES[t.operator]} ${timeToString(Math.trunc(t.milliseconds))}/operation`, t.actions)];
      default: {
        const never: never = t;
        throw new Error(`unknown filesystem test ${(never as Test).kind}`);
      }
    }
  }

  private resource(t: (Test & { kind: 'resource' | 'io' })): [string, string] | undefined {
    if (t.kind === 'io') {
      const dir = t.direction === 'read' ? 'read' : 'write';
      const label = `${t.disk ? `Disk ${dir}` : dir === 'read' ? 'Read' : 'Write'} limit`;
      const v = t.operations ? `${cFixed(Math.trunc(t.value), 0)} operations/s` : `${bytesToString(f32(f32(t.value) * t.unit))}/s`;
      return [label, this.rule(`if ${OPERATOR_NAMES[t.operator]} ${v}`, t.actions)];
    }
    const c = t.condition;
    const op = OPERATOR_NAMES[c.operator];
    const pct = (label: string): [string, string] => [label, this.rule(`if ${op} ${cFixed(f32(c.value), 1)}%`, t.actions)];
    const bytes = (label: string): [string, string] => [label, this.rule(`if ${op} ${bytesToString(f32(f32(c.value) * c.unit))}`, t.actions)];
    switch (c.resource) {
      case 'cpu':
        return pct('CPU usage limit');
      case 'totalcpu':
        return pct('CPU usage limit (incl. children)');
      case 'cpuuser':
        return pct('CPU user limit');
      case 'cpusystem':
        return pct('CPU system limit');
      case 'cpuwait':
        return pct('CPU I/O wait limit');
      case 'cpunice':
        return pct('CPU nice limit');
      case 'cpuhardirq':
        return pct('CPU hardware IRQ limit');
      case 'cpusoftirq':
        return pct('CPU software IRQ limit');
      case 'cpusteal':
        return pct('CPU steal limit');
      case 'cpuguest':
        return pct('CPU guest limit');
      case 'cpuguestnice':
        return pct('CPU guest nice limit');
      case 'memory':
        return c.percent ? pct('Memory usage limit') : bytes('Memory amount limit');
      case 'totalmemory':
        return c.percent ? pct('Memory usage limit (incl. children)') : bytes('Memory amount limit (incl. children)');
      case 'swap':
        return c.percent ? pct('Swap usage limit') : bytes('Swap amount limit');
      case 'threads':
        return ['Threads', this.rule(`if ${op} ${cFixed(Math.trunc(c.value), 0)}`, t.actions)];
      case 'children':
        return ['Children', this.rule(`if ${op} ${cFixed(Math.trunc(c.value), 0)}`, t.actions)];
      case 'loadavg1':
      case 'loadavg5':
      case 'loadavg15': {
        const minutes = c.resource.slice('loadavg'.length);
        const perCore = c.perCore && this.host.cpuCount > 1;
        return [`Load avg${perCore ? '/core' : ''} (${minutes}m)`, this.rule(`if ${op} ${cFixed(f32(c.value), 1)}`, t.actions)];
      }
      default: {
        const never: never = c.resource;
        throw new Error(`unknown resource ${String(never)}`);
      }
    }
  }

  /** `alert` and `noalert` recipients in one list, source order (Monit prepends; the caller reverses). */
  private mailList(s: Service): Array<{ address: string; events: string; reminder?: number; order: [number, number] }> {
    const fileIndex = (file: string): number => this.config.files.findIndex((f) => f.path === file);
    const list = [
      ...s.alerts.map((a) => ({ address: a.address.value, events: eventsText(a), ...(a.reminder ? { reminder: a.reminder.value } : {}), order: [fileIndex(a.span.file), a.span.startOffset] as [number, number] })),
      ...s.noalerts.map((n) => ({ address: n.value, events: 'No events', order: [fileIndex(n.span.file), n.span.startOffset] as [number, number] })),
    ];
    return list.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  }
}

/**
 * `printevents()`: "All events" for a plain `alert`, else the selected events (all but the listed
 * ones for `not { … }`), each followed by a space.
 */
function eventsText(a: AlertRecipient): string {
  if (a.events.length === 0) return 'All events';
  const chosen = new Set(a.events.map((e) => e.value));
  const names = EVENT_ORDER.filter(([key]) => (a.exclude ? !chosen.has(key) : chosen.has(key))).map(([, name]) => `${name} `);
  return names.length === 0 ? 'No events' : names.join('');
}

/** `Ssl_printOptions()`. */
function sslOptionsText(o: SslOptions): string {
  const parts: string[] = [];
  let version = -1;
  const bits: Record<string, number> = { sslv2: 1, sslv3: 2, tlsv1: 4, tlsv11: 8, tlsv12: 16, tlsv13: 32 };
  for (const v of o.versions) {
    const name = v.value;
    if (name === 'auto' || name === 'sslauto') version = (version === -1 ? 0 : version) | bits.tlsv12! | bits.tlsv13!;
    else if (name.startsWith('-')) {
      if (version !== -1) version &= ~(bits[name.slice(1)] ?? 0);
    } else version = (version === -1 ? 0 : version) | (bits[name] ?? 0);
  }
  if (version !== -1) {
    const names: Array<[number, string]> = [[1, 'SSLv2'], [2, 'SSLv3'], [4, 'TLSv1.0'], [8, 'TLSv1.1'], [16, 'TLSv1.2'], [32, 'TLSv1.3']];
    parts.push(`version: ${names.filter(([b]) => (version & b) !== 0).map(([, n]) => n).join(' ')}`);
  }
  if (o.verify?.value === true) parts.push('verify: enable');
  if (o.selfsigned?.value === 'allow') parts.push('selfsigned: allow');
  if (o.pemfile) parts.push(`pemfile: ${o.pemfile.value}`);
  if (o.pemchain) parts.push(`pemchain: ${o.pemchain.value}`);
  if (o.pemkey) parts.push(`pemkey: ${o.pemkey.value}`);
  if (o.clientpemfile) parts.push(`clientpemfile: ${o.clientpemfile.value}`);
  if (o.cacertificatefile) parts.push(`CACertificateFile: ${o.cacertificatefile.value}`);
  if (o.cacertificatepath) parts.push(`CACertificatePath: ${o.cacertificatepath.value}`);
  if (o.ciphers) parts.push(`ciphers: "${o.ciphers.value}"`);
  return parts.join(', ');
}

/** `cleanup_hash_string()`: hex digits only, lowercase. */
function cleanHash(s: string): string {
  return s.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}

/** `Util_urlEncode(s, false)`: percent-encodes controls, non-ASCII bytes, space and `"#%<>[\]^`{|}`. */
function urlEncode(s: string): string {
  const unsafe = new Set([...' "#%<>[\\]^`{|}']);
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x20 || byte >= 0x7f || unsafe.has(ch) ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

/** C's `toupper` in the C locale: ASCII letters only. */
function asciiUpper(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}

function pad(label: string, width = 20): string {
  return label.padEnd(width);
}

/**
 * The service list of an accepted configuration as `monit -v -t` prints it, from the heading
 * "The service list contains the following entries:" to the closing rule of 79 dashes.
 */
export function dumpServiceList(config: Config, host: DumpHost): string {
  return new Printer(config, host).dump();
}

/**
 * A {@link DumpHost} that reads the machine through an {@link Fs}: users and groups from
 * /etc/passwd and /etc/group, checksums and pattern files at their (mapped) paths.
 */
export function dumpHostFromFs(fs: Fs, opts: { hostname: string; cpuCount: number; mapPath?: (path: string) => string }): DumpHost {
  const accounts = readAccounts(fs);
  const map = opts.mapPath ?? ((p: string) => p);
  const read = (path: string): Uint8Array | undefined => {
    try {
      const st = fs.statSync(map(path));
      return st.isFile() ? fs.readFileSync(map(path)) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    hostname: opts.hostname,
    cpuCount: opts.cpuCount,
    userId: (name) => accounts.users.get(name),
    groupId: (name) => accounts.groups.get(name),
    checksum: (path, type) => {
      const bytes = read(path);
      return bytes ? createHash(type).update(bytes).digest('hex') : undefined;
    },
    readLines: (path) => {
      const bytes = read(path);
      if (!bytes) return undefined;
      const lines = decode(bytes).split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      return lines;
    },
  };
}
