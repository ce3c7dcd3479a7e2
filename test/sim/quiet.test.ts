/**
 * The daemon model leaves out a check whose last run found nothing while nothing it reads has
 * changed (src/sim/quiet.ts). These runs keep a service quiet for several passes, then change
 * one input at a time from outside Monit; the model must see each change at the very next pass,
 * exactly as a full check would.
 */
import { describe, expect, it } from 'vitest';
import { kinds, passes, run } from './sim-support.js';

const CONFIG = `set daemon 10
check process app with pidfile /run/app.pid
  start program = "/usr/bin/systemctl start app"
  stop program = "/usr/bin/systemctl stop app"
  if failed host 127.0.0.1 port 8080 protocol http with timeout 5 seconds then alert
check file app_bin with path /usr/sbin/app
  if failed checksum then alert
  if failed permission 755 then alert
  if failed uid root then alert
check file app_conf with path /etc/app.conf
  if size < 1 B then alert
`;

function scenario(event: string): string {
  return `version: 1
until: 75
files:
  /usr/sbin/app: { content: "app v1", mode: "0755" }
  /etc/app.conf: { content: "x=1", mode: "0644" }
units:
  app: { exec: /usr/sbin/app, pidfile: /run/app.pid, port: 8080, start_time: 1, stop_time: 0.5 }
events:
  - ${event}
`;
}

/** The first pass at or after `t` (s). */
function passAfter(times: number[], t: number): number {
  const p = times.find((x) => x >= t);
  if (p === undefined) throw new Error(`no pass after ${t}`);
  return p;
}

describe('quiet checks see every change at the next pass', () => {
  // Passes at -20, -10, 0, 10, …: by t = 42 every service has been quiet for several passes.
  // The last field: seconds into the pass the failure is posted (a hung server costs the timeout).
  const cases: Array<[string, string, string, RegExp, number]> = [
    ['a chmod of the watched file', '{ at: 42, do: chmod, path: /usr/sbin/app, mode: "0700" }', 'app_bin', /permission test failed/, 0],
    ['a chown of the watched file', '{ at: 42, do: chown, path: /usr/sbin/app, uid: 33, gid: 0 }', 'app_bin', /uid test failed/, 0],
    ['a new binary renamed over the file', '{ at: 42, do: replace, path: /usr/sbin/app, content: "app v2" }', 'app_bin', /checksum failed/, 0],
    ['a write in place', '{ at: 42, do: write, path: /usr/sbin/app, content: "app v3" }', 'app_bin', /checksum failed/, 0],
    ['an emptied file (size)', '{ at: 42, do: write, path: /etc/app.conf, content: "" }', 'app_conf', /size for \/etc\/app.conf failed/, 0],
    ['a removed file', '{ at: 42, do: remove, path: /etc/app.conf }', 'app_conf', /doesn't exist/, 0],
    ['a hung server (the port stays open)', '{ at: 42, do: hang, unit: app }', 'app', /timed out/, 5],
    ['a closed listening socket', '{ at: 42, do: unlisten, unit: app }', 'app', /Connection refused/, 0],
    ['a killed process', '{ at: 42, do: kill, unit: app }', 'app', /not running/, 0],
  ];
  for (const [what, event, service, message, offset] of cases) {
    it(what, () => {
      const t = run(CONFIG, scenario(event));
      const failed = t.entries.filter((e) => e.source === 'monit' && e.service === service && e.kind === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]?.detail).toMatch(message);
      // Seen at the first pass after the change, not later.
      expect(failed[0]?.time).toBe(passAfter(passes(t), 42) + offset);
      // And nothing failed before it.
      expect(t.entries.some((e) => e.source === 'monit' && e.kind === 'failed' && e.time < 42)).toBe(false);
    });
  }

  it('a quiet service stays silent, and its parent-less checks keep their pass times', () => {
    const t = run(CONFIG, scenario('{ at: 42, do: note }'));
    expect(passes(t)).toEqual([-20, -10, 0, 10, 20, 30, 40, 50, 60, 70]);
    expect(kinds(t, 'app_bin', 'failed')).toEqual([]);
    expect(t.services.map((s) => s.monitor)).toEqual(['yes', 'yes', 'yes', 'yes']);
  });
});
