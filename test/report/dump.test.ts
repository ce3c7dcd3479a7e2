/**
 * Focused tests of `monitlint check --dump` (src/report/dump.ts) on the constructs where Monit's
 * `-v` service list is least obvious: list orders, single-slot tests, implicit tests, defaults
 * taken from `set limits`/`set onreboot`, TLS options and number formatting. Each snippet follows
 * the examples of spec/monit-grammar.md and is compared line for line with the real `monit -v -t`
 * (uncached: these are small). A few tests pin the host seam (DumpHost) without monit, and the
 * number formatting is compared with the C library's printf.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realFs } from '../../src/cli/real-fs.js';
import { bytesToString, cFixed, dumpHostFromFs, dumpServiceList, timeToString, type DumpHost } from '../../src/report/dump.js';
import { extractServiceList, findExecutable, isCI, monitSuite, runMonitT } from '../support/monit.js';
import { checkText } from '../support/monitlint.js';

const thisHost = (): DumpHost => dumpHostFromFs(realFs, { hostname: hostname(), cpuCount: cpus().length });

/** monit's and monitlint's service lists of one control file; both must accept it. */
async function bothLists(text: string): Promise<{ monit: string[]; ours: string[] }> {
  const m = await runMonitT(text, { verbose: true });
  expect(m.errors, 'monit -t rejected the snippet').toEqual([]);
  expect(m.accepted).toBe(true);
  const r = checkText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { monit: m.serviceList ?? [], ours: extractServiceList(dumpServiceList(r.parsed.config, thisHost())) };
}

monitSuite('dump: tricky constructs agree with monit -v -t', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-dump-unit-'));
    // §8.13: `if content = /path` reads one pattern per line; empty lines are skipped.
    writeFileSync(join(dir, 'patterns'), 'first pattern\nsecond [0-9]+\n\nthird\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, () => string]> = [
    [
      'service methods: ids resolved to numbers, timeouts from the clause or from set limits (§6.1, §4.7)',
      () => `set limits { starttimeout: 45 s, stoptimeout: 1500 ms }
check process mmonit with pidfile /usr/local/mmonit/logs/mmonit.pid
    start program = "/bin/true" as uid root and gid root with timeout 90 seconds
    stop program  = "/bin/true stop" as uid nobody
    restart program = "/bin/true restart"
check process other matching "other"
    start program = "/bin/true"
`,
    ],
    [
      'every, mode and onreboot: mode manual keeps the mode, set onreboot reaches later entries only (§6.2, §6.3, §4.9)',
      () => `check process a matching "a"
  mode passive
  mode manual
  every 2 cycles
set onreboot nostart
check directory tmp with path /tmp
  every "* 8-19 * * 1-5"
check file hosts with path /etc/hosts
  not every "* 0-3 * * 0"
  onreboot laststate
`,
    ],
    [
      'groups print newest group first (names compare ignoring case), depends in reverse source order (§6.4, §6.5)',
      () => `check process a matching "a"
  group www
  group "db-servers"
  group www
  depends on b, c
  depends on d
check process b matching "b"
  group backend
  group WWW
check process c matching "c"
check process d matching "d"
`,
    ],
    [
      'alert and noalert recipients, newest first, with their events (§6.6)',
      () => `check process a matching "a"
  alert foo@bar but not on { instance, action } with mail-format { subject: x } and with reminder on 3 cycles
  noalert bar@baz
  alert all@baz
  alert some@baz { nonexist timeout checksum }
`,
    ],
    [
      'restart limits, newest first; timeout means unmonitor (§6.7)',
      () => `check process a matching "a"
  if 3 restarts within 5 cycles then unmonitor
  if 2 restart 3 cycle then stop
  if 5 restarts within 5 cycles then exec "/bin/echo restarted"
  if 4 restarts within 20 cycles then timeout
`,
    ],
    [
      'rates and recovery actions; a default (alert) recovery is not printed (§7)',
      () => `check process a matching "a"
  if cpu > 80% for 3 cycles then alert
  if totalcpu > 90% 2 times within 4 cycles then restart else if succeeded 2 cycles then exec "/bin/echo ok" as uid root
  if memory > 200 MB then alert else if succeeded then alert
  if succeeded port 9 then alert else if failed then restart
  if does not exist for 3 cycles then restart else if succeeded 2 times within 3 cycles then alert
  if changed pid then exec "/bin/echo pid" repeat every 2 cycles
check network lo with interface lo
  if link up then alert else if failed then exec "/bin/echo down"
`,
    ],
    [
      'single-slot tests: only the last checksum, permission, uid, euid and gid count (§8.7, §8.9, §8.12)',
      () => `check file passwd with path /etc/passwd
  if failed md5 checksum expect "D41D8CD98F00B204E9800998ECF8427E" then alert
  if failed sha1 checksum expect "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09" then alert
  if failed permission 644 then alert
  if failed permission 4755 then alert
  if failed uid 65534 then alert
  if failed uid root then alert
  if failed gid root then alert
check process a matching "a"
  if failed euid nobody then alert
  if failed euid 0 then alert
check file missing with path /nonexistent/monitlint
  if changed sha1 checksum then alert
  if changed permission then alert else if succeeded then restart
`,
    ],
    [
      'implicit tests and the system service named after the host (§5.4)',
      () => `check file f with path /etc/hostname
check filesystem root with path /
check fifo p with path /run/monitlint.fifo
  if not exist then alert
check network n with address 127.0.0.1
  if changed link then alert
check directory d with path /tmp
  if exist then alert
`,
    ],
    [
      'connection tests: hosts, requests, protocols, TLS options and certificates (§9)',
      () => `check host h with address 192.0.2.1
  if failed port 80 protocol http request "/x y/ä?q=1" status = 200 hostheader "h" then alert
  if failed port 81 protocol websocket request "/ws" origin "o" then alert
  if failed host example.com port 443 protocol https with timeout 10 seconds retry 3 and certificate valid > 30 days then alert
  if failed port 993 type tcpssl sslauto protocol imap then alert
  if failed port 84 ssl {} then alert
  if failed port 85 ssl { ciphers: "HIGH" } then alert
  if failed port 86 ssl { selfsigned: allow, verify: disable, version: auto, -tlsv12 } then alert
  if failed port 87 certificate checksum = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89" then alert
  if failed port 3306 ipv4 protocol mysqls then alert
  if failed port 123 protocol ntp3 then alert
  if failed port 124 protocol ntp3 type tcp then alert
  if failed port 125 type udp protocol https then alert
  if failed port 22 send "hello" expect "SSH" then alert
  if failed port 24 send "x" protocol pop then alert
  if failed port 25 send "x" protocol default then alert
  if failed port 26 protocol default send "x" then alert
  if failed port 83 address 127.0.0.1 responsetime < 100 ms then alert
  if failed url https://user:pw@example.com:8443/path?a=b&c=d and content = "ok" then alert
  if failed url http://[::1]/ then alert
  if failed ping4 count 5 size 128 with timeout 3 seconds then alert
  if succeeded ping6 then alert
  if failed icmp type echo address 127.0.0.1 responsetime > 2 s then alert
check process s matching "s"
  if failed unixsocket /run/x.sock type udp retry 2 then alert
  if failed port 80 then restart
`,
    ],
    [
      'a connection test without timeout takes the network timeout in force at the previous test (§4.7)',
      () => `set limits { networktimeout: 12 s }
check host h with address 192.0.2.1
  if failed port 22 then alert
  if failed ping then alert
  if failed port 23 then alert
  if failed ping then alert
set limits { networktimeout: 7 s }
check host i with address 192.0.2.1
  if failed port 22 then alert
  if failed port 23 then alert
`,
    ],
    [
      'the source address of a ping carries over to later pings, in any service (Monit never resets it)',
      () => `check host a with address 127.0.0.1
  if failed ping address 127.0.0.1 then alert
check host b with address 127.0.0.2
  if failed ping then alert
  if failed port 80 then alert
  if failed ping6 then alert
`,
    ],
    [
      'limits keep Monit number formats; of several conditions in one rule only the last counts (§8.2–§8.16)',
      () => `check process a matching "a"
  if cpu > 0.1% then alert
  if memory > 0.3 GB then alert
  if totalmemory > 1.5 GB then alert
  if threads > 1000 then alert
  if children > 50 then alert
  if loadavg (1min) > 1.25 then alert
  if read rate > 1 MB/s then alert
  if disk write > 100 operations then alert
  if cpu > 50% memory > 20% then alert
  if cpu > 50% read > 2 MB/s then alert
  if uptime > 3 days then alert
  if filedescriptors > 80% then alert
  if total filedescriptors > 2000 then alert
check filesystem fs with path /
  if space usage > 80% for 5 times within 15 cycles then alert
  if space usage > 1.5 GB then alert
  if space free < 10.5% then alert
  if inode usage > 100000 then alert
  if inode free < 5% then alert
  if service time > 1.5 seconds then alert
  if read > 1.5 MB/s then alert
  if write > 200 operations then alert
  if changed fsflags then alert
check file f with path /etc/passwd
  if timestamp > 90 seconds then alert
  if mtime > 1 second then alert
  if ctime > 36 hours then alert
  if atime > 2 months then alert
  if changed timestamp then alert
  if size > 2 GB then alert
  if changed size then alert
check network n with interface lo
  if saturation > 75% then alert
  if upload > 100 kB/s for 3 cycles then alert
  if download > 1000 packets/s then alert
  if total download > 10 packets in last 30 minutes then alert
  if total upload > 5 GB in last 12 hours then alert
  if total upload > 1 MB in last day then alert
check system sys
  if loadavg (15min) > 3 then alert
  if memory usage > 90% then alert
  if swap > 1 GB then alert
  if cpu usage (wait) > 20% then alert
  if cpu (system) > 30% then alert
check program p with path "/bin/echo a b" with timeout 90 seconds
  if status != 0 then alert
  if changed status then alert
  if content = "^x" then alert
`,
    ],
    [
      'content tests keep source order, ignore content prints as ignore, a pattern file gives one test per line (§8.13)',
      () => `check file f with path /etc/hostname
  if content = "ERROR" then alert
  ignore content = "foo"
  if content != "^ok$" then exec "/bin/echo c"
  if match "^legacy" then alert
  if content = ${join(dir, 'patterns')} then alert
  ignore content != ${join(dir, 'patterns')}
`,
    ],
    [
      'recovery spellings, last request wins, every 0 cycles, reminders (§6.2, §6.6, §7.1, §9.4)',
      () => `set onreboot laststate
check filesystem data with path "/srv/data"
  onreboot nostart
  if space usage > 80 % for 3 cycles then alert else if recovered then exec "/bin/echo ok" as gid root
  if inode usage > 90% then alert else if passed 2 cycles then restart
check process p with path /run/p.pid
  if failed port 80 for 3 cycles then alert
  if uptime > 30 minutes then alert
  if uptime < 10 then alert
  if totalmem > 10% then alert
  if failed host 127.0.0.1 port 8080 protocol http username "a" password "b" request "/one" request "/two" then alert
  if failed port 465 certificate checksum sha1 "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709" then alert
  every 0 cycles
  alert a@b.c with reminder 7
check program prog with path "/bin/true"
  if status != 0 for 2 times within 3 cycles then alert else if succeeded then restart
check host h with address localhost
  if failed ping count 0 then alert
`,
    ],
    [
      'process identity tests and every CPU kind of the system service (§8.6–§8.8, §8.3)',
      () => `check process dynamo with pidfile /etc/dynamo.pid every 2 cycles
  if failed security attribute "system_u:system_r:unconfined_t" then alert
  if failed security attribute "unconfined_u:unconfined_r:x" then restart
  if changed ppid then alert
  if failed euid nobody then alert else if succeeded then alert
check system s
  if filedescriptors > 80% then alert
  if cpu usage (user) > 70% then alert
  if cpu (nice) > 1% then alert
  if cpu (hardirq) > 1% then alert
  if cpu (softirq) > 1% then alert
  if cpu (steal) > 1% then alert
  if cpu (guest) > 1% then alert
  if cpu (guestnice) > 1% then alert
`,
    ],
    [
      'check system $HOST is named after the host; a long command is cut to 252 characters and "..."',
      () => `check system $HOST
  start program = "/bin/true ${'a'.repeat(300)}"
`,
    ],
  ];

  for (const [name, text] of cases) {
    it(name, async () => {
      const { monit, ours } = await bothLists(text());
      expect(ours).toEqual(monit);
    });
  }
});

describe('dump: what comes from the host', () => {
  const host = (over: Partial<DumpHost>): DumpHost => ({
    hostname: 'build-01',
    cpuCount: 4,
    userId: (n) => ({ www: 33 })[n],
    groupId: (n) => ({ www: 33 })[n],
    checksum: () => undefined,
    readLines: () => undefined,
    ...over,
  });
  const dump = (text: string, h: DumpHost): string[] => extractServiceList(dumpServiceList(checkText(text, false).parsed.config, h));

  it('names the implicit system service, and $HOST, after the host name it is given', () => {
    expect(dump('set daemon 30\n', host({}))).toContain('System Name           = build-01');
    expect(dump('check system web-$HOST\n', host({}))[0]).toBe('System Name           = web-build-01');
  });

  it('makes a per-core load test a plain one on a single CPU, as Monit does', () => {
    const text = 'check system s\n  if loadavg (5min) per core > 2 then alert\n';
    expect(dump(text, host({ cpuCount: 4 }))).toContain(' Load avg/core (5m)   = if greater than 2.0 then alert');
    expect(dump(text, host({ cpuCount: 1 }))).toContain(' Load avg (5m)        = if greater than 2.0 then alert');
  });

  it('prints the checksum the host computes, zeros when the file cannot be read', () => {
    const text = 'check file f with path /srv/app.bin\n  if failed sha1 checksum then alert\n';
    expect(dump(text, host({ checksum: (p, t) => (p === '/srv/app.bin' && t === 'sha1' ? 'ab'.repeat(20) : undefined) }))).toContain(` Checksum             = if failed ${'ab'.repeat(20)}(SHA1) then alert`);
    expect(dump(text, host({}))).toContain(` Checksum             = if failed ${'0'.repeat(40)}(SHA1) then alert`);
  });

  it('prints user and group names as the ids the host resolves', () => {
    const text = 'check process p matching "p"\n  start program = "/bin/true" as uid www and gid www\n  if failed uid www then alert\n';
    const lines = dump(text, host({}));
    expect(lines).toContain(" Start program        = '/bin/true' as uid 33 as gid 33 timeout 30 s");
    expect(lines).toContain(' UID                  = if failed 33 then alert');
  });
});

describe('dump: number formats', () => {
  it('formats times and sizes as Monit converters do', () => {
    expect(timeToString(90_000)).toBe('1.500 m');
    expect(timeToString(5000)).toBe('5 s');
    expect(timeToString(100)).toBe('100 ms');
    expect(timeToString(3_600_000)).toBe('1 h');
    expect(timeToString(259_200_000)).toBe('3 d');
    expect(bytesToString(1024 ** 2)).toBe('1 MB');
    expect(bytesToString(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(bytesToString(1000)).toBe('1000 B');
    expect(bytesToString(10 * 1024)).toBe('10 kB');
  });

  // coreutils' printf formats with the C library, like Monit; in CI its absence is a failure.
  const printf = findExecutable('printf');
  it.skipIf(printf === null && !isCI())('rounds like C printf, ties to even on the exact binary value', () => {
    const values = [0.0625, 0.125, 2.5, 0.5, 1.0005, 80.5, 0.1, 1.25, 1.35, 2.675, 1e-7, 123456.7895, 0.9995, 99.95];
    for (let i = 0; i < 200; i++) values.push(Math.fround(Math.random() * 1000) / (1 + (i % 7)));
    for (const digits of [0, 1, 3]) {
      // The exact decimal expansion of each double, so printf's long double sees the same value.
      const r = spawnSync(printf ?? 'printf', [`%.${digits}f\\n`, ...values.map((v) => v.toFixed(80))], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(values.map((v) => cFixed(v, digits))).toEqual(r.stdout.trimEnd().split('\n'));
    }
  });
});
