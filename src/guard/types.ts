/**
 * What a guard is made of: the package managers and strategies `monitlint guard` knows, and the
 * files an emitter produces. Emitters are pure: options in, files (path, mode, text) out; only the
 * CLI writes them to disk (DESIGN.md, Rooms).
 */

/** The package managers with an emitter (package-managers.md §4–§11). */
export const MANAGERS = ['yum', 'dnf', 'dnf5', 'apt', 'zypper', 'pacman', 'apk'] as const;
export type Manager = (typeof MANAGERS)[number];

/** The strategies of issue 6: stop Monit for the transaction, or unmonitor only what it touches. */
export const STRATEGIES = ['pause', 'targeted'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export function isStrategy(s: string): s is Strategy {
  return (STRATEGIES as readonly string[]).includes(s);
}

/** The language of an emitted file: decides which checks the tests run on it (sh -n, ShellCheck, py_compile). */
export type GuardLanguage = 'sh' | 'bash' | 'python' | 'apt-conf' | 'dpkg-cfg' | 'ini' | 'alpm-hook' | 'dnf5-actions';

/** One emitted file. */
export interface GuardFile {
  /** Absolute destination on the target system (without any `--root`). */
  path: string;
  /** Permission bits to install with. */
  mode: number;
  language: GuardLanguage;
  /** One line on what the file does, shown by `--print` and `--install`. */
  purpose: string;
  content: string;
}

/** The Monit the guard protects, as far as the generator knows it from `--config`. */
export interface MonitTarget {
  /** The control file, passed to every `monit` command as `-c FILE`; absent: Monit's own search. */
  controlFile?: string;
  /** `set pidfile`; absent: running is decided by the service manager or by `pidof monit`. */
  pidfile?: string;
  /** `set daemon N` seconds (default 30, Monit's default when the statement is missing is to not run as a daemon). */
  pollSeconds: number;
  /** Every service name in control-file order (pause strategy: re-monitor check, issue 6 item 2). */
  services: string[];
  /** targeted: the services to unmonitor for the transaction, in control-file order. */
  affected: string[];
  /** Whether `monit` CLI actions can reach the daemon (`set httpd` unix socket or loopback port). */
  cliControl: boolean;
  /**
   * targeted, run-time narrowing: per affected service, the paths a package can own that tell
   * whether a transaction touches it. Absent: every affected service is unmonitored for every
   * transaction (no narrowing).
   */
  watches?: ServiceWatch[];
}

/**
 * How a package file path relates a transaction to a service: `path` the same path, `under` the
 * path or anything below it (a checked directory), `suffix` any path ending so (a daemon's unit
 * file or binary found by name), `always` any transaction (nothing narrower is known).
 */
export interface WatchKey {
  kind: 'path' | 'under' | 'suffix' | 'always';
  value: string;
}

/** The watched paths of one affected service, its own and those of the services it depends on. */
export interface ServiceWatch {
  service: string;
  keys: WatchKey[];
}

export interface GuardOptions {
  manager: Manager;
  strategy: Strategy;
  target: MonitTarget;
  /** Where the dnf 4 plugin goes (`<python3 site-packages>/dnf-plugins`, F45); found by the CLI. */
  dnfPluginDir: string;
}

/** Where the shared helper is installed; every hook calls it (package-managers.md §3). */
export const HELPER_PATH = '/usr/local/libexec/monit-pkg-guard';

/** The helper's state directory: on tmpfs, so a reboot leaves nothing stale (issue 6, Safety). */
export const STATE_DIR = '/run/monit-pkg-guard';
