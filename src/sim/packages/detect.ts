/**
 * `--manager auto`: the host's package manager and distribution, from /etc/os-release and the
 * commands on PATH (the CLI reads both and passes them in; this stays pure).
 */
import type { Manager } from '../plans/plan.js';

export interface Detected {
  manager: Manager;
  distro: string;
  /** How it was decided, for the report. */
  why: string;
}

function osField(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
  return m?.[1]?.trim().replace(/^["']|["']$/g, '');
}

/** Decides from os-release text (may be empty) and a command lookup. */
export function detectManager(osRelease: string, has: (cmd: string) => boolean): Detected | undefined {
  const id = (osField(osRelease, 'ID') ?? '').toLowerCase();
  const like = (osField(osRelease, 'ID_LIKE') ?? '').toLowerCase().split(/\s+/);
  const major = Number((osField(osRelease, 'VERSION_ID') ?? '').split('.')[0]);
  const is = (...ids: string[]): boolean => ids.includes(id) || like.some((l) => ids.includes(l));
  if (is('debian', 'ubuntu')) return { manager: 'apt', distro: id === 'ubuntu' ? 'ubuntu' : 'debian', why: `/etc/os-release ID=${id}` };
  if (id === 'fedora') return { manager: has('dnf5') ? 'dnf5' : 'dnf', distro: 'fedora', why: `/etc/os-release ID=fedora` };
  if (is('rhel', 'centos', 'fedora')) {
    const el = Number.isFinite(major) && major >= 7 ? Math.min(major, 10) : 9;
    return { manager: el === 7 ? 'yum' : 'dnf', distro: `el${el}`, why: `/etc/os-release ID=${id} VERSION_ID=${major}` };
  }
  if (is('suse', 'opensuse', 'sles')) return { manager: 'zypper', distro: 'opensuse', why: `/etc/os-release ID=${id}` };
  if (is('arch')) return { manager: 'pacman', distro: 'arch', why: `/etc/os-release ID=${id}` };
  if (is('alpine')) return { manager: 'apk', distro: 'alpine', why: `/etc/os-release ID=${id}` };
  const order: Array<[string, Manager, string]> = [['apt-get', 'apt', 'debian'], ['dnf5', 'dnf5', 'fedora'], ['dnf', 'dnf', 'el9'], ['yum', 'yum', 'el7'], ['zypper', 'zypper', 'opensuse'], ['pacman', 'pacman', 'arch'], ['apk', 'apk', 'alpine']];
  for (const [cmd, manager, distro] of order) if (has(cmd)) return { manager, distro, why: `${cmd} is on PATH` };
  return undefined;
}
