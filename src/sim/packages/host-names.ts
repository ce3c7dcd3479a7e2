/**
 * `--host --package ID`: a built-in profile id names a daemon, not a package; on a real host the
 * daemon comes from one of several packages (Debian ships MySQL as mariadb-server, or
 * default-mysql-server; EL as mysql-server or mariadb-server). This maps a profile to the
 * package names to look for in the installed database, and merges what the database says
 * (files, modes, maintainer scripts) with what only the profile knows (pidfiles, port, timings).
 */
import type { DaemonProfile, Distro, Family } from './profiles.js';
import type { PackageSpec } from './world.js';

/**
 * Other packages that provide a profile's daemon on a family, best first, after the profile's
 * own package set (versioned names are listed for the releases people run).
 */
const ALTERNATIVES: Readonly<Record<string, Partial<Record<Family, readonly string[]>>>> = {
  mysql: {
    debian: ['default-mysql-server', 'mysql-server', 'mysql-server-core-8.0'],
    rhel: ['mariadb-server', 'community-mysql-server'],
    suse: ['mysql-community-server'],
    arch: ['mysql'],
  },
  mariadb: { debian: ['default-mysql-server'], rhel: ['mysql-server'] },
  postgresql: {
    debian: ['postgresql-17', 'postgresql-16', 'postgresql-15', 'postgresql-14', 'postgresql-13'],
    rhel: ['postgresql16-server', 'postgresql15-server', 'postgresql14-server'],
    suse: ['postgresql16-server', 'postgresql15-server'],
    alpine: ['postgresql16', 'postgresql15'],
  },
  nginx: { debian: ['nginx-core', 'nginx-full', 'nginx-light', 'nginx-extras'], suse: ['nginx'], alpine: ['nginx'] },
  apache: { rhel: ['httpd-core'] },
  redis: { rhel: ['valkey'], arch: ['valkey'], alpine: ['valkey'] },
  'php-fpm': { debian: ['php8.4-fpm', 'php8.3-fpm', 'php8.2-fpm', 'php8.1-fpm', 'php7.4-fpm'], suse: ['php8-fpm'], alpine: ['php83-fpm', 'php82-fpm'] },
};

/** The package names to look for on a host of `family`: the profile's own set first, then the alternatives. */
export function hostPackageNames(profile: DaemonProfile, family: Family): string[] {
  const own = profile.families[family]?.packages.map((p) => p.name) ?? [];
  return [...new Set([...own, ...(ALTERNATIVES[profile.id]?.[family] ?? [])])];
}

/**
 * Which installed packages stand for the profile: every installed package of the profile's own
 * set (mariadb-server and its -core, whose binary the config watches), else the first installed
 * alternative. Empty when none is installed.
 */
export function choosePackages(profile: DaemonProfile, family: Family, installed: ReadonlySet<string>): string[] {
  const own = (profile.families[family]?.packages.map((p) => p.name) ?? []).filter((n) => installed.has(n));
  if (own.length > 0) return own;
  const alt = hostPackageNames(profile, family).find((n) => installed.has(n));
  return alt === undefined ? [] : [alt];
}

/**
 * One spec for the daemon from the installed packages' specs (read from the database, in
 * transaction order): their packages, files and scripts; the restart pattern their scripts
 * show; the profile's pidfiles, port and timings, which no
 * package database records.
 */
export function mergeInstalled(profile: DaemonProfile, distro: Distro, specs: readonly PackageSpec[]): PackageSpec {
  const fam = profile.families[distro.family];
  const binaries = [...new Set([...specs.flatMap((s) => s.daemon?.binaries ?? []), ...(fam?.binaries ?? [])])];
  const units = [...new Set([...specs.flatMap((s) => s.daemon?.units ?? []), ...(fam?.units ?? [])])];
  const pattern = specs.find((s) => s.pattern !== 'none')?.pattern ?? 'none';
  return {
    name: profile.id,
    source: `profile '${profile.id}' on this host: ${specs.map((s) => s.source).join('; ')}`,
    packages: specs.flatMap((s) => s.packages),
    pattern,
    daemon: {
      binaries, units, pidfiles: fam?.pidfiles ?? [], port: profile.port,
      stop: Math.round(profile.stop * 1000), start: Math.round(profile.start * 1000),
    },
  };
}
