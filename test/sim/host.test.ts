import { describe, expect, it } from 'vitest';
import { EventLoop } from '../../src/sim/clock.js';
import { VirtualHost, type UnitSpec } from '../../src/sim/host.js';

function unit(over: Partial<UnitSpec> = {}): UnitSpec {
  return { name: 'app', exec: '/usr/sbin/app', pidfile: '/run/app.pid', port: 8080, startTime: 1000, portDelay: 500, stopTime: 300, broken: false, brokenExit: 1, startWaits: true, commandTime: 100, enabled: true, ...over };
}

function setup(): { loop: EventLoop; host: VirtualHost } {
  const loop = new EventLoop();
  const host = new VirtualHost(loop);
  host.writeFile('/usr/sbin/app', 'v1', { mode: 0o755 });
  host.addUnit(unit());
  return { loop, host };
}

describe('the virtual host', () => {
  it('a rename over a path gives it a new inode while the running process keeps the old one', () => {
    const { loop, host } = setup();
    host.startUnit('app', 'test');
    loop.runUntil(2000);
    const pid = host.unitPid('app') as number;
    const before = host.stat('/usr/sbin/app')?.ino;
    host.replaceByRename('/usr/sbin/app', 'v2');
    const after = host.stat('/usr/sbin/app');
    expect(after?.ino).not.toBe(before);
    expect(after?.mode).toBe(0o755);
    expect(host.processes.get(pid)?.exeIno).toBe(before);
    expect(new TextDecoder().decode(host.readFile('/usr/sbin/app'))).toBe('v2');
  });

  it('unlink leaves a gap: the path does not exist until it is written again', () => {
    const { host } = setup();
    host.unlink('/usr/sbin/app');
    expect(host.stat('/usr/sbin/app')).toBeUndefined();
    host.writeFile('/usr/sbin/app', 'v');
    expect(host.stat('/usr/sbin/app')?.size).toBe(1);
  });

  it('mode, owner and timestamps are virtual: chmod/chown change ctime, a write changes mtime', () => {
    const { loop, host } = setup();
    loop.runUntil(5000);
    host.chmod('/usr/sbin/app', 0o700);
    host.chown('/usr/sbin/app', 27, 27);
    const st = host.stat('/usr/sbin/app');
    expect([st?.mode, st?.uid, st?.gid, st?.ctime, st?.mtime]).toEqual([0o700, 27, 27, 5000, 0]);
    // MD5 of "v1", as `md5sum` prints it (Monit 5.33's default hash, §5.2).
    expect(host.checksum('/usr/sbin/app')).toBe('6654c734ccab8f440ff0825eb443dc7f');
  });

  it('the unit writes its pidfile after startTime and binds its port after portDelay; start on an active unit is a no-op', () => {
    const { loop, host } = setup();
    const r = host.startUnit('app', 'test');
    expect(r).toEqual({ duration: 1000, exit: 0 });
    loop.runUntil(600);
    expect(host.listening(8080)?.pid).toBe(host.unitPid('app'));
    expect(host.exists('/run/app.pid')).toBe(false);
    loop.runUntil(1000);
    expect(host.readPidfile('/run/app.pid')).toBe(host.unitPid('app'));
    const again = host.startUnit('app', 'test');
    expect(again).toEqual({ duration: 0, exit: 0 });
    expect([...host.processes.values()].filter((p) => p.unit === 'app')).toHaveLength(1);
  });

  it('a second instance that cannot bind its port dies', () => {
    const { loop, host } = setup();
    host.addUnit(unit({ name: 'app2', pidfile: '/run/app2.pid' }));
    host.startUnit('app', 'test');
    loop.runUntil(2000);
    host.startUnit('app2', 'test');
    loop.runUntil(4000);
    expect(host.unitPid('app2')).toBeUndefined();
    expect(host.notes.some((n) => n.detail.includes('cannot bind 127.0.0.1:8080'))).toBe(true);
  });

  it('stop removes the pidfile and closes the port; a crash leaves a stale pidfile', () => {
    const { loop, host } = setup();
    host.startUnit('app', 'test');
    loop.runUntil(2000);
    host.stopUnit('app', 'test');
    loop.runUntil(3000);
    expect(host.exists('/run/app.pid')).toBe(false);
    expect(host.listening(8080)).toBeUndefined();
    host.startUnit('app', 'test');
    loop.runUntil(5000);
    const pid = host.unitPid('app') as number;
    host.exit(pid, { why: 'crashed' });
    expect(host.readPidfile('/run/app.pid')).toBe(pid);
    expect(host.alive(pid)).toBe(false);
  });

  it('a zombie keeps its table entry (alive for kill(pid, 0)) but is no longer the unit main process', () => {
    const { loop, host } = setup();
    host.startUnit('app', 'test');
    loop.runUntil(2000);
    const pid = host.unitPid('app') as number;
    host.exit(pid, { zombie: true });
    expect(host.alive(pid)).toBe(true);
    expect(host.processes.get(pid)?.zombie).toBe(true);
  });

  it('pids are reused after wrapping at pid_max, skipping live ones', () => {
    const { host } = setup();
    const a = host.spawn('/bin/a', 'a', { pid: 32768 });
    host.spawn('/bin/b', 'b', { pid: 300 });
    const seen = new Set<number>();
    for (let i = 0; i < 40000 && !seen.has(301); i++) {
      const p = host.spawn('/bin/x', 'x');
      seen.add(p.pid);
      host.exit(p.pid);
    }
    expect(seen.has(301)).toBe(true);
    expect(seen.has(300)).toBe(false);
    expect(seen.has(a.pid)).toBe(false);
  });
});
