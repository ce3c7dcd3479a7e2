/**
 * Built-in package profiles: the daemons people watch with Monit, per distribution family —
 * package names, binary paths, unit names, pidfiles, port, and the restart pattern the family's
 * packaging uses (package-managers.md §2). Where the spec records a family's packaging, the entry
 * cites the fact; otherwise `source` says it is the family's default (debhelper's restart after
 * upgrade on Debian F20, the systemd macros on RPM F32–F36, no restart on Arch F78 and Alpine F82).
 *
 * Binary paths list every layout a family's packages use (the distribution's and the upstream
 * vendor's): the simulation swaps the ones the user's control file refers to.
 */
import type { Manager, RestartPattern } from '../plans/plan.js';

export const FAMILIES = ['debian', 'rhel', 'suse', 'arch', 'alpine'] as const;
export type Family = (typeof FAMILIES)[number];

/** A distribution release: its family, its usual manager, and how its RPM macros restart. */
export interface Distro {
  id: string;
  title: string;
  family: Family;
  manager: Manager;
  /** What `%systemd_postun_with_restart` does there (F32–F36); Debian/Arch/Alpine ignore it. */
  rpmRestart: RestartPattern;
}

export const DISTROS: readonly Distro[] = [
  { id: 'debian', title: 'Debian 12', family: 'debian', manager: 'apt', rpmRestart: 'restart' },
  { id: 'ubuntu', title: 'Ubuntu 24.04', family: 'debian', manager: 'apt', rpmRestart: 'restart' },
  { id: 'el7', title: 'RHEL/CentOS 7 (systemd 219)', family: 'rhel', manager: 'yum', rpmRestart: 'restart' },
  { id: 'el8', title: 'RHEL 8 (systemd 239)', family: 'rhel', manager: 'dnf', rpmRestart: 'restart' },
  { id: 'el9', title: 'RHEL 9 (systemd 252)', family: 'rhel', manager: 'dnf', rpmRestart: 'deferred' },
  { id: 'el10', title: 'RHEL 10', family: 'rhel', manager: 'dnf', rpmRestart: 'deferred' },
  { id: 'fedora', title: 'Fedora 41+', family: 'rhel', manager: 'dnf5', rpmRestart: 'deferred' },
  { id: 'opensuse', title: 'openSUSE Leap 15 (macros of 2023+, libzypp ≥ 17.31.21)', family: 'suse', manager: 'zypper', rpmRestart: 'deferred' },
  { id: 'opensuse-old', title: 'openSUSE Leap 15 with libzypp < 17.31.21 (marks never acted on, F67)', family: 'suse', manager: 'zypper', rpmRestart: 'none' },
  { id: 'arch', title: 'Arch Linux', family: 'arch', manager: 'pacman', rpmRestart: 'none' },
  { id: 'alpine', title: 'Alpine Linux 3.22', family: 'alpine', manager: 'apk', rpmRestart: 'none' },
];

/** The distribution a manager implies when --distro is not given. */
export const DEFAULT_DISTRO: Record<Manager, string> = {
  apt: 'debian', dpkg: 'debian', yum: 'el7', dnf: 'el9', dnf5: 'fedora', zypper: 'opensuse', pacman: 'arch', apk: 'alpine',
};

/** One package of a family's set. */
export interface ProfilePackage {
  name: string;
  /** Installed size, MB (approximate; sets the extraction time). */
  sizeMb: number;
  /** Whether this package carries the binaries (else only scripts/config). */
  binaries: boolean;
  /** Whether its scripts act on the service. */
  scripts: boolean;
  conffiles?: string[];
}

/** How a restart pattern is chosen for a family: fixed, or the distribution's RPM macro behaviour. */
export type PatternRule = RestartPattern | 'rpm-macros';

export interface FamilyProfile {
  packages: ProfilePackage[];
  /** Every path the daemon's binary has in this family; the first is the default. */
  binaries: string[];
  /** Unit names: the first is the unit, the others aliases. */
  units: string[];
  pidfiles: string[];
  pattern: PatternRule;
  /** For `reexec`: Debian starts a stopped daemon (F22), Fedora does not (F38). */
  startIfStopped?: boolean;
  source: string;
}

export interface DaemonProfile {
  id: string;
  /** Other names accepted by --package. */
  aliases: string[];
  title: string;
  port: number;
  /** Seconds to stop and to start (estimates: the spec did not measure real daemons, §14). */
  stop: number;
  start: number;
  families: Partial<Record<Family, FamilyProfile>>;
}

const pkg = (name: string, sizeMb: number, binaries: boolean, scripts: boolean, conffiles?: string[]): ProfilePackage => ({ name, sizeMb, binaries, scripts, ...(conffiles ? { conffiles } : {}) });

export const PROFILES: readonly DaemonProfile[] = [
  {
    id: 'mysql', aliases: ['mysqld', 'mysql-server'], title: 'MySQL server (MariaDB on Debian, Arch, Alpine, SUSE)', port: 3306, stop: 2, start: 3,
    families: {
      debian: {
        // The new preinst stops the server; the binary is in -core, which has no scripts (F23).
        packages: [pkg('mariadb-server', 20, false, true, ['/etc/mysql/mariadb.conf.d/50-server.cnf']), pkg('mariadb-server-core', 75, true, false)],
        binaries: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], units: ['mariadb', 'mysql', 'mysqld'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'stop-start', source: 'F23 (mariadb-server 1:10.11, bookworm)',
      },
      rhel: {
        packages: [pkg('mysql-server', 60, true, true, ['/etc/my.cnf'])],
        binaries: ['/usr/libexec/mysqld', '/usr/sbin/mysqld'], units: ['mysqld', 'mysql'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'rpm-macros', source: 'F39 (%systemd_postun_with_restart), F32–F35',
      },
      suse: {
        packages: [pkg('mariadb', 70, true, true, ['/etc/my.cnf'])],
        binaries: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], units: ['mariadb', 'mysql'], pidfiles: ['/run/mysql/mysqld.pid'],
        pattern: 'rpm-macros', source: 'F36 (family default)',
      },
      arch: {
        packages: [pkg('mariadb', 180, true, false, ['/etc/my.cnf.d/server.cnf'])],
        binaries: ['/usr/bin/mariadbd', '/usr/bin/mysqld', '/usr/sbin/mysqld'], units: ['mariadb', 'mysqld', 'mysql'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'none', source: 'F78',
      },
      alpine: {
        packages: [pkg('mariadb', 90, true, false, ['/etc/my.cnf.d/mariadb-server.cnf'])],
        binaries: ['/usr/bin/mariadbd', '/usr/bin/mysqld', '/usr/sbin/mysqld'], units: ['mariadb', 'mysql'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'none', source: 'F82 (mariadb has no upgrade scripts)',
      },
    },
  },
  {
    id: 'mariadb', aliases: ['mariadbd', 'mariadb-server'], title: 'MariaDB server', port: 3306, stop: 2, start: 3,
    families: {
      debian: {
        packages: [pkg('mariadb-server', 20, false, true, ['/etc/mysql/mariadb.conf.d/50-server.cnf']), pkg('mariadb-server-core', 75, true, false)],
        binaries: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], units: ['mariadb', 'mysql', 'mysqld'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'stop-start', source: 'F23',
      },
      rhel: {
        packages: [pkg('mariadb-server', 70, true, true, ['/etc/my.cnf.d/mariadb-server.cnf'])],
        binaries: ['/usr/libexec/mariadbd', '/usr/libexec/mysqld', '/usr/sbin/mysqld'], units: ['mariadb', 'mysqld', 'mysql'], pidfiles: ['/run/mariadb/mariadb.pid', '/run/mysqld/mysqld.pid'],
        pattern: 'rpm-macros', source: 'F39',
      },
      suse: {
        packages: [pkg('mariadb', 70, true, true, ['/etc/my.cnf'])],
        binaries: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], units: ['mariadb', 'mysql'], pidfiles: ['/run/mysql/mysqld.pid'],
        pattern: 'rpm-macros', source: 'F36 (family default)',
      },
      arch: {
        packages: [pkg('mariadb', 180, true, false, ['/etc/my.cnf.d/server.cnf'])],
        binaries: ['/usr/bin/mariadbd', '/usr/bin/mysqld'], units: ['mariadb', 'mysqld'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'none', source: 'F78',
      },
      alpine: {
        packages: [pkg('mariadb', 90, true, false, ['/etc/my.cnf.d/mariadb-server.cnf'])],
        binaries: ['/usr/bin/mariadbd', '/usr/bin/mysqld'], units: ['mariadb'], pidfiles: ['/run/mysqld/mysqld.pid'],
        pattern: 'none', source: 'F82',
      },
    },
  },
  {
    id: 'postgresql', aliases: ['postgres', 'postgresql-server'], title: 'PostgreSQL', port: 5432, stop: 1, start: 2,
    families: {
      debian: {
        packages: [pkg('postgresql-15', 50, true, true, ['/etc/postgresql/15/main/postgresql.conf'])],
        binaries: ['/usr/lib/postgresql/15/bin/postgres'], units: ['postgresql@15-main', 'postgresql'], pidfiles: ['/run/postgresql/15-main.pid'],
        pattern: 'restart', source: 'family default (debhelper restart after upgrade, F20); not verified',
      },
      rhel: {
        packages: [pkg('postgresql-server', 25, true, true)],
        binaries: ['/usr/bin/postgres', '/usr/pgsql-16/bin/postgres'], units: ['postgresql', 'postgresql-16'], pidfiles: ['/var/lib/pgsql/data/postmaster.pid', '/var/lib/pgsql/16/data/postmaster.pid'],
        pattern: 'rpm-macros', source: 'family default (F32–F35)',
      },
      suse: {
        packages: [pkg('postgresql16-server', 25, true, true)],
        binaries: ['/usr/lib/postgresql16/bin/postgres'], units: ['postgresql'], pidfiles: ['/var/lib/pgsql/data/postmaster.pid'],
        pattern: 'rpm-macros', source: 'family default (F36)',
      },
      arch: {
        packages: [pkg('postgresql', 60, true, false)],
        binaries: ['/usr/bin/postgres'], units: ['postgresql'], pidfiles: ['/var/lib/postgres/data/postmaster.pid'],
        pattern: 'none', source: 'F78',
      },
      alpine: {
        packages: [pkg('postgresql16', 40, true, false)],
        binaries: ['/usr/libexec/postgresql16/postgres', '/usr/bin/postgres'], units: ['postgresql'], pidfiles: ['/run/postgresql/postgresql.pid', '/var/lib/postgresql/16/data/postmaster.pid'],
        pattern: 'none', source: 'F82',
      },
    },
  },
  {
    id: 'nginx', aliases: [], title: 'nginx', port: 80, stop: 0.2, start: 0.3,
    families: {
      debian: { packages: [pkg('nginx', 1.5, true, true, ['/etc/nginx/nginx.conf'])], binaries: ['/usr/sbin/nginx'], units: ['nginx'], pidfiles: ['/run/nginx.pid'], pattern: 'reexec', startIfStopped: true, source: 'F22' },
      rhel: { packages: [pkg('nginx', 2, true, true, ['/etc/nginx/nginx.conf'])], binaries: ['/usr/sbin/nginx'], units: ['nginx'], pidfiles: ['/run/nginx.pid'], pattern: 'reexec', startIfStopped: false, source: 'F38' },
      suse: { packages: [pkg('nginx', 2, true, true, ['/etc/nginx/nginx.conf'])], binaries: ['/usr/sbin/nginx'], units: ['nginx'], pidfiles: ['/run/nginx.pid'], pattern: 'rpm-macros', source: 'family default (F36); not verified' },
      arch: { packages: [pkg('nginx', 3, true, false, ['/etc/nginx/nginx.conf'])], binaries: ['/usr/bin/nginx'], units: ['nginx'], pidfiles: ['/run/nginx.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('nginx', 1.5, true, false, ['/etc/nginx/nginx.conf'])], binaries: ['/usr/sbin/nginx'], units: ['nginx'], pidfiles: ['/run/nginx/nginx.pid', '/run/nginx.pid'], pattern: 'none', source: 'F82 (post-upgrade only migrates configuration)' },
    },
  },
  {
    id: 'apache', aliases: ['apache2', 'httpd'], title: 'Apache httpd', port: 80, stop: 1, start: 0.5,
    families: {
      debian: { packages: [pkg('apache2', 1, false, true, ['/etc/apache2/apache2.conf']), pkg('apache2-bin', 5, true, false)], binaries: ['/usr/sbin/apache2'], units: ['apache2'], pidfiles: ['/run/apache2/apache2.pid', '/var/run/apache2/apache2.pid'], pattern: 'restart', source: 'family default (F20); not verified' },
      rhel: { packages: [pkg('httpd', 5, true, true, ['/etc/httpd/conf/httpd.conf'])], binaries: ['/usr/sbin/httpd'], units: ['httpd'], pidfiles: ['/run/httpd/httpd.pid'], pattern: 'rpm-macros', source: 'family default (F32–F35)' },
      suse: { packages: [pkg('apache2', 5, true, true, ['/etc/apache2/httpd.conf'])], binaries: ['/usr/sbin/httpd', '/usr/sbin/httpd-prefork'], units: ['apache2'], pidfiles: ['/run/httpd.pid'], pattern: 'rpm-macros', source: 'family default (F36)' },
      arch: { packages: [pkg('apache', 8, true, false, ['/etc/httpd/conf/httpd.conf'])], binaries: ['/usr/bin/httpd'], units: ['httpd'], pidfiles: ['/run/httpd/httpd.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('apache2', 3, true, false, ['/etc/apache2/httpd.conf'])], binaries: ['/usr/sbin/httpd'], units: ['apache2'], pidfiles: ['/run/apache2/httpd.pid'], pattern: 'none', source: 'F82' },
    },
  },
  {
    id: 'openssh', aliases: ['sshd', 'ssh', 'openssh-server'], title: 'OpenSSH server', port: 22, stop: 0.1, start: 0.1,
    families: {
      debian: { packages: [pkg('openssh-server', 2, true, true, ['/etc/ssh/sshd_config'])], binaries: ['/usr/sbin/sshd'], units: ['ssh', 'sshd'], pidfiles: ['/run/sshd.pid', '/var/run/sshd.pid'], pattern: 'restart', source: 'F21' },
      rhel: { packages: [pkg('openssh-server', 2, true, true, ['/etc/ssh/sshd_config'])], binaries: ['/usr/sbin/sshd'], units: ['sshd'], pidfiles: ['/run/sshd.pid', '/var/run/sshd.pid'], pattern: 'rpm-macros', source: 'F39' },
      suse: { packages: [pkg('openssh-server', 2, true, true, ['/etc/ssh/sshd_config'])], binaries: ['/usr/sbin/sshd'], units: ['sshd'], pidfiles: ['/run/sshd.pid'], pattern: 'rpm-macros', source: 'F36 (family default)' },
      arch: { packages: [pkg('openssh', 6, true, false, ['/etc/ssh/sshd_config'])], binaries: ['/usr/bin/sshd'], units: ['sshd'], pidfiles: ['/run/sshd.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('openssh-server', 1, true, true, ['/etc/ssh/sshd_config'])], binaries: ['/usr/sbin/sshd'], units: ['sshd'], pidfiles: ['/run/sshd.pid'], pattern: 'none', source: 'F82 (the 9.8_p1 restart was a one-off exception)' },
    },
  },
  {
    id: 'redis', aliases: ['redis-server'], title: 'Redis', port: 6379, stop: 0.3, start: 0.3,
    families: {
      debian: { packages: [pkg('redis-server', 0.2, false, true, ['/etc/redis/redis.conf']), pkg('redis-tools', 7, true, false)], binaries: ['/usr/bin/redis-server', '/usr/bin/redis-check-rdb'], units: ['redis-server', 'redis'], pidfiles: ['/run/redis/redis-server.pid', '/var/run/redis/redis-server.pid'], pattern: 'restart', source: 'family default (F20); not verified' },
      rhel: { packages: [pkg('redis', 6, true, true, ['/etc/redis/redis.conf'])], binaries: ['/usr/bin/redis-server'], units: ['redis'], pidfiles: ['/run/redis/redis.pid', '/var/run/redis/redis.pid'], pattern: 'rpm-macros', source: 'family default (F32–F35)' },
      suse: { packages: [pkg('redis', 6, true, true)], binaries: ['/usr/sbin/redis-server'], units: ['redis@default', 'redis'], pidfiles: ['/run/redis/default.pid'], pattern: 'rpm-macros', source: 'family default (F36)' },
      arch: { packages: [pkg('redis', 6, true, false, ['/etc/redis/redis.conf'])], binaries: ['/usr/bin/redis-server'], units: ['redis'], pidfiles: ['/run/redis/redis.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('redis', 4, true, false, ['/etc/redis.conf'])], binaries: ['/usr/bin/redis-server'], units: ['redis'], pidfiles: ['/run/redis/redis.pid'], pattern: 'none', source: 'F82' },
    },
  },
  {
    id: 'php-fpm', aliases: ['php', 'php-fpm8.2', 'phpfpm'], title: 'PHP FastCGI process manager', port: 9000, stop: 0.3, start: 0.3,
    families: {
      debian: { packages: [pkg('php8.2-fpm', 6, true, true, ['/etc/php/8.2/fpm/php-fpm.conf'])], binaries: ['/usr/sbin/php-fpm8.2'], units: ['php8.2-fpm', 'php-fpm'], pidfiles: ['/run/php/php8.2-fpm.pid'], pattern: 'restart', source: 'family default (F20); not verified' },
      rhel: { packages: [pkg('php-fpm', 5, true, true, ['/etc/php-fpm.conf'])], binaries: ['/usr/sbin/php-fpm'], units: ['php-fpm'], pidfiles: ['/run/php-fpm/php-fpm.pid'], pattern: 'rpm-macros', source: 'family default (F32–F35)' },
      suse: { packages: [pkg('php8-fpm', 5, true, true)], binaries: ['/usr/sbin/php-fpm'], units: ['php-fpm'], pidfiles: ['/run/php-fpm.pid'], pattern: 'rpm-macros', source: 'family default (F36)' },
      arch: { packages: [pkg('php-fpm', 5, true, false, ['/etc/php/php-fpm.conf'])], binaries: ['/usr/bin/php-fpm'], units: ['php-fpm'], pidfiles: ['/run/php-fpm/php-fpm.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('php83-fpm', 4, true, false, ['/etc/php83/php-fpm.conf'])], binaries: ['/usr/sbin/php-fpm83'], units: ['php-fpm83'], pidfiles: ['/run/php-fpm83/php-fpm.pid'], pattern: 'none', source: 'F82' },
    },
  },
  {
    id: 'postfix', aliases: [], title: 'Postfix', port: 25, stop: 0.5, start: 0.5,
    families: {
      debian: { packages: [pkg('postfix', 4, true, true, ['/etc/postfix/main.cf'])], binaries: ['/usr/lib/postfix/sbin/master'], units: ['postfix'], pidfiles: ['/var/spool/postfix/pid/master.pid'], pattern: 'restart', source: 'family default (F20); not verified' },
      rhel: { packages: [pkg('postfix', 4, true, true, ['/etc/postfix/main.cf'])], binaries: ['/usr/libexec/postfix/master'], units: ['postfix'], pidfiles: ['/var/spool/postfix/pid/master.pid'], pattern: 'rpm-macros', source: 'family default (F32–F35; F34 names postfix)' },
      suse: { packages: [pkg('postfix', 4, true, true, ['/etc/postfix/main.cf'])], binaries: ['/usr/lib/postfix/bin/master'], units: ['postfix'], pidfiles: ['/var/spool/postfix/pid/master.pid'], pattern: 'rpm-macros', source: 'family default (F36)' },
      arch: { packages: [pkg('postfix', 5, true, false, ['/etc/postfix/main.cf'])], binaries: ['/usr/lib/postfix/bin/master'], units: ['postfix'], pidfiles: ['/var/spool/postfix/pid/master.pid'], pattern: 'none', source: 'F78' },
      alpine: { packages: [pkg('postfix', 3, true, false, ['/etc/postfix/main.cf'])], binaries: ['/usr/libexec/postfix/master'], units: ['postfix'], pidfiles: ['/var/spool/postfix/pid/master.pid'], pattern: 'none', source: 'F82' },
    },
  },
];

/** The profile for a --package name (its id or an alias), case-insensitive. */
export function findProfile(name: string): DaemonProfile | undefined {
  const n = name.toLowerCase();
  return PROFILES.find((p) => p.id === n || p.aliases.includes(n));
}

export function findDistro(id: string): Distro | undefined {
  return DISTROS.find((d) => d.id === id.toLowerCase());
}

/** The restart pattern of a family profile on a distribution. */
export function patternOn(f: FamilyProfile, d: Distro): RestartPattern {
  return f.pattern === 'rpm-macros' ? d.rpmRestart : f.pattern;
}
