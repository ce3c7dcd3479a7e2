/**
 * Which paths a package manager owns: the files a package upgrade replaces under a running Monit.
 *
 * The built-in model follows the Filesystem Hierarchy Standard as Debian and RPM distributions
 * apply it: everything under `/usr` (but not `/usr/local`, which is the administrator's),
 * `/bin`, `/sbin`, `/lib*`, the init scripts and PAM configuration in `/etc`, and the program
 * directories of add-on packages in `/opt`. With `--host`, the CLI supplies a query that asks the
 * real package database (`dpkg -S`, `rpm -qf`), which also names the package.
 */

/** The answer for one path. */
export interface Ownership {
  owned: boolean;
  /** The owning package, when the package database was asked and knew it. */
  package?: string;
  /** Where the answer came from. */
  source: 'model' | 'dpkg' | 'rpm';
}

/** Asks the host's package database; undefined when it has no answer for the path. */
export type PackageQuery = (path: string) => { package: string; source: 'dpkg' | 'rpm' } | undefined;

const OWNED_PREFIXES = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib32/', '/lib64/', '/libx32/', '/etc/init.d/', '/etc/rc.d/', '/etc/pam.d/'];
const ADMIN_PREFIXES = ['/usr/local/'];
/** `/opt/<vendor>/{bin,sbin,lib…}`: what add-on packages install (FHS §3.13). */
const OPT_PROGRAM = /^\/opt\/[^/]+\/(bin|sbin|lib|lib64|libexec)\//;

export class PackageOwnership {
  private readonly cache = new Map<string, Ownership>();

  constructor(private readonly query?: PackageQuery) {}

  /** Whether the built-in model takes `path` as package-owned. */
  static modelOwns(path: string): boolean {
    const p = normalise(path);
    if (ADMIN_PREFIXES.some((a) => p.startsWith(a))) return false;
    return OWNED_PREFIXES.some((a) => p.startsWith(a)) || OPT_PROGRAM.test(p);
  }

  ownerOf(path: string): Ownership {
    const hit = this.cache.get(path);
    if (hit) return hit;
    let answer: Ownership = { owned: PackageOwnership.modelOwns(path), source: 'model' };
    if (this.query) {
      const q = this.query(normalise(path));
      if (q) answer = { owned: true, package: q.package, source: q.source };
    }
    this.cache.set(path, answer);
    return answer;
  }

  /** "package mysql-server" or "a package-managed path", for messages. */
  describe(path: string): string {
    const o = this.ownerOf(path);
    return o.package ? `owned by package '${o.package}'` : 'a package-managed path';
  }
}

function normalise(path: string): string {
  return path.replace(/\/+/g, '/').replace(/\/\.(?=\/)/g, '');
}
