/**
 * Quiet checks: a check that found nothing (no message, no event, no action, no state change)
 * finds nothing again as long as nothing it reads has changed, so the daemon model (monit.ts)
 * may leave it out. In a phase sweep most services of a large configuration are untouched by the
 * transaction; checking each of them again every cycle of every phase was most of the run time
 * of the 1,000-service benchmark (bench/sweep.ts), and leaving the quiet ones out changes no
 * timeline (the sweep's output is compared before and after the change).
 *
 * What a check reads is known from the control file alone: the pidfile or the process table, the
 * file's path, the listeners of loopback ports. The host stamps every change of those
 * (host.ts). Tests whose result moves with the clock (a timestamp's age, uptime, a log's
 * content, a program's status) make a service never quiet.
 */
import type { Service, Test } from '../config/model.js';
import { connectionHost, isLoopback } from './check-cache.js';
import type { VirtualHost } from './host.js';

/** What a service's check reads on the host, derived from its statements. */
export interface CheckInputs {
  /** Paths whose content or metadata the check reads. */
  paths: string[];
  /** Loopback ports whose listener (and whether it hangs) the check reads. */
  ports: number[];
  /** The check reads the whole process table (`matching`, unix sockets). */
  table: boolean;
  /** The check reads the process it found last time (a `check process`). */
  process: boolean;
  /** Its outcome can change with time alone: never left out. */
  clocked: boolean;
}

const CLOCKED: ReadonlySet<Test['kind']> = new Set(['timestamp', 'uptime', 'content', 'status']);
const cache = new WeakMap<Service, CheckInputs>();

/** The inputs of `cfg`'s check (cached per service statement). */
export function checkInputs(cfg: Service): CheckInputs {
  let c = cache.get(cfg);
  if (c !== undefined) return c;
  c = { paths: [], ports: [], table: false, process: false, clocked: cfg.tests.some((t) => CLOCKED.has(t.kind)) };
  switch (cfg.kind) {
    case 'process':
      c.process = true;
      if (cfg.pidfile !== undefined) c.paths.push(cfg.pidfile.value);
      else c.table = true;
      break;
    case 'file': case 'fifo': case 'directory': case 'filesystem':
      c.paths.push(cfg.path.value);
      break;
    case 'program':
      c.clocked = true; // runs its program every cycle
      break;
    case 'host': case 'system': case 'network':
      break;
    default: {
      const never: never = cfg;
      return never;
    }
  }
  for (const t of cfg.tests) {
    if (t.kind === 'port' && t.connection.port !== undefined) {
      if (isLoopback(connectionHost(cfg, t.connection))) c.ports.push(t.connection.port.value);
    } else if (t.kind === 'unixsocket' && t.connection.socket !== undefined) {
      c.paths.push(t.connection.socket.value);
      c.table = true;
    }
  }
  cache.set(cfg, c);
  return c;
}

/**
 * Whether anything `cfg`'s check reads changed after change number `since` of the host. `pid` is
 * the process the last check found.
 */
export function changedSince(host: VirtualHost, cfg: Service, pid: number | undefined, since: number): boolean {
  if (host.changes <= since) return false;
  const c = checkInputs(cfg);
  if (c.table && host.processTableChanged() > since) return true;
  if (c.process && (pid === undefined || host.pidChanged(pid) > since)) return true;
  for (const p of c.paths) if (host.pathChanged(p) > since) return true;
  for (const port of c.ports) {
    if (host.portChanged(port) > since) return true;
    // The listener may hang (or stop hanging) without the port changing hands.
    const owner = host.ports.get(port);
    if (owner !== undefined && host.pidChanged(owner) > since) return true;
  }
  return false;
}
