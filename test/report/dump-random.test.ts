/**
 * Random control files, generated from the grammar of spec/monit-grammar.md §4–§9 with a fixed
 * seed, through the real `monit -v -t` and `monitlint check --dump`: the verdicts must agree, and
 * where both accept, the service lists must be identical line for line. This reaches
 * combinations the corpus does not have (rates, recoveries, exec actions with ids, limits set
 * between tests, units, TLS options, every test kind on every service type that allows it).
 *
 * The generator aims at valid files; what Monit rejects anyway only counts for the verdict
 * comparison. A failure prints the generated file, so it can be turned into a focused test.
 */
import { cpus, hostname } from 'node:os';
import { expect, it } from 'vitest';
import { realFs } from '../../src/cli/real-fs.js';
import { dumpHostFromFs, dumpServiceList } from '../../src/report/dump.js';
import { extractServiceList, monitSuite } from '../support/monit.js';
import { checkText } from '../support/monitlint.js';
import { cachedRunMonitT } from '../support/oracle-cache.js';
import { prng } from '../../bench/generate.js';


class Gen {
  private readonly r: () => number;
  private names: string[] = [];
  private n = 0;

  constructor(seed: number) {
    this.r = prng(seed);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T;
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  op(): string {
    return this.pick(['>', '<', '>=', '<=', '=', '!=', 'greater', 'less', '']);
  }

  real(): string {
    return this.chance(0.5) ? String(this.int(1, 999)) : `${this.int(0, 99)}.${this.int(0, 99)}`;
  }

  sizeUnit(): string {
    return this.pick(['B', 'kB', 'KB', 'MB', 'GB', 'byte', 'kilobytes', 'megabyte', '']);
  }

  /** `[rate]` of §7.1, within the limits of §7.2. */
  rate(): string {
    if (this.chance(0.6)) return '';
    const y = this.int(1, 64);
    return this.chance(0.5) ? `for ${y} cycles` : `${this.int(1, y)} times within ${y} cycles`;
  }

  action(): string {
    const a = this.pick(['alert', 'alert', 'restart', 'start', 'stop', 'unmonitor', 'exec']);
    if (a !== 'exec') return a;
    let s = `exec "/bin/true ${this.pick(['a', 'b c', '--x=1'])}"`;
    if (this.chance(0.3)) s += ` as uid ${this.pick(['root', 'nobody', '0', '65534'])}`;
    if (this.chance(0.3)) s += ` and gid ${this.pick(['root', 'nogroup', '0'])}`;
    if (this.chance(0.3)) s += ` repeat every ${this.int(0, 9)} cycles`;
    return s;
  }

  /** `then ACTION [else …]`; `recovery` is the form the test allows (§7.3). */
  tail(recovery: 'success' | 'failure' | 'none'): string {
    let s = `${this.rate()} then ${this.action()}`;
    if (recovery === 'none' || this.chance(0.5)) return s;
    if (this.chance(0.3)) return `${s} else ${this.action()}`;
    const word = recovery === 'failure' ? 'failed' : this.pick(['succeeded', 'recovered', 'passed']);
    s += ` else if ${word} ${this.rate()} then ${this.action()}`;
    return s;
  }

  method(): string {
    const which = this.pick(['start', 'stop', 'restart']);
    let s = `  ${which} program = "/bin/true ${which}"`;
    if (this.chance(0.3)) s += ` as uid ${this.pick(['root', 'nobody', '0'])}`;
    if (this.chance(0.3)) s += ` and gid ${this.pick(['root', 'nogroup', '0'])}`;
    if (this.chance(0.4)) s += ` with timeout ${this.int(0, 7200)} seconds`;
    return s;
  }

  common(): string[] {
    const out: string[] = [];
    for (let i = this.int(0, 2); i > 0; i--) out.push(this.method());
    if (this.chance(0.2)) out.push(this.chance(0.5) ? `  every ${this.int(0, 20)} cycles` : `  ${this.pick(['every', 'not every'])} "${this.pick(['* 8-19 * * 1-5', '0 0 * * *', '30 2 * * 0'])}"`);
    if (this.chance(0.2)) out.push(`  mode ${this.pick(['active', 'passive', 'manual'])}`);
    if (this.chance(0.2)) out.push(`  onreboot ${this.pick(['start', 'nostart', 'laststate'])}`);
    for (let i = this.int(0, 2); i > 0; i--) out.push(`  group ${this.pick(['www', 'db', 'WWW', 'backend', 'mail'])}`);
    if (this.names.length > 0 && this.chance(0.4)) out.push(`  depends on ${[...new Set([this.pick(this.names), this.pick(this.names)])].join(', ')}`);
    if (this.chance(0.15)) out.push(`  alert ${this.pick(['a', 'b', 'c'])}@example.com${this.chance(0.5) ? ` ${this.pick(['', 'not '])}{ ${this.pick(['nonexist', 'timeout checksum', 'instance action', 'resource', 'uid gid size speed', 'link exec data'])} }` : ''}${this.chance(0.2) ? ' with mail-format { subject: x }' : ''}${this.chance(0.3) ? ` reminder ${this.int(1, 9)}` : ''}`);
    if (this.chance(0.05)) out.push(`  every ${this.int(1, 5)} cycles`);
    if (this.chance(0.1)) out.push(`  noalert ${this.pick(['a', 'b'])}@example.com`);
    if (this.chance(0.15)) out.push(`  if ${this.int(1, 5)} restarts within ${this.int(5, 10)} cycles then ${this.pick(['timeout', 'unmonitor', 'alert', 'stop', 'exec "/bin/true r"'])}`);
    return out;
  }

  connection(kind: 'process' | 'host'): string {
    const failed = this.chance(0.85);
    const head = failed ? 'if failed' : 'if succeeded';
    const recovery = failed ? 'success' : 'failure';
    const choice = this.int(0, kind === 'host' ? 4 : 3);
    if (choice === 0) {
      return `  ${head} url ${this.pick(['http', 'https'])}://${this.pick(['', 'u:p@', 'user@'])}example.com${this.pick(['', ':8080'])}${this.pick(['', '/', '/a/b', '/q?x=1'])}${this.chance(0.3) ? ` timeout ${this.int(1, 30)} seconds` : ''} ${this.tail(recovery)}`;
    }
    if (choice === 1 && kind === 'process') return `  ${head} unixsocket /run/x${this.int(1, 9)}.sock${this.chance(0.3) ? ' type udp' : ''}${this.chance(0.3) ? ` protocol ${this.pick(['http', 'redis', 'default'])}` : ''}${this.chance(0.3) ? ` timeout ${this.int(1, 30)} seconds` : ''}${this.chance(0.3) ? ` retry ${this.int(1, 3)}` : ''} ${this.tail(recovery)}`;
    if (choice === 4) {
      const ping = this.pick(['ping', 'ping4', 'ping6', 'icmp type echo']);
      let s = `  ${head} ${ping}`;
      if (this.chance(0.3)) s += ` count ${this.int(1, 9)}`;
      if (this.chance(0.3)) s += ` size ${this.int(8, 1492)}`;
      if (this.chance(0.3)) s += ` with timeout ${this.int(1, 30)} seconds`;
      if (this.chance(0.2)) s += ` responsetime < ${this.int(1, 900)} ms`;
      if (this.chance(0.1)) s += ' address 127.0.0.1';
      return `${s} ${this.tail(recovery)}`;
    }
    let s = `  ${head}${this.chance(0.3) ? ` host ${this.pick(['127.0.0.1', 'example.com'])}` : ''} port ${this.int(1, 65535)}`;
    if (this.chance(0.2)) s += ` ${this.pick(['ipv4', 'ipv6'])}`;
    if (this.chance(0.2)) s += ` type ${this.pick(['tcp', 'udp', 'tcpssl', 'tcpssl sslauto', 'tcpssl tlsv12 tlsv13', `tcpssl certmd5 "${'0f'.repeat(16)}"`])}`;
    if (this.chance(0.5)) {
      const proto = this.pick(['http', 'https', 'smtp', 'smtps', 'imap', 'imaps', 'pop', 'pops', 'mysql', 'mysqls', 'ssh', 'ftp', 'redis', 'pgsql', 'dns', 'default', 'ldap2', 'ldap3', 'memcache', 'websocket', 'ntp3', 'apache-status', 'sip', 'mqtt', 'clamav', 'postfix-policy', 'lmtp', 'gps', 'tns', 'rsync', 'rdate', 'nntp', 'dwp', 'sieve', 'spamassassin', 'fail2ban', 'mongodb']);
      s += ` protocol ${proto}`;
      if ((proto === 'http' || proto === 'https') && this.chance(0.5)) s += ` request "${this.pick(['/', '/status', '/a b', '/x?y=z'])}"`;
      if ((proto === 'http' || proto === 'https') && this.chance(0.3)) s += ` ${this.pick(['status = 200', 'method GET', 'hostheader "h"', 'http headers [Accept: */*]', 'username "u" password "p"'])}`;
      if (proto === 'smtp' && this.chance(0.5)) s += ' username "u" password "p"';
      if (proto === 'mysql' && this.chance(0.5)) s += ' username "u"';
      if (proto === 'sip' && this.chance(0.5)) s += ` target "me@example.com" maxforward ${this.int(0, 255)}`;
      if (proto === 'pgsql' && this.chance(0.5)) s += ' username "u" password "p" database "d"';
      if (proto === 'mqtt' && this.chance(0.5)) s += ' username "u" password "p"';
      if (proto === 'websocket') s += ` request "/ws"`;
      if (proto === 'apache-status') s += ` loglimit > ${this.int(1, 99)}%`;
    } else if (this.chance(0.2)) s += ' send "PING" expect "PONG"';
    if (this.chance(0.3)) s += ` with timeout ${this.int(1, 60)} seconds`;
    if (this.chance(0.2)) s += ` retry ${this.int(1, 5)}`;
    if (this.chance(0.2)) s += ` and responsetime ${this.pick(['<', '>'])} ${this.int(1, 5000)} ${this.pick(['ms', 'seconds'])}`;
    if (this.chance(0.2)) s += ` with ssl { ${this.pick(['verify: enable', 'selfsigned: allow', 'version: tlsv12', 'version: auto -tlsv12', 'ciphers: "HIGH"', ''])} }`;
    if (this.chance(0.1)) s += ` certificate valid > ${this.int(1, 90)} days`;
    if (this.chance(0.05)) s += ` certificate checksum ${this.pick(['', 'md5 '])}"${'a1'.repeat(16)}"`;
    if (this.chance(0.1)) s += ' address 127.0.0.1';
    return `${s} ${this.tail(recovery)}`;
  }

  service(): string[] {
    const kind = this.pick(['process', 'process', 'file', 'fifo', 'directory', 'filesystem', 'host', 'network', 'program', 'system'] as const);
    const name = `s${this.n++}`;
    const out: string[] = [];
    const tests: string[] = [];
    const existence = (): void => {
      if (this.chance(0.2)) tests.push(`  if ${this.pick(['does not exist', 'not exist', 'exist'])} ${this.tail('success')}`);
    };
    const perm = (): void => {
      if (this.chance(0.3)) tests.push(this.chance(0.7) ? `  if failed permission ${this.pick(['644', '0755', '4755', '600'])} ${this.tail('success')}` : `  if changed permission ${this.tail('none')}`);
      if (this.chance(0.2)) tests.push(`  if failed uid ${this.pick(['root', 'nobody', '0'])} ${this.tail('success')}`);
      if (this.chance(0.2)) tests.push(`  if failed gid ${this.pick(['root', 'nogroup', '0'])} ${this.tail('success')}`);
    };
    const timestamp = (): void => {
      if (this.chance(0.4)) {
        const which = this.pick(['timestamp', 'mtime', 'ctime', 'atime']);
        tests.push(this.chance(0.7) ? `  if ${which} ${this.pick(['>', '<'])} ${this.int(1, 90)} ${this.pick(['seconds', 'minutes', 'hours', 'days', 'months', ''])} ${this.tail('success')}` : `  if changed ${which} ${this.tail('none')}`);
      }
    };
    switch (kind) {
      case 'process':
        out.push(this.pick([`check process ${name} with pidfile /run/${name}.pid`, `check process ${name} with path /run/${name}.pid`, `check process ${name} matching "${name}[0-9]*"`]));
        if (this.chance(0.1)) tests.push(`  if failed security attribute "system_u:system_r:${name}_t" ${this.tail('success')}`);
        existence();
        for (let i = this.int(0, 4); i > 0; i--) {
          const res = this.pick(['cpu', 'totalcpu', 'memory', 'totalmemory', 'threads', 'children', 'loadavg', 'read', 'write', 'fd', 'uptime', 'pid', 'ppid', 'euid']);
          if (res === 'cpu' || res === 'totalcpu') tests.push(`  if ${res} ${this.op()} ${this.real()}% ${this.tail('success')}`);
          else if (res === 'memory' || res === 'totalmemory') tests.push(`  if ${res} ${this.op()} ${this.chance(0.5) ? `${this.real()}%` : `${this.real()} ${this.pick(['kB', 'MB', 'GB'])}`} ${this.tail('success')}`);
          else if (res === 'threads' || res === 'children') tests.push(`  if ${res} ${this.op()} ${this.int(0, 5000)} ${this.tail('success')}`);
          else if (res === 'loadavg') tests.push(`  if loadavg (${this.pick(['1min', '5min', '15min'])}) ${this.op()} ${this.real()} ${this.tail('success')}`);
          else if (res === 'read' || res === 'write') tests.push(this.chance(0.5) ? `  if ${this.pick(['', 'disk '])}${res} ${this.op()} ${this.int(1, 999)} ${this.pick(['kB', 'MB'])}/s ${this.tail('success')}` : `  if disk ${res} ${this.op()} ${this.int(1, 9999)} operations ${this.tail('success')}`);
          else if (res === 'fd') tests.push(`  if ${this.pick(['', 'total '])}filedescriptors ${this.op()} ${this.int(1, 99999)} ${this.tail('success')}`);
          else if (res === 'uptime') tests.push(`  if uptime ${this.pick(['>', '<'])} ${this.int(1, 99)} ${this.pick(['seconds', 'minutes', 'hours', 'days'])} ${this.tail('success')}`);
          else if (res === 'euid') tests.push(`  if failed ${this.pick(['uid', 'euid', 'gid'])} ${this.pick(['root', '0'])} ${this.tail('success')}`);
          else tests.push(`  if changed ${res} ${this.tail('none')}`);
        }
        for (let i = this.int(0, 2); i > 0; i--) tests.push(this.connection('process'));
        break;
      case 'file':
        out.push(`check file ${name} with path ${this.pick(['/etc/hostname', '/etc/passwd', '/nonexistent/x', '/var/log/syslog'])}`);
        existence();
        perm();
        timestamp();
        if (this.chance(0.3)) tests.push(this.chance(0.5) ? `  if failed ${this.pick(['', 'md5 ', 'sha1 '])}checksum ${this.tail('success')}` : `  if changed ${this.pick(['', 'md5 ', 'sha1 '])}checksum ${this.tail('none')}`);
        if (this.chance(0.1)) tests.push(`  if failed checksum expect ${this.pick(['"D41D8CD98F00B204E9800998ECF8427E"', '"da39a3ee5e6b4b0d3255bfef95601890afd80709"'])} ${this.tail('success')}`);
        if (this.chance(0.1)) tests.push(`  if ${this.pick(['', 'not '])}match "${this.pick(['x', 'y+'])}" ${this.tail('none')}`);
        if (this.chance(0.3)) tests.push(this.chance(0.6) ? `  if size ${this.op()} ${this.int(0, 999)} ${this.sizeUnit()} ${this.tail('success')}` : `  if changed size ${this.tail('none')}`);
        if (this.chance(0.3)) tests.push(`  if content ${this.pick(['=', '!='])} "${this.pick(['ERROR', '^ok$', 'fail(ed)?'])}" ${this.tail('none')}`);
        if (this.chance(0.2)) tests.push(`  ignore content ${this.pick(['=', '!='])} "noise"`);
        break;
      case 'fifo':
      case 'directory':
        out.push(`check ${kind} ${name} with path ${kind === 'fifo' ? '/run/x.fifo' : '/tmp'}`);
        existence();
        perm();
        timestamp();
        break;
      case 'filesystem':
        out.push(`check filesystem ${name} with path ${this.pick(['/', '/dev/sda1', '/srv'])}`);
        existence();
        perm();
        for (let i = this.int(0, 4); i > 0; i--) {
          const t = this.pick(['space', 'inode', 'read', 'write', 'servicetime', 'fsflags']);
          if (t === 'space') tests.push(`  if space ${this.pick(['', 'usage ', 'free '])}${this.op()} ${this.chance(0.5) ? `${this.real()}%` : `${this.real()} ${this.pick(['kB', 'MB', 'GB'])}`} ${this.tail('success')}`);
          else if (t === 'inode') tests.push(`  if inode ${this.pick(['', 'usage ', 'free '])}${this.op()} ${this.chance(0.5) ? `${this.real()}%` : String(this.int(0, 99999))} ${this.tail('success')}`);
          else if (t === 'read' || t === 'write') tests.push(this.chance(0.5) ? `  if ${t} ${this.op()} ${this.real()} ${this.pick(['kB', 'MB'])}/s ${this.tail('success')}` : `  if ${t} ${this.op()} ${this.int(1, 9999)} operations ${this.tail('success')}`);
          else if (t === 'servicetime') tests.push(`  if service time ${this.op()} ${this.chance(0.5) ? `${this.int(1, 999)} ms` : `${this.real()} s`} ${this.tail('success')}`);
          else tests.push(`  if changed fsflags ${this.tail('none')}`);
        }
        break;
      case 'host':
        out.push(`check host ${name} with address ${this.pick(['127.0.0.1', 'example.com', '::1'])}`);
        for (let i = this.int(1, 3); i > 0; i--) tests.push(this.connection('host'));
        break;
      case 'network':
        out.push(`check network ${name} with ${this.chance(0.5) ? 'interface lo' : 'address 127.0.0.1'}`);
        if (this.chance(0.3)) tests.push(this.pick([`  if link down ${this.tail('success')}`, `  if failed link ${this.tail('success')}`, `  if link up ${this.tail('failure')}`]));
        if (this.chance(0.2)) tests.push(`  if changed link ${this.tail('success')}`);
        if (this.chance(0.3)) tests.push(`  if saturation ${this.op()} ${this.int(1, 100)}% ${this.tail('success')}`);
        for (let i = this.int(0, 2); i > 0; i--) {
          const dir = this.pick(['upload', 'download']);
          if (this.chance(0.5)) tests.push(`  if ${dir} ${this.op()} ${this.int(1, 999)} ${this.chance(0.5) ? `${this.pick(['kB', 'MB', 'GB'])}/s` : 'packets/s'} ${this.tail('success')}`);
          else tests.push(`  if total ${dir} ${this.op()} ${this.int(1, 999)} ${this.pick(['kB', 'MB', 'GB', 'packets'])} in last ${this.pick(['', `${this.int(1, 24)} `])}${this.pick(['hours', 'hour'])} ${this.tail('success')}`);
        }
        break;
      case 'program':
        out.push(`check program ${name} with path "/bin/true ${this.pick(['x', 'a b'])}"${this.chance(0.4) ? ` with timeout ${this.int(1, 600)} seconds` : ''}`);
        tests.push(this.chance(0.8) ? `  if status ${this.op()} ${this.int(0, 255)} ${this.tail('success')}` : `  if changed status ${this.tail('none')}`);
        if (this.chance(0.3)) tests.push(`  if content ${this.pick(['=', '!='])} "out" ${this.tail('none')}`);
        break;
      case 'system':
        if (this.names.includes('sys')) return [];
        out.push('check system sys');
        for (let i = this.int(0, 4); i > 0; i--) {
          const t = this.pick(['loadavg', 'cpu', 'memory', 'swap', 'fd', 'uptime']);
          if (t === 'loadavg') tests.push(`  if loadavg (${this.pick(['1min', '5min', '15min'])}) ${this.op()} ${this.real()} ${this.tail('success')}`);
          else if (t === 'cpu') tests.push(`  if cpu ${this.pick(['', 'usage ', '(user) ', '(system) ', '(wait) ', '(nice) '])}${this.op()} ${this.real()}% ${this.tail('success')}`);
          else if (t === 'memory' || t === 'swap') tests.push(`  if ${t} ${this.pick(['', 'usage '])}${this.op()} ${this.chance(0.5) ? `${this.real()}%` : `${this.real()} ${this.pick(['MB', 'GB'])}`} ${this.tail('success')}`);
          else if (t === 'fd') tests.push(`  if filedescriptors ${this.op()} ${this.int(1, 999999)} ${this.tail('success')}`);
          else tests.push(`  if uptime ${this.pick(['>', '<'])} ${this.int(1, 99)} ${this.pick(['minutes', 'hours', 'days'])} ${this.tail('success')}`);
        }
        break;
      default: {
        const never: never = kind;
        throw new Error(String(never));
      }
    }
    // Depending only on entries written before keeps the graph free of loops.
    const body = [...this.common(), ...tests];
    this.names.push(kind === 'system' ? 'sys' : name);
    // Statements of an entry may come in any order.
    for (let i = body.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [body[i], body[j]] = [body[j] as string, body[i] as string];
    }
    return [...out, ...body];
  }

  file(): string {
    const lines: string[] = ['set daemon 30'];
    if (this.chance(0.3)) lines.push(`set onreboot ${this.pick(['start', 'nostart', 'laststate'])}`);
    for (let i = this.int(1, 6); i > 0; i--) {
      if (this.chance(0.15)) lines.push(`set limits { networktimeout: ${this.int(1, 60)} s, starttimeout: ${this.int(1, 300)} s, programtimeout: ${this.int(1, 600)} s, stoptimeout: ${this.int(1, 99999)} ms }`);
      if (this.chance(0.1)) lines.push(`set onreboot ${this.pick(['start', 'nostart', 'laststate'])}`);
      lines.push(...this.service());
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Files generated per run; raise it locally to search harder (MONITLINT_DUMP_RANDOM=500). */
const FILES = Number(process.env.MONITLINT_DUMP_RANDOM ?? 200);

monitSuite('dump: random control files agree with monit -v -t', () => {
  it(`gives the same verdict and service list on ${FILES} generated files`, async () => {
    const host = dumpHostFromFs(realFs, { hostname: hostname(), cpuCount: cpus().length });
    let accepted = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= FILES; seed++) {
      const text = new Gen(seed).file();
      const m = await cachedRunMonitT(text, { verbose: true, name: 'monitrc' });
      const r = checkText(text);
      if (m.accepted !== r.accepted) {
        failures.push(`seed ${seed}: monit ${m.accepted ? 'accepts' : `rejects (${m.errors[0]?.message})`}, monitlint ${r.accepted ? 'accepts' : `rejects (${r.diagnostics.find((d) => d.severity === 'error')?.message})`}\n${text}`);
        continue;
      }
      if (!m.accepted) continue;
      accepted++;
      const theirs = m.serviceList ?? [];
      const ours = extractServiceList(dumpServiceList(r.parsed.config, host));
      const n = Math.max(theirs.length, ours.length);
      let i = 0;
      while (i < n && theirs[i] === ours[i]) i++;
      if (i < n) failures.push(`seed ${seed}: line ${i + 1}\n  monit:     ${theirs[i]}\n  monitlint: ${ours[i]}\n${text}`);
    }
    console.log(`random dumps: ${accepted} of ${FILES} generated files accepted by both; ${failures.length} differ`);
    expect(failures.slice(0, 3).join('\n\n')).toBe('');
    // The generator must mostly produce valid files, or it tests nothing.
    expect(accepted).toBeGreaterThanOrEqual(FILES * 0.6);
  }, 300_000);
});
