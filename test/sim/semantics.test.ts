/**
 * One test (or a few) per numbered fact of spec/monit-semantics.md that the simulator
 * implements, named by the fact's number. Each runs a small scenario and asserts what Monit does.
 */
import { describe, expect, it } from 'vitest';
import { actions, finalState, kinds, passes, run } from './sim-support.js';

/** A process `app` with start/stop through systemctl, and its unit on the virtual host. */
function appConfig(extra = '', settings = ''): string {
  return `set daemon 10
${settings}
set httpd unixsocket /run/monit.sock
  allow admin:pw

check process app with pidfile /run/app.pid
  start program = "/usr/bin/systemctl start app"
  stop program = "/usr/bin/systemctl stop app"
${extra}
`;
}

function appScenario(events: string, opts: { until?: number; unit?: string; head?: string } = {}): string {
  return `version: 1
until: ${opts.until ?? 60}
${opts.head ?? ''}
files:
  /usr/sbin/app: { content: "app v1", mode: "0755" }
units:
  app: { exec: /usr/sbin/app, pidfile: /run/app.pid, port: 8080, ${opts.unit?.includes('start_time') === true ? '' : 'start_time: 1, '}stop_time: 0.5${opts.unit ?? ''} }
events:
${events.trim() === '' ? '  []' : events}
`;
}

/** The seed configuration of spec §11 with a 10 s (or given) poll. */
function seedConfig(poll = 10, extraBin = '', extraMysqld = ''): string {
  return `set daemon ${poll}
set httpd unixsocket /run/monit.sock
  allow admin:pw

check process mysqld with pidfile /var/run/mysqld/mysqld.pid
  start program = "/usr/bin/systemctl start mysql"
  stop program = "/usr/bin/systemctl stop mysql"
  if failed host 127.0.0.1 port 3306 protocol mysql with timeout 10 seconds then restart
  if 5 restarts within 5 cycles then timeout
  depends on mysql_bin
${extraMysqld}

check file mysql_bin with path /usr/sbin/mysqld
  if failed checksum then unmonitor
  if failed permission 755 then unmonitor
  if failed uid root then unmonitor
  if failed gid root then unmonitor
${extraBin}
`;
}

function seedScenario(events: string, until = 120, head = ''): string {
  return `version: 1
until: ${until}
${head}
files:
  /usr/sbin/mysqld: { content: "mysqld 8.0.35", mode: "0755" }
units:
  mysql: { exec: /usr/sbin/mysqld, pidfile: /var/run/mysqld/mysqld.pid, port: 3306, start_time: 2, stop_time: 0.5 }
events:
${events.trim() === '' ? '  []' : events}
`;
}

describe('§1 the daemon cycle', () => {
  it('§1.1 the sleep starts when the pass ends: a start blocking 8 s at poll 3 spaces passes 11 s apart', () => {
    const t = run(appConfig('', '').replace('set daemon 10', 'set daemon 3'), appScenario('  - { at: 0.5, do: kill, unit: app }', { until: 20, unit: ', start_time: 8' }), 1);
    const p = passes(t).filter((x) => x >= 0);
    expect(p[0]).toBe(1);
    expect(kinds(t, 'app', 'start')).toEqual([1]);
    expect(p[1]).toBeCloseTo(1 + 8 + 0.1 + 3, 3);
  });

  it('§1.3 a CLI action and a reload wake the daemon and move the phase', () => {
    const t = run(appConfig(), appScenario(`  - { at: 11, do: monit, command: "monitor app" }
  - { at: 23, do: monit-reload }`, { until: 45 }), 7);
    expect(passes(t).filter((x) => x >= 0)).toEqual([7, 11, 21, 23, 33, 43]);
  });

  it('§1.5 services are ordered after their parents, the implicit system service appended first', () => {
    const t = run(seedConfig(), seedScenario('', 5, 'hostname: db1'));
    expect(t.services.map((s) => s.name)).toEqual(['mysql_bin', 'db1', 'mysqld']);
  });

  it('§1.6 the start delay applies after a reboot or without a state file, not after a Monit restart', () => {
    const t = run(appConfig().replace('set daemon 10', 'set daemon 10 with start delay 4'), appScenario(`  - { at: 0, do: monit-start }
  - { at: 20, do: monit-stop }
  - { at: 30, do: monit-start }
  - { at: 50, do: reboot, boot_time: 5 }`, { until: 70, head: 'monit: { running: false }' }));
    const p = passes(t);
    expect(p).toContain(4);
    expect(p).not.toContain(0);
    expect(p).toContain(30);
    expect(p).toContain(59);
    expect(p).not.toContain(55);
  });

  it('§1.6 a reload during the start delay is handled at once; CLI actions wait for the HTTP interface', () => {
    const t = run(appConfig().replace('set daemon 10', 'set daemon 10 with start delay 30'), appScenario(`  - { at: 0, do: monit-start }
  - { at: 3, do: monit, command: "unmonitor app" }
  - { at: 5, do: monit-reload }`, { until: 20, head: 'monit: { running: false }' }));
    expect(passes(t)).toEqual([5, 15]);
    expect(t.entries.find((e) => e.kind === 'cli')?.detail).toMatch(/not up yet.*exit 1\)$/);
    expect(finalState(t, 'app')).toBe('yes');
  });

  it('§1.7 every 3 cycles: tested in pass 1, skipped in 2 and 3, tested in 4; a reload tests at once', () => {
    const cfg = appConfig('', '') + `
check file conf with path /etc/app.conf
  every 3 cycles
`;
    const sc = `version: 1
until: 60
files:
  /etc/app.conf: { content: "x" }
  /usr/sbin/app: { content: "v1" }
units:
  app: { exec: /usr/sbin/app, pidfile: /run/app.pid }
events:
  - { at: 25, do: monit-reload }
`;
    const t = run(cfg, sc);
    // passes: -20 (1, tested), -10, 0 (skipped), 10 (tested), 20 (skipped), 25 (reload: tested), 35, 45 (skipped), 55 (tested)
    expect(kinds(t, 'conf', 'skip')).toEqual([-10, 0, 20, 35, 45]);
  });

  it('§1.8 every "cron": at most once per minute, a matching minute between passes is missed', () => {
    const cfg = `set daemon 30
check file conf with path /etc/app.conf
  every "* * * * *"
`;
    const sc = `version: 1
until: 90
files:
  /etc/app.conf: { content: "x" }
  /usr/sbin/app: { content: "v1" }
events: []
`;
    const t = run(cfg, sc);
    expect(kinds(t, 'conf', 'skip')).toEqual([-30, 30, 90]);
  });

  it('§1.8 not every "cron": skipped while the time matches, tested otherwise', () => {
    const cfg = `set daemon 30
check file conf with path /etc/app.conf
  not every "0-1 * * * *"
`;
    const sc = `version: 1
until: 150
warmup: 0
files:
  /etc/app.conf: { content: "x" }
events: []
`;
    // minutes 0 and 1 after midnight match: passes at 0, 30, 60, 90 are skipped, 120 and 150 tested.
    expect(kinds(run(cfg, sc), 'conf', 'skip')).toEqual([0, 30, 60, 90]);
  });

  it('§1.10 a parent with an error makes Monit skip the child: a killed child is restarted only after the parent recovers', () => {
    const cfg = appConfig('  depends on conf') + `
check file conf with path /etc/app.conf
  if failed permission 644 then alert
`;
    const sc = appScenario(`  - { at: 1, do: chmod, path: /etc/app.conf, mode: "0600" }
  - { at: 12, do: kill, unit: app }
  - { at: 25, do: chmod, path: /etc/app.conf, mode: "0644" }`, { until: 45 }).replace('files:', 'files:\n  /etc/app.conf: { content: "x", mode: "0644" }');
    const t = run(cfg, sc);
    expect(kinds(t, 'conf', 'failed')).toEqual([10, 20]);
    expect(t.entries.some((e) => e.service === 'app' && e.kind === 'skip' && e.time === 20 && e.detail.includes("'conf' has errors"))).toBe(true);
    expect(kinds(t, 'app', 'restart')).toEqual([30]);
  });

  it('§1.11 and §3.4 `for 3 cycles … else if succeeded for 2 cycles`: action at the 8th evaluation, recovery at the 13th', () => {
    const cfg = `set daemon 10
check program probe with path "/usr/local/bin/probe"
  if status != 0 for 3 cycles then exec "/usr/local/bin/on-fail" else if succeeded for 2 cycles then exec "/usr/local/bin/on-ok"
`;
    const sc = `version: 1
until: 150
warmup: 0
programs:
  - { match: /usr/local/bin/probe, exit: [0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0] }
events: []
`;
    const t = run(cfg, sc);
    // Evaluation i happens in pass i + 1 (the status is read in the next pass, §1.11), at (i) × 10 s.
    const execs = t.entries.filter((e) => e.kind === 'exec').map((e) => [e.time, e.detail]);
    expect(execs).toEqual([[80, "exec: '/usr/local/bin/on-fail'"], [130, "exec: '/usr/local/bin/on-ok'"]]);
  });

  it('§3.4 `2 times within 4 cycles`: a failure that left the window does not count', () => {
    const cfg = `set daemon 10
check program probe with path "/usr/local/bin/probe"
  if status != 0 2 times within 4 cycles then exec "/usr/local/bin/on-fail" else if succeeded then exec "/usr/local/bin/on-ok"
`;
    const sc = `version: 1
until: 100
warmup: 0
programs:
  - { match: /usr/local/bin/probe, exit: [0, 1, 0, 0, 0, 1, 0, 1, 0, 0] }
events: []
`;
    const execs = run(cfg, sc).entries.filter((e) => e.kind === 'exec').map((e) => [e.time, e.detail]);
    expect(execs).toEqual([[80, "exec: '/usr/local/bin/on-fail'"], [90, "exec: '/usr/local/bin/on-ok'"]]);
  });
});

describe('§2 process checks', () => {
  it('§2.1 a cached PID is kept while alive even if the pidfile names another live PID; then the pidfile PID is adopted', () => {
    const t = run(appConfig(), appScenario(`  - { at: 1, do: spawn, exec: /sbin/init, pid: 1 }
  - { at: 2, do: write, path: /run/app.pid, content: "1" }
  - { at: 15, do: kill, unit: app }`, { until: 40 }));
    expect(actions(t)).toEqual({});
    expect(t.services.find((s) => s.name === 'app')?.pid).toBe(1);
  });

  it('§2.1 a pidfile holding a dead PID means "not running"; a reused PID means "running"', () => {
    const dead = run(appConfig(), appScenario('  - { at: 1, do: kill, unit: app }', { until: 15 }));
    expect(kinds(dead, 'app', 'restart')).toEqual([10]);
    const reused = run(appConfig(), appScenario(`  - { at: 1, do: kill, unit: app }
  - { at: 2, do: spawn, exec: /usr/bin/other, pid: 1000 }`, { until: 15 }));
    expect(actions(reused)).toEqual({});
  });

  it('§2.1 `matching`: the oldest matching process whose parent does not match', () => {
    const cfg = `set daemon 10
check process worker matching "worker"
  start program = "/usr/bin/systemctl start worker"
`;
    const sc = `version: 1
until: 30
files:
  /usr/bin/worker: { content: "w" }
units:
  worker: { exec: /usr/bin/worker }
events:
  - { at: 1, do: kill, unit: worker }
`;
    expect(kinds(run(cfg, sc), 'worker', 'restart')).toEqual([10]);
  });

  it('§2.2 an explicit `if does not exist then alert` replaces the implicit restart', () => {
    const t = run(appConfig('  if does not exist then alert'), appScenario('  - { at: 1, do: kill, unit: app }', { until: 50 }));
    expect(kinds(t, 'app', 'failed')).toEqual([10, 20, 30, 40, 50]);
    expect(kinds(t, 'app', 'alert')).toEqual([10]);
    expect(actions(t)).toEqual({});
  });

  it('§2.3 a missing process is restarted in every pass until it exists', () => {
    const t = run(appConfig().replace('stop program', 'start program = "/usr/bin/systemctl start app" with timeout 2 seconds\n  stop program').replace(/  start program = "\/usr\/bin\/systemctl start app"\n/, ''), appScenario('  - { at: 1, do: kill, unit: app }', { until: 40, unit: ', broken: true' }));
    expect(kinds(t, 'app', 'restart')).toEqual([10, 22, 34]);
    // §2.4: the process is gone, so the stop program never runs.
    expect(kinds(t, 'app', 'stop')).toEqual([]);
  });

  it('§2.4 a restart of a running process runs the stop program, waits for the PID to vanish, then starts', () => {
    const t = run(appConfig('  if failed port 8080 protocol http then restart'), appScenario('  - { at: 1, do: hang, unit: app }', { until: 20 }));
    expect(actions(t)).toEqual({ app: ['restart', 'stop', 'start'] });
    // the port test hung 5 s (the network timeout), the stop waited 0.5 s for the PID, the start 1 s for the pidfile.
    expect(kinds(t, 'app', 'stop')).toEqual([15]);
    expect(kinds(t, 'app', 'start')).toEqual([15.5]);
  });

  it('§2.4 a stop that cannot kill the PID takes the whole stop timeout and fails: no start in that pass', () => {
    const t = run(appConfig('  if failed port 8080 protocol http then restart'), appScenario('  - { at: 1, do: hang, unit: app }', { until: 60, unit: ', unkillable: true' }));
    expect(t.entries.filter((e) => e.kind === 'stop-failed').map((e) => [e.time, e.detail])).toEqual([[45, 'failed to stop (exit status 0)']]);
    expect(kinds(t, 'app', 'start')).toEqual([]);
  });

  it('§2.5(b) a start of a running process does not run the start program', () => {
    const t = run(appConfig(), appScenario('  - { at: 1, do: monit, command: "start app" }', { until: 20 }));
    expect(kinds(t, 'app', 'start')).toEqual([]);
  });

  it('§2.5(e) the exit status is ignored: a start with no process fails after the whole budget', () => {
    const cfg = appConfig().replace('start program = "/usr/bin/systemctl start app"', 'start program = "/usr/bin/systemctl start app" with timeout 3 seconds');
    const t = run(cfg, appScenario('  - { at: 1, do: kill, unit: app }', { until: 12, unit: ', broken: true, broken_exit: 3' }));
    const failed = t.entries.filter((e) => e.kind === 'start-failed');
    expect(failed.map((e) => [e.time, e.detail])).toEqual([[13, 'failed to start (exit status 3)']].filter(([time]) => (time as number) <= 12));
    const t2 = run(cfg, appScenario('  - { at: 1, do: kill, unit: app }', { until: 14, unit: ', broken: true, broken_exit: 3' }));
    expect(t2.entries.filter((e) => e.kind === 'start-failed').map((e) => [e.time, e.detail])).toEqual([[13, 'failed to start (exit status 3)']]);
  });

  it('§2.5(c) a start program still running at the timeout is killed: exit status -1', () => {
    const cfg = appConfig().replace('start program = "/usr/bin/systemctl start app"', 'start program = "/usr/local/bin/slow-start" with timeout 2 seconds');
    const sc = appScenario('  - { at: 1, do: kill, unit: app }', { until: 15 }).replace('events:', 'programs:\n  - { match: /usr/local/bin/slow-start, exit: 0, duration: 10 }\nevents:');
    const t = run(cfg, sc);
    expect(t.entries.filter((e) => e.kind === 'start-failed').map((e) => [e.time, e.detail])).toEqual([[12, 'failed to start (exit status -1)']]);
  });

  it('§2.7 port tests pause while the uptime is at most the start timeout, posting no event', () => {
    const cfg = appConfig('  if failed port 8080 protocol http then restart');
    const t = run(cfg, appScenario(`  - { at: 1, do: kill, unit: app }
  - { at: 12, do: hang, unit: app }`, { until: 50 }));
    // restarted at 10 (start ends 11.1) and hung at 12: passes at 21.1 and 31.1 are paused (no
    // event), 41.1 tests, times out after 5 s and restarts.
    expect(kinds(t, 'app', 'paused')).toEqual([21.1, 31.1]);
    expect(kinds(t, 'app', 'warning')).toEqual([]);
    expect(kinds(t, 'app', 'restart')).toEqual([10, 46.1]);
  });

  it('§2.8 passive mode: a missing process is never started by a test, but a user restart runs the programs', () => {
    const t = run(appConfig('  mode passive'), appScenario(`  - { at: 1, do: kill, unit: app }
  - { at: 25, do: monit, command: "restart app" }`, { until: 40 }));
    expect(kinds(t, 'app', 'failed')).toEqual([10, 20]);
    expect(actions(t)).toEqual({ app: ['restart', 'start'] });
    expect(kinds(t, 'app', 'start')).toEqual([25]);
  });

  it('§2.9 onreboot nostart: a new service starts Not monitored; `monit start` runs its program and monitors it', () => {
    const t = run(appConfig('  onreboot nostart'), appScenario(`  - { at: 0, do: monit-start }
  - { at: 5, do: monit, command: "start app" }`, { until: 20, head: 'monit: { running: false }', unit: ', running: false' }));
    expect(kinds(t, 'app', 'monitor')).toEqual([6.1]); // after the start attempt (§2.5(g))
    expect(kinds(t, 'app', 'start')).toEqual([5]);
    expect(finalState(t, 'app')).toBe('yes');
  });

  it('§2.10 `if changed pid` reveals a restart between passes, once', () => {
    const t = run(appConfig('  if changed pid then exec "/usr/local/bin/note"'), appScenario(`  - { at: 1, do: stop, unit: app }
  - { at: 3, do: start, unit: app }`, { until: 40 }));
    expect(kinds(t, 'app', 'exec')).toEqual([10]);
    expect(kinds(t, 'app', 'restart')).toEqual([]);
  });

  it('§2.11 §9.4 a binary replaced under a running process goes unnoticed by the process check', () => {
    const t = run(appConfig(), appScenario('  - { at: 1, do: replace, path: /usr/sbin/app, content: "app v2" }', { until: 40 }));
    expect(actions(t)).toEqual({});
    const app = t.services.find((s) => s.name === 'app');
    expect(app?.exeInode).not.toBe(app?.pathInode);
  });

  it('§2.12 `if uptime < N` compares the process start time', () => {
    const t = run(appConfig('  if uptime < 15 seconds then alert'), appScenario(`  - { at: 1, do: stop, unit: app }
  - { at: 3, do: start, unit: app }`, { until: 30 }));
    expect(kinds(t, 'app', 'failed')).toEqual([10]);
    expect(kinds(t, 'app', 'succeeded')).toEqual([20]);
  });

  it('§2.12 a zombie still counts as running, and raises the data event (alert)', () => {
    const t = run(appConfig(), appScenario('  - { at: 1, do: kill, unit: app, zombie: true }', { until: 30 }));
    expect(kinds(t, 'app', 'failed')[0]).toBe(10);
    expect(actions(t)).toEqual({});
  });
});

describe('§3 events and actions', () => {
  it('§3.5 exec runs at the transition and then every R-th failing evaluation with `repeat every R cycles`', () => {
    const t = run(appConfig('  if does not exist then exec "/usr/local/bin/page" repeat every 2 cycles'), appScenario('  - { at: 1, do: kill, unit: app }', { until: 60 }));
    expect(kinds(t, 'app', 'exec')).toEqual([10, 30, 50]);
  });

  it('§3.5 an exec without repeat runs only at the transition; restart re-runs every failing pass (§2.3)', () => {
    const t = run(appConfig('  if does not exist then exec "/usr/local/bin/page"'), appScenario('  - { at: 1, do: kill, unit: app }', { until: 60 }));
    expect(kinds(t, 'app', 'exec')).toEqual([10]);
  });

  it('§3.7 restart limit: restarts in passes 1–3, unmonitor in pass 4 (tumbling window, timeout = unmonitor)', () => {
    const cfg = appConfig('  if 3 restarts within 5 cycles then timeout').replace('start program = "/usr/bin/systemctl start app"', 'start program = "/usr/bin/systemctl start app" with timeout 2 seconds');
    const t = run(cfg, appScenario('  - { at: 1, do: kill, unit: app }', { until: 80, unit: ', broken: true' }));
    expect(kinds(t, 'app', 'restart')).toEqual([10, 22, 34]);
    expect(kinds(t, 'app', 'restart-limit')).toEqual([46]);
    expect(kinds(t, 'app', 'unmonitor')).toEqual([46]);
    expect(finalState(t, 'app')).toBe('not');
  });

  it('§3.7 a restart-limit action other than unmonitor repeats while the window holds; a running process clears the error', () => {
    const cfg = appConfig('  if 2 restarts within 3 cycles then alert').replace('start program = "/usr/bin/systemctl start app"', 'start program = "/usr/bin/systemctl start app" with timeout 1 seconds');
    const t = run(cfg, appScenario(`  - { at: 1, do: kill, unit: app }`, { until: 60, unit: ', die_after: 11.5' }));
    expect(kinds(t, 'app', 'restart-limit').length).toBeGreaterThan(0);
    expect(t.entries.some((e) => e.kind === 'succeeded' && e.detail.includes('manually recovered'))).toBe(true);
  });

  it('§3.7 passive mode still counts restarts toward the limit', () => {
    const t = run(appConfig('  mode passive\n  if 2 restarts within 5 cycles then unmonitor'), appScenario('  - { at: 1, do: kill, unit: app }', { until: 40 }));
    expect(kinds(t, 'app', 'unmonitor')).toEqual([30]);
  });
});

describe('§4 dependencies', () => {
  it('§4.5 a restart of a parent stops its children first and starts them after', () => {
    const cfg = `set daemon 10
check process db with pidfile /run/db.pid
  start program = "/usr/bin/systemctl start db"
  stop program = "/usr/bin/systemctl stop db"
  if failed port 5432 protocol pgsql then restart
check process app with pidfile /run/app.pid
  start program = "/usr/bin/systemctl start app"
  stop program = "/usr/bin/systemctl stop app"
  depends on db
`;
    const sc = `version: 1
until: 25
files:
  /usr/sbin/db: { content: "db" }
  /usr/sbin/app: { content: "app" }
units:
  db: { exec: /usr/sbin/db, pidfile: /run/db.pid, port: 5432, stop_time: 0.5 }
  app: { exec: /usr/sbin/app, pidfile: /run/app.pid, stop_time: 0.5 }
events:
  - { at: 1, do: hang, unit: db }
`;
    const t = run(cfg, sc);
    expect(actions(t)).toEqual({ db: ['restart', 'stop', 'start'], app: ['stop', 'start'] });
    const order = t.entries.filter((e) => e.source === 'monit' && (e.kind === 'stop' || e.kind === 'start')).map((e) => `${e.service}:${e.kind}`);
    expect(order).toEqual(['app:stop', 'db:stop', 'db:start', 'app:start']);
  });

  it('§4.6 §4.9 monitor acts on parents; unmonitor of the child leaves the parent alone', () => {
    const t = run(seedConfig(), seedScenario(`  - { at: 1, do: monit, command: "unmonitor mysqld" }
  - { at: 5, do: monit, command: "monitor mysql_bin" }`, 20));
    expect(finalState(t, 'mysqld')).toBe('not');
    expect(finalState(t, 'mysql_bin')).toBe('yes');
    const t2 = run(seedConfig(), seedScenario(`  - { at: 1, do: monit, command: "unmonitor mysql_bin" }
  - { at: 5, do: monit, command: "monitor mysqld" }`, 20));
    expect(actions(t2)).toEqual({ mysqld: ['unmonitor', 'monitor'], mysql_bin: ['unmonitor', 'monitor'] });
    expect(finalState(t2, 'mysqld')).toBe('yes');
  });

  it('§4.8 a checksum failure unmonitors the dependant first, then the file; no program runs', () => {
    const t = run(seedConfig(), seedScenario('  - { at: 1, do: replace, path: /usr/sbin/mysqld, content: "mysqld 8.0.36" }', 20));
    const seq = t.entries.filter((e) => e.source === 'monit' && e.kind === 'unmonitor').map((e) => e.service);
    expect(seq).toEqual(['mysqld', 'mysql_bin']);
    expect(actions(t)).toEqual({ mysqld: ['unmonitor'], mysql_bin: ['unmonitor'] });
    // Each action points at the config line that caused it: the checksum rule's `unmonitor`.
    const u = t.entries.find((e) => e.kind === 'unmonitor' && e.service === 'mysqld');
    expect(u?.line).toBe(14);
  });

  it('§4.10 a file deleted then recreated: its restart stops the dependant, which is started once the file is back', () => {
    const t = run(seedConfig(), seedScenario(`  - { at: 1, do: remove, path: /usr/sbin/mysqld }
  - { at: 25, do: write, path: /usr/sbin/mysqld, content: "mysqld 8.0.35", mode: "0755" }`, 40));
    expect(kinds(t, 'mysql_bin', 'restart')).toEqual([10, 20.5]);
    expect(kinds(t, 'mysqld', 'stop')).toEqual([10]);
    expect(t.entries.some((e) => e.service === 'mysqld' && e.kind === 'failed' && e.detail.includes("could not start required services: 'mysql_bin'"))).toBe(true);
    expect(kinds(t, 'mysqld', 'start')).toEqual([30.5]);
  });
});

describe('§5 file checks', () => {
  it('§5.1 after the checksum action unmonitors, the later tests of that pass post nothing', () => {
    const t = run(seedConfig(), seedScenario('  - { at: 1, do: replace, path: /usr/sbin/mysqld, content: "v2", mode: "0700" }', 15));
    const failed = t.entries.filter((e) => e.kind === 'failed' && e.service === 'mysql_bin').map((e) => e.detail);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^checksum failed/);
  });

  it('§5.3 unmonitor then monitor does not re-baseline: the file fails again in the first pass', () => {
    const t = run(seedConfig(), seedScenario(`  - { at: 1, do: monit, command: "unmonitor mysql_bin" }
  - { at: 3, do: replace, path: /usr/sbin/mysqld, content: "v2" }
  - { at: 5, do: monit, command: "monitor mysqld" }`, 20));
    expect(kinds(t, 'mysql_bin', 'failed')).toEqual([5]);
    expect(finalState(t, 'mysqld')).toBe('not');
  });

  it('§5.4 `changed checksum`: a change between passes is reported; a change while Monit is stopped is not', () => {
    const cfg = appConfig() + `
check file conf with path /etc/app.conf
  if changed checksum then alert
`;
    const sc = appScenario(`  - { at: 5, do: write, path: /etc/app.conf, content: "two" }
  - { at: 12, do: monit-stop }
  - { at: 14, do: write, path: /etc/app.conf, content: "three" }
  - { at: 16, do: monit-start }`, { until: 40 }).replace('files:', 'files:\n  /etc/app.conf: { content: "one" }');
    expect(kinds(run(cfg, sc), 'conf', 'changed')).toEqual([10]);
  });

  it('§5.5 §5.7 §6.4 `changed timestamp` and `changed permission` baselines survive a Monit restart', () => {
    const cfg = appConfig() + `
check file conf with path /etc/app.conf
  if changed timestamp then alert
  if changed permission then alert
`;
    const sc = appScenario(`  - { at: 12, do: monit-stop }
  - { at: 14, do: touch, path: /etc/app.conf }
  - { at: 14, do: chmod, path: /etc/app.conf, mode: "0600" }
  - { at: 16, do: monit-start }`, { until: 40 }).replace('files:', 'files:\n  /etc/app.conf: { content: "one" }');
    const t = run(cfg, sc);
    expect(t.entries.filter((e) => e.kind === 'changed').map((e) => [e.time, e.detail.split(' ')[0]])).toEqual([[16, 'permission'], [16, 'timestamp']]);
  });

  it('§5.8 `if size > N`: absolute comparison', () => {
    const cfg = appConfig() + `
check file log with path /var/log/app.log
  if size > 10 B then alert
`;
    const sc = appScenario('  - { at: 5, do: append, path: /var/log/app.log, content: "0123456789abc" }', { until: 20 }).replace('files:', 'files:\n  /var/log/app.log: { content: "" }');
    expect(kinds(run(cfg, sc), 'log', 'failed')).toEqual([10, 20]);
  });

  it('§5.9 content match reads like a log tail: existing content is skipped, new lines are matched', () => {
    const cfg = appConfig() + `
check file log with path /var/log/app.log
  if content = "ERROR" then alert
`;
    const sc = appScenario('  - { at: 5, do: append, path: /var/log/app.log, content: "ERROR new\\n" }', { until: 25 }).replace('files:', 'files:\n  /var/log/app.log: { content: "ERROR old\\n" }');
    const t = run(cfg, sc);
    expect(kinds(t, 'log', 'failed')).toEqual([10]);
    expect(kinds(t, 'log', 'succeeded')).toEqual([20]);
  });

  it('§5.10 an unlink-then-write replacement leaves a gap: a pass in it runs the nonexist restart cascade', () => {
    const t = run(seedConfig(), seedScenario('  - { at: 5, do: replace, path: /usr/sbin/mysqld, content: "mysqld 8.0.36", method: unlink-write, gap: 8 }', 11));
    expect(kinds(t, 'mysql_bin', 'restart')).toEqual([10]);
    expect(kinds(t, 'mysqld', 'stop')).toEqual([10]);
  });
});

describe('§6 monitoring state and persistence', () => {
  it('§6.2 unmonitor clears the error bits and histories: no recovery alert after re-monitoring', () => {
    const t = run(appConfig('  if does not exist then alert'), appScenario(`  - { at: 1, do: kill, unit: app }
  - { at: 12, do: monit, command: "unmonitor app" }
  - { at: 14, do: start, unit: app }
  - { at: 18, do: monit, command: "monitor app" }`, { until: 30 }));
    expect(kinds(t, 'app', 'succeeded')).toEqual([]);
    expect(t.services.find((s) => s.name === 'app')?.status).toBe(0);
  });

  it('§6.7 an action-unmonitored service stays unmonitored across quit + start and reload', () => {
    const t = run(seedConfig(), seedScenario(`  - { at: 1, do: replace, path: /usr/sbin/mysqld, content: "v2" }
  - { at: 12, do: monit-stop }
  - { at: 14, do: monit-start }
  - { at: 30, do: monit-reload }`, 50));
    expect(finalState(t, 'mysqld')).toBe('not');
    expect(finalState(t, 'mysql_bin')).toBe('not');
  });

  it('§2.9 §6.6 a reboot with onreboot start re-enables both with a fresh baseline; laststate keeps them off', () => {
    const events = `  - { at: 1, do: replace, path: /usr/sbin/mysqld, content: "v2" }
  - { at: 20, do: reboot, boot_time: 5 }`;
    const t = run(seedConfig(), seedScenario(events, 50));
    expect(finalState(t, 'mysqld')).toBe('yes');
    expect(finalState(t, 'mysql_bin')).toBe('yes');
    const kept = run(seedConfig(10, '  onreboot laststate', '  onreboot laststate'), seedScenario(events, 50));
    expect(finalState(kept, 'mysqld')).toBe('not');
    expect(finalState(kept, 'mysql_bin')).toBe('not');
  });
});

describe('§7 the command line', () => {
  it('§7.3 without set httpd a running daemon cannot be sent an action: exit 1, nothing happens', () => {
    const cfg = appConfig().replace('set httpd unixsocket /run/monit.sock\n  allow admin:pw\n', '');
    const t = run(cfg, appScenario('  - { at: 3, do: monit, command: "unmonitor app" }', { until: 20 }));
    expect(finalState(t, 'app')).toBe('yes');
    expect(t.entries.find((e) => e.kind === 'cli')?.detail).toMatch(/exit 1\)$/);
    expect(passes(t).filter((x) => x >= 0)).toEqual([0, 10, 20]);
  });

  it('§7.3 with httpd the action is queued and applied in an immediate pass; one service per command', () => {
    const t = run(appConfig(), appScenario(`  - { at: 3, do: monit, command: "unmonitor app" }
  - { at: 5, do: monit, command: "unmonitor app other" }`, { until: 20 }));
    expect(kinds(t, 'app', 'unmonitor')).toEqual([3]);
    expect(t.entries.filter((e) => e.kind === 'cli' && e.source === 'host').map((e) => e.detail.slice(-7))).toEqual(['exit 0)', 'exit 1)']);
  });

  it('§7.3 without a daemon, `monit start` runs the start program itself; monitor is a no-op', () => {
    const t = run(appConfig(), appScenario(`  - { at: 1, do: monit, command: "start app" }
  - { at: 2, do: monit, command: "monitor app" }`, { until: 5, head: 'monit: { running: false }', unit: ', running: false' }));
    expect(t.entries.filter((e) => e.kind === 'unit-start').map((e) => e.time)).toEqual([1]);
    expect(t.entries.filter((e) => e.kind === 'cli').map((e) => e.detail.slice(-7))).toEqual(['exit 0)', 'exit 0)']);
  });

  it('§7.4 quitting the daemon while a start program runs kills it: exit status -1', () => {
    const cfg = appConfig().replace('start program = "/usr/bin/systemctl start app"', 'start program = "/usr/local/bin/slow-start"');
    const sc = appScenario(`  - { at: 1, do: kill, unit: app }
  - { at: 12, do: monit, command: quit }`, { until: 30 }).replace('events:', 'programs:\n  - { match: /usr/local/bin/slow-start, exit: 0, duration: 20 }\nevents:');
    const t = run(cfg, sc);
    expect(t.entries.filter((e) => e.kind === 'start-failed').map((e) => [e.time, e.detail])).toEqual([[12, 'failed to start (exit status -1)']]);
    expect(t.entries.filter((e) => e.kind === 'daemon-stop').map((e) => e.time)).toEqual([12]);
  });

  it('§7.4 reload and quit without a daemon print a line and exit 0', () => {
    const t = run(appConfig(), appScenario(`  - { at: 1, do: monit, command: reload }
  - { at: 2, do: monit, command: quit }`, { until: 5, head: 'monit: { running: false }' }));
    expect(t.entries.filter((e) => e.kind === 'cli').map((e) => e.detail.slice(-7))).toEqual(['exit 0)', 'exit 0)']);
  });
});

describe('§8 port tests', () => {
  it('§8.2 a hung server still accepts connections: a connect-only test passes, a protocol test times out', () => {
    const plain = run(appConfig('  if failed port 8080 then restart'), appScenario('  - { at: 1, do: hang, unit: app }', { until: 30 }));
    expect(actions(plain)).toEqual({});
    const proto = run(appConfig('  if failed port 8080 protocol http with timeout 3 seconds then restart'), appScenario('  - { at: 1, do: hang, unit: app }', { until: 14 }));
    expect(kinds(proto, 'app', 'restart')).toEqual([13]);
  });

  it('§8.3 retry R: R attempts in one pass, warnings for all but the last, one event', () => {
    const t = run(appConfig('  if failed port 9999 with retry 3 then alert'), appScenario('', { until: 0 }));
    const at0 = t.entries.filter((e) => e.service === 'app' && e.time === 0);
    expect(at0.filter((e) => e.kind === 'warning').map((e) => e.detail.replace(/.*\(/, '('))).toEqual(['(attempt 1/3)', '(attempt 2/3)']);
    // Failed since the warm-up: logged at error level in every pass, alerted only at the transition.
    expect(at0.filter((e) => e.kind === 'failed')).toHaveLength(1);
    expect(kinds(t, 'app', 'alert')).toEqual([-20]);
  });

  it('§8.4 `for 2 cycles`: the first failing pass only warns, the second restarts', () => {
    const t = run(appConfig('  if failed port 8080 protocol http for 2 cycles then restart'), appScenario('  - { at: 1, do: hang, unit: app }', { until: 30 }));
    expect(kinds(t, 'app', 'warning').filter((x) => x >= 10 && x < 20)).toHaveLength(1);
    // pass 10: the hung port times out at 15 (warning); pass 25: times out at 30 → restart.
    expect(kinds(t, 'app', 'restart')).toEqual([30]);
  });
});

describe('§9 the upgrade race', () => {
  it('§9.2 the pidfile rewritten while the old PID lives: Monit follows the old PID', () => {
    const t = run(appConfig('  if changed pid then alert'), appScenario(`  - { at: 1, do: spawn, exec: /usr/sbin/app, pid: 4242 }
  - { at: 2, do: write, path: /run/app.pid, content: "4242" }`, { until: 30 }));
    expect(kinds(t, 'app', 'changed')).toEqual([]);
    expect(t.services.find((s) => s.name === 'app')?.pid).toBe(1000);
  });

  it('§9.3 a restart between two passes is invisible without `changed pid`', () => {
    const t = run(appConfig(), appScenario(`  - { at: 1, do: stop, unit: app }
  - { at: 3, do: start, unit: app }`, { until: 40 }));
    expect(actions(t)).toEqual({});
  });

  it('§9.6 a reload after the new binary appears, before a pass failed it, absorbs the change', () => {
    const t = run(seedConfig(), seedScenario(`  - { at: 1, do: replace, path: /usr/sbin/mysqld, content: "v2" }
  - { at: 5, do: monit-reload }`, 40));
    expect(actions(t)).toEqual({});
    expect(finalState(t, 'mysql_bin')).toBe('yes');
  });
});

describe('§11 the seed scenario (yum update mysql, 30 s poll)', () => {
  const events = `  - { at: 0, do: stop, unit: mysql }
  - { at: 5, do: replace, path: /usr/sbin/mysqld, content: "mysqld 8.0.36" }
  - { at: 10, do: start, unit: mysql }`;

  it('φ in [s, 5): Monit restarts mysqld from the OLD binary, then the checksum unmonitors both', () => {
    const t = run(seedConfig(30), seedScenario(events), 2.2);
    expect(actions(t, 0)).toEqual({ mysqld: ['restart', 'start', 'unmonitor'], mysql_bin: ['unmonitor'] });
    const mysqld = t.services.find((s) => s.name === 'mysqld');
    expect(mysqld?.monitor).toBe('not');
    expect(mysqld?.exeInode).not.toBe(mysqld?.pathInode); // the old binary still runs
    expect(t.entries.some((e) => e.kind === 'unit-start-noop' && e.time === 10)).toBe(true);
  });

  for (const phase of [7, 20]) {
    it(`φ = ${phase}: the pass unmonitors both before touching mysqld; yum starts the new binary`, () => {
      const t = run(seedConfig(30), seedScenario(events), phase);
      expect(actions(t, 0)).toEqual({ mysqld: ['unmonitor'], mysql_bin: ['unmonitor'] });
      expect(kinds(t, 'mysql_bin', 'unmonitor')).toEqual([phase]);
      const mysqld = t.services.find((s) => s.name === 'mysqld');
      expect(mysqld?.exeInode).toBe(mysqld?.pathInode);
    });
  }

  it('is deterministic: the same inputs give the same timeline', () => {
    const a = JSON.stringify(run(seedConfig(30), seedScenario(events), 2.2));
    const b = JSON.stringify(run(seedConfig(30), seedScenario(events), 2.2));
    expect(a).toBe(b);
  });
});
