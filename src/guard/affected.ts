/**
 * What a configuration tells the guard: whether Monit's CLI can control the daemon (targeted
 * strategy), and which services a package transaction can affect.
 */
import type { Command, Config, Httpd, Service } from '../config/model.js';
import { GuardInputError } from './quote.js';
import type { MonitTarget, ServiceWatch, WatchKey } from './types.js';

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
    watches: serviceWatches(config.services),
  };
}

// ---- Run-time narrowing: which package files tell that a transaction touches a service ----------

/** Commands that start a service by name; their own binaries say nothing about the daemon. */
const LAUNCHERS = new Set(['service', 'invoke-rc.d', 'rc-service', 'systemctl', 'initctl', 'start-stop-daemon']);
/** Interpreters and wrappers: a path argument after them is the program, not them. */
const WRAPPERS = new Set(['sh', 'bash', 'dash', 'env', 'nice', 'nohup', 'sudo', 'su', 'runuser', 'setsid', 'chroot', 'timeout', 'ionice', 'taskset']);
/** A unit or init-script name: what a package's file name can contain. */
const UNIT_NAME = /^[A-Za-z0-9@._+-]+$/;
/** A path in a command or pattern that a package can own (no glob or regex characters). */
const PLAIN_PATH = /^\/[A-Za-z0-9._+@/-]+$/;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Paths no package ships files in, for evidence about a daemon (Debian policy §9.1.2: /usr/local is the administrator's). */
function packageOwnable(path: string): boolean {
  return !NOT_PACKAGED.some((re) => re.test(path)) && !/^\/usr\/local\//.test(path);
}

/** The words of a command, also inside `sh -c "…"` strings: split on blanks and shell punctuation, quotes dropped. */
function words(cmd: Command): string[] {
  return cmd.argv.flatMap((a) => a.value.split(/[\s;&|()<>`]+/)).map((w) => w.replace(/^['"]+|['"]+$/g, '')).filter((w) => w !== '');
}

/** The names a file of the daemon's package is found by: its unit file, init script or binary. */
function nameKeys(name: string): WatchKey[] {
  if (!UNIT_NAME.test(name) || name === '.' || name === '..') return [];
  return [`/systemd/system/${name}.service`, `/init.d/${name}`, `/sbin/${name}`, `/bin/${name}`].map((value) => ({ kind: 'suffix' as const, value }));
}

/**
 * What a process check's start/stop/restart programs, pidfile and `matching` pattern say about
 * the package of its daemon: the paths they name (binaries, init scripts, configuration files),
 * the units they start by name (`service NAME`, `systemctl start NAME`, `/etc/init.d/NAME`), and the
 * check's own name. Without a unit name or a package-ownable program path, nothing ties the check
 * to a package: then every transaction affects it (`always`).
 */
function processKeys(s: Extract<Service, { kind: 'process' }>): WatchKey[] {
  const keys: WatchKey[] = [];
  let evidence = false;
  const names = new Set<string>([s.name.value]);
  for (const cmd of [s.start, s.stop, s.restart]) {
    if (!cmd) continue;
    const ws = words(cmd);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      const base = basename(w);
      if (LAUNCHERS.has(base)) {
        // The unit: the first later word that is not an option or a systemctl verb.
        const rest = ws.slice(i + 1).filter((x) => !x.startsWith('-'));
        const unit = base === 'systemctl' || base === 'initctl' ? rest[1] : base === 'start-stop-daemon' ? undefined : rest[0];
        if (unit !== undefined && UNIT_NAME.test(unit.replace(/\.service$/, ''))) {
          names.add(unit.replace(/\.service$/, ''));
          evidence = true;
        }
        continue;
      }
      if (WRAPPERS.has(base) || !PLAIN_PATH.test(w) || !packageOwnable(w)) continue;
      keys.push({ kind: 'path', value: w });
      evidence = true;
      const init = /^\/etc\/(?:rc\.d\/)?init\.d\/([^/]+)$/.exec(w);
      if (init) names.add(init[1]!);
    }
  }
  const pidfile = s.pidfile?.value;
  if (pidfile !== undefined) {
    names.add(basename(pidfile).replace(/\.pid$/, ''));
    const dir = pidfile.slice(0, pidfile.lastIndexOf('/'));
    // /var/lib/foo/foo.pid: a package may own /var/lib/foo; not /var/lib or /run.
    if (PLAIN_PATH.test(dir) && dir.split('/').length > 3 && packageOwnable(`${dir}/`)) keys.push({ kind: 'path', value: dir });
  }
  const pattern = s.matching?.value;
  if (pattern !== undefined) {
    for (const p of pattern.match(/\/[A-Za-z0-9._+@/-]+/g) ?? []) {
      if (packageOwnable(p) && !/[.+]$/.test(p)) {
        keys.push({ kind: 'path', value: p });
        evidence = true;
      }
    }
    const first = /^\^?([A-Za-z][A-Za-z0-9_-]*)/.exec(pattern);
    if (first) names.add(first[1]!);
  }
  if (!evidence) return [{ kind: 'always', value: '' }];
  for (const n of names) keys.push(...nameKeys(n));
  return keys;
}

function ownKeys(s: Service): WatchKey[] {
  switch (s.kind) {
    case 'file':
    case 'fifo':
      return [{ kind: 'path', value: s.path.value }];
    case 'directory':
      return [{ kind: 'under', value: s.path.value.replace(/(.)\/+$/, '$1') }];
    case 'process':
      return processKeys(s);
    case 'program':
      // Affected only as a dependant; the program it runs may itself come from a package.
      return words(s.command).filter((w) => PLAIN_PATH.test(w) && packageOwnable(w) && !WRAPPERS.has(basename(w))).map((value) => ({ kind: 'path' as const, value }));
    case 'filesystem':
    case 'host':
    case 'system':
    case 'network':
      return [];
    default: {
      const never: never = s;
      throw new Error(`unknown service kind ${(never as Service).kind}`);
    }
  }
}

/** Values the helper's tab-separated table cannot hold: the service is then affected by every transaction. */
const UNSAFE = /[\t\n\r\0]/;

/**
 * For each affected service (in {@link affectedServices} order), the package-file keys that make a
 * transaction affect it: its own, and those of every affected service it depends on, since
 * unmonitoring a parent unmonitors its dependants (monit-semantics.md §4.7).
 */
export function serviceWatches(services: readonly Service[]): ServiceWatch[] {
  const affected = affectedServices(services);
  const byName = new Map(services.map((s) => [s.name.value, s]));
  const inAffected = new Set(affected);
  const memo = new Map<string, WatchKey[]>();
  const keysOf = (name: string, seen: Set<string>): WatchKey[] => {
    const done = memo.get(name);
    if (done) return done;
    const s = byName.get(name);
    if (!s || seen.has(name)) return [];
    seen.add(name);
    const keys = [...ownKeys(s), ...s.dependsOn.filter((d) => inAffected.has(d.value)).flatMap((d) => keysOf(d.value, seen))];
    seen.delete(name);
    const unique = [...new Map(keys.map((k) => [`${k.kind}\t${k.value}`, k])).values()];
    const result: WatchKey[] = unique.length === 0 || unique.some((k) => k.kind === 'always' || UNSAFE.test(k.value)) ? [{ kind: 'always', value: '' }] : unique;
    memo.set(name, result);
    return result;
  };
  return affected.map((service) => ({ service, keys: keysOf(service, new Set()) }));
}
