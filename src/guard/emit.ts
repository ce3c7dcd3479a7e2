/**
 * `emitGuard`: the files of one guard, the shared helper first, then the manager's hooks. A pure
 * function of its options (DESIGN.md: stages are pure; only the CLI writes files).
 */
import { apkFiles } from './emitters/apk.js';
import { aptFiles } from './emitters/apt.js';
import { dnfFiles } from './emitters/dnf.js';
import { dnf5Files } from './emitters/dnf5.js';
import { pacmanFiles } from './emitters/pacman.js';
import { yumFiles } from './emitters/yum.js';
import { zypperFiles } from './emitters/zypper.js';
import { helperFile } from './helper.js';
import type { GuardFile, GuardOptions, Manager } from './types.js';

function hookFiles(manager: Manager, dnfPluginDir: string): GuardFile[] {
  switch (manager) {
    case 'apt': return aptFiles();
    case 'yum': return yumFiles();
    case 'dnf': return dnfFiles(dnfPluginDir);
    case 'dnf5': return dnf5Files();
    case 'zypper': return zypperFiles();
    case 'pacman': return pacmanFiles();
    case 'apk': return apkFiles();
    default: {
      const never: never = manager;
      throw new Error(`unknown manager ${String(never)}`);
    }
  }
}

export function emitGuard(opts: GuardOptions): GuardFile[] {
  return [helperFile(opts.strategy, opts.target), ...hookFiles(opts.manager, opts.dnfPluginDir)];
}
