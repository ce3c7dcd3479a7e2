/**
 * Facts about the machine for `--host`, read through an {@link Fs}: the package-manager guards
 * installed (the hook locations of package-managers.md §4–§11) and file modes.
 */
import { tryStat, type Fs } from '../config/fs.js';
import type { HostFacts } from './types.js';

/** Where each package manager looks for hooks; a file there whose name mentions monit is a guard. */
export const GUARD_DIRS = [
  '/etc/apt/apt.conf.d', // apt (§4)
  '/etc/dpkg/dpkg.cfg.d', // plain dpkg (§4.2)
  '/etc/yum/pluginconf.d', // yum (§6)
  '/usr/lib/yum-plugins',
  '/etc/dnf/plugins', // dnf 4 (§7)
  '/etc/dnf/libdnf5-plugins/actions.d', // dnf 5 (§8)
  '/usr/lib/zypp/plugins/commit', // zypper (§9)
  '/etc/pacman.d/hooks', // pacman (§10)
  '/etc/apk/commit_hooks.d', // apk (§11)
];

export function detectGuards(fs: Fs, mapPath: (p: string) => string = (p) => p): string[] {
  const out: string[] = [];
  for (const dir of GUARD_DIRS) {
    let names: string[];
    try {
      names = fs.readdirSync(mapPath(dir));
    } catch {
      continue;
    }
    for (const n of [...names].sort()) if (/monit/i.test(n)) out.push(`${dir}/${n}`);
  }
  return out;
}

export function hostFacts(fs: Fs, mapPath: (p: string) => string = (p) => p): HostFacts {
  return {
    guards: detectGuards(fs, mapPath),
    modeOf: (p) => tryStat(fs, mapPath(p))?.mode,
  };
}
