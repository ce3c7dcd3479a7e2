/**
 * What a configuration tells the guard: whether Monit's CLI can control the daemon (targeted
 * strategy), and which services a package transaction can affect.
 */
import type { Config, Httpd, Service } from '../config/model.js';
import { GuardInputError } from './quote.js';
import type { MonitTarget } from './types.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', 'ip6-localhost']);

/**
 * Why `monit unmonitor NAME` cannot reach this daemon, or undefined when it can. The CLI needs
 * `set httpd` (monit-semantics.md §7.2–7.3); a hook must not depend on the network, so only a unix
 * socket or a port bound to loopback (or to every address, which includes loopback) qualifies.
 */
export function cliControlProblem(httpd: Httpd | undefined): string | undefined {
  if (!httpd || (httpd.port === undefined && httpd.unixSocket === undefined)) {
    return "the configuration has no 'set httpd', so the monit CLI cannot unmonitor or monitor services (monit-semantics.md §7.3)";
  }
  // Observed on 5.33.0: "monit httpd not started since no connections are allowed".
  if (httpd.allow.length === 0) return "'set httpd' has no 'allow' entry, so Monit does not start its HTTP interface and the monit CLI cannot control the daemon";
  if (httpd.unixSocket !== undefined) return undefined;
  const addresses = [httpd.address, ...httpd.addresses].filter((a) => a !== undefined).map((a) => a.value.toLowerCase());
  if (addresses.length === 0 || addresses.some((a) => LOOPBACK.has(a) || a.startsWith('127.'))) return undefined;
  return `'set httpd' listens only on ${addresses.join(', ')}, not on a unix socket or loopback, so a hook cannot reach it without the network`;
}

/** Paths no package owns: checks of these are left supervised by the targeted strategy. */
const NOT_PACKAGED = [/^\/tmp\//, /^\/var\/tmp\//, /^\/run\//, /^\/var\/run\//, /^\/proc\//, /^\/sys\//, /^\/dev\//, /^\/home\//, /^\/srv\//];

/**
 * The services a package upgrade can make Monit act on (issue 6, targeted):
 * - file, fifo and directory checks of paths a package can own: the swap changes checksum, inode,
 *   size, timestamps (§5), and pacman's unlink-then-write makes them briefly missing (F3);
 * - process checks: maintainer scripts stop and restart daemons (patterns A–D), which Monit would
 *   see as "not running" and restart from whatever binary is on disk (§11);
 * - everything that depends on one of those, since unmonitor cascades to children (§4.7) and a
 *   child of an unmonitored or failing parent is skipped anyway (§1.10).
 * System, filesystem, host, network and program checks stay supervised.
 */
export function affectedServices(services: readonly Service[]): string[] {
  const affected = new Set<string>();
  for (const s of services) {
    switch (s.kind) {
      case 'file':
      case 'fifo':
      case 'directory':
        if (!NOT_PACKAGED.some((re) => re.test(s.path.value))) affected.add(s.name.value);
        break;
      case 'process':
        affected.add(s.name.value);
        break;
      case 'filesystem':
      case 'host':
      case 'system':
      case 'program':
      case 'network':
        break;
      default: {
        const never: never = s;
        throw new Error(`unknown service kind ${(never as Service).kind}`);
      }
    }
  }
  // Children of affected services, to a fixed point (depends on may form chains in any order).
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of services) {
      if (!affected.has(s.name.value) && s.dependsOn.some((d) => affected.has(d.value))) {
        affected.add(s.name.value);
        grew = true;
      }
    }
  }
  return services.map((s) => s.name.value).filter((n) => affected.has(n));
}

/** Monit's default poll interval when `set daemon` is missing is "run once"; a guard assumes 30 s. */
const DEFAULT_POLL = 30;

/**
 * The {@link MonitTarget} for a parsed control file. `targeted` without CLI control is refused
 * here, with the reason, so `monitlint guard` exits 2 (issue 6 item 2).
 */
export function monitTarget(config: Config | undefined, controlFile: string | undefined, strategy: 'pause' | 'targeted'): MonitTarget {
  if (!config) {
    if (strategy === 'targeted') throw new GuardInputError('--strategy targeted needs --config FILE: the services to unmonitor come from the configuration');
    return { pollSeconds: DEFAULT_POLL, services: [], affected: [], cliControl: false, ...(controlFile ? { controlFile } : {}) };
  }
  const problem = cliControlProblem(config.settings.httpd);
  if (strategy === 'targeted' && problem) {
    throw new GuardInputError(`${config.file}: --strategy targeted refused: ${problem}; add e.g. 'set httpd unixsocket /run/monit.sock allow USER:PASSWORD', or use --strategy pause`);
  }
  const pidfile = config.settings.pidfile?.value;
  return {
    ...(controlFile ? { controlFile } : {}),
    ...(pidfile ? { pidfile } : {}),
    pollSeconds: config.settings.daemon?.interval.value ?? DEFAULT_POLL,
    services: config.services.filter((s) => s.kind !== 'system').map((s) => s.name.value),
    affected: affectedServices(config.services),
    cliControl: problem === undefined,
  };
}
