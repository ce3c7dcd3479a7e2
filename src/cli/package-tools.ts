/**
 * The real host's side of `monitlint simulate --package-file` and `--manager auto`: runs
 * `dpkg-deb` / `rpm -qp` on a package file (read only; nothing is extracted to disk) and reads
 * /etc/os-release and PATH. Parsing is in src/sim/packages (pure).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { detectManager, type Detected } from '../sim/packages/detect.js';
import { choosePackages, hostPackageNames, mergeInstalled } from '../sim/packages/host-names.js';
import { findProfile, type Distro } from '../sim/packages/profiles.js';
import { PackageFileError, specFromDeb, specFromDebParts, specFromRpm, type DebInfo } from '../sim/packages/package-file.js';
import type { PackageSpec } from '../sim/packages/world.js';

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Runs a tool; throws {@link PackageFileError} with a one-line reason on any failure. */
function tool(file: string, cmd: string, args: string[], optional = false): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PackageFileError(`${file}: cannot read it: '${cmd}' is not installed`);
    throw new PackageFileError(`${file}: ${cmd} failed: ${code ?? r.error.message}`);
  }
  if (r.status !== 0) {
    if (optional) return '';
    const why = (r.stderr || r.stdout || '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? `exit status ${String(r.status)}`;
    throw new PackageFileError(`${file}: not a readable package (${cmd}: ${why})`);
  }
  return r.stdout;
}

/** Reads a .deb or .rpm into a {@link PackageSpec}. */
export function readPackageFile(file: string): PackageSpec {
  try {
    if (!statSync(file).isFile()) throw new PackageFileError(`${file}: not a file`);
  } catch (e) {
    if (e instanceof PackageFileError) throw e;
    throw new PackageFileError(`${file}: cannot read package file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (/\.deb$/i.test(file)) {
    const control = tool(file, 'dpkg-deb', ['-f', '--', file]);
    const info: DebInfo = { control, contents: tool(file, 'dpkg-deb', ['-c', '--', file]), conffiles: tool(file, 'dpkg-deb', ['-I', '--', file, 'conffiles'], true), scripts: {} };
    for (const s of ['preinst', 'postinst', 'prerm', 'postrm'] as const) {
      const text = tool(file, 'dpkg-deb', ['-I', '--', file, s], true);
      if (text !== '') info.scripts[s] = text;
    }
    return specFromDeb(file, info);
  }
  if (/\.rpm$/i.test(file)) {
    return specFromRpm(file, {
      header: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--qf', '%{NAME}\\n%{VERSION}-%{RELEASE}\\n%{SIZE}\\n', '--', file]),
      dump: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--dump', '--', file]),
      scripts: tool(file, 'rpm', ['-qp', '--nosignature', '--nodigest', '--scripts', '--', file]),
    });
  }
  throw new PackageFileError(`${file}: unknown package type (expected a .deb or an .rpm file)`);
}

/** The installed-package database a manager keeps: dpkg's or rpm's (apk and pacman: not read). */
function databaseOf(manager: string): 'dpkg' | 'rpm' {
  if (manager === 'apt' || manager === 'dpkg') return 'dpkg';
  if (['yum', 'dnf', 'dnf5', 'zypper'].includes(manager)) return 'rpm';
  throw new PackageFileError(`--host: reading the installed database of ${manager} is not supported (apt/dpkg and the rpm managers are)`);
}

/**
 * `--host`: an installed package from the host's database (`dpkg-query`, /var/lib/dpkg/info; or
 * `rpm -q`), read only. Modes and owners are those of the files on this disk.
 */
export function readInstalledPackage(name: string, manager: string): PackageSpec {
  const what = `installed package '${name}'`;
  if (databaseOf(manager) === 'dpkg') {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Package}\\n${Version}\\n${Installed-Size}\\n${Conffiles}\\n', '--', name], { encoding: 'utf8', timeout: 30_000 });
    if (r.error !== undefined) throw new PackageFileError(`--host: cannot query the dpkg database: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
    if (r.status !== 0) throw new PackageFileError(`--host: package '${name}' is not installed on this host (dpkg-query found no such package)`);
    const [pkg, version, size, ...conf] = r.stdout.split('\n');
    const list = tool(what, 'dpkg-query', ['-L', '--', name]);
    const files = new Map<string, { mode: number; uid: number; gid: number }>();
    for (const path of list.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'))) {
      try {
        const st = lstatSync(path);
        if (st.isFile()) files.set(path, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
      } catch {
        // listed but gone from the disk: not part of the swap
      }
    }
    const scripts: Partial<Record<'preinst' | 'postinst' | 'prerm' | 'postrm', string>> = {};
    for (const s of ['preinst', 'postinst', 'prerm', 'postrm'] as const) {
      for (const f of [`/var/lib/dpkg/info/${pkg ?? name}.${s}`]) {
        try {
          scripts[s] = readFileSync(f, 'utf8');
        } catch {
          // no such script
        }
      }
    }
    return specFromDebParts(name, `${what} (${version ?? '?'}, dpkg database)`, {
      name: pkg ?? name, version, size: (Number(size) || 0) * 1024, files,
      conffiles: conf.map((l) => l.trim().split(/\s+/)[0] ?? '').filter((l) => l.startsWith('/')), scripts,
    });
  }
  const q = (args: string[]): string => tool(what, 'rpm', ['-q', ...args, '--', name]);
  return specFromRpm(name, { header: q(['--qf', '%{NAME}\\n%{VERSION}-%{RELEASE}\\n%{SIZE}\\n']), dump: q(['--dump']), scripts: q(['--scripts']) });
}

/**
 * Which of `names` are installed, per the host's database (`dpkg-query -W`, `rpm -q`). A missing
 * tool or database gives a {@link PackageFileError}; names that are not installed are left out.
 */
function installedAmong(names: readonly string[], manager: string): Set<string> {
  const out = new Set<string>();
  if (names.length === 0) return out;
  const deb = databaseOf(manager) === 'dpkg';
  // Both exit non-zero when some name is unknown, and still list the ones they found.
  const r = deb
    ? spawnSync('dpkg-query', ['-W', '-f=${Package}\t${db:Status-Status}\n', '--', ...names], { encoding: 'utf8', timeout: 30_000 })
    : spawnSync('rpm', ['-q', '--qf', '%{NAME}\tinstalled\n', '--', ...names], { encoding: 'utf8', timeout: 30_000 });
  if (r.error !== undefined) throw new PackageFileError(`--host: cannot query the ${deb ? 'dpkg' : 'rpm'} database: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
  for (const line of r.stdout.split('\n')) {
    const [name, status] = line.split('\t');
    if (name !== undefined && status === 'installed' && names.includes(name)) out.add(name);
  }
  return out;
}

/**
 * `--host --package NAME`: a built-in profile id (or alias) is looked for under the package
 * names its daemon has on the host's family (host-names.ts), and the installed packages found
 * are read and merged with the profile; any other name is read as the package of that name.
 */
export function installedSpec(name: string, manager: string, distro: Distro): PackageSpec {
  const profile = findProfile(name);
  if (profile === undefined) return readInstalledPackage(name, manager);
  const candidates = hostPackageNames(profile, distro.family);
  const chosen = choosePackages(profile, distro.family, installedAmong(candidates, manager));
  if (chosen.length === 0) {
    throw new PackageFileError(`--host: no package of '${profile.id}' is installed on this host (looked for ${candidates.join(', ')} in the ${distro.family} family's names)`);
  }
  return mergeInstalled(profile, distro, chosen.map((n) => readInstalledPackage(n, manager)));
}

/** The host's manager and distribution (--manager auto). */
export function detectHostManager(): Detected | undefined {
  let osRelease = '';
  for (const f of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      osRelease = readFileSync(f, 'utf8');
      break;
    } catch {
      // try the next
    }
  }
  return detectManager(osRelease, onPath);
}
