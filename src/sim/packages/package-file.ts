/**
 * Real package files → {@link PackageSpec}. The CLI runs the tools (`dpkg-deb`, `rpm -qp`) and
 * hands their output here; this module only parses text, so it runs without a disk.
 *
 * The restart pattern is read from the maintainer scripts / scriptlets: which units they stop,
 * start, restart, mark or upgrade in place, and in which script (package-managers.md §2).
 */
import type { PlanPackage, RestartPattern } from '../plans/plan.js';
import type { PackageSpec } from './world.js';

/** What a maintainer script does to services. */
export interface ScriptActions {
  /** unit → actions seen (stop, start, restart, try-restart, upgrade, mark). */
  actions: Map<string, Set<string>>;
}

const UNIT = String.raw`['"]?([A-Za-z0-9_@.:-]+?)(?:\.service)?['"]?`;

/**
 * Scans one shell script for service operations. `own`: the paths the package installs; a
 * script that runs one of them with an action (`/usr/lib/foo/ctl stop`) controls the daemon
 * through the package's own control program, and that path is the unit.
 */
export function scanScript(text: string, own: ReadonlySet<string> = new Set()): ScriptActions {
  const actions = new Map<string, Set<string>>();
  const add = (unit: string, op: string): void => {
    const u = unit.replace(/^['"]|['"]$/g, '').replace(/\.service$/, '');
    if (u === '' || u.startsWith('$') || /^(rescue-ssh\.target|.*\.socket|.*\.target)$/.test(u)) return;
    const set = actions.get(u) ?? new Set<string>();
    set.add(op);
    actions.set(u, set);
  };
  const norm = (op: string): string => (op === '$_dh_action' || op === 'force-reload' || op === 'reload-or-restart' ? 'restart' : op === 'condrestart' ? 'try-restart' : op);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    // invoke-rc.d [--opts] NAME ACTION, service NAME ACTION, /etc/init.d/NAME ACTION
    for (const m of line.matchAll(new RegExp(String.raw`(?:invoke-rc\.d|\bservice)\s+(?:--[\w-]+\s+)*${UNIT}\s+(stop|start|restart|try-restart|upgrade|force-reload|\$_dh_action)\b`, 'g'))) add(m[1] as string, norm(m[2] as string));
    for (const m of line.matchAll(new RegExp(String.raw`/etc/init\.d/([\w.-]+)\s+(stop|start|restart|upgrade)\b`, 'g'))) add(m[1] as string, norm(m[2] as string));
    // deb-systemd-invoke / systemctl ACTION UNIT...
    for (const m of line.matchAll(/(?:deb-systemd-invoke|systemctl)\s+(?:--[\w-]+(?:=\S+)?\s+)*(stop|start|restart|try-restart|reload-or-restart|condrestart|\$_dh_action)\s+((?:['"]?[\w@.:-]+['"]?\s*)+)/g)) {
      for (const u of (m[2] as string).trim().split(/\s+/)) add(u, norm(m[1] as string));
    }
    // systemd ≥ 248 macros: systemd-update-helper mark-restart-system-units UNIT… (F33)
    for (const m of line.matchAll(/mark-restart-system-units\s+((?:['"]?[\w@.:-]+['"]?\s*)+)/g)) for (const u of (m[1] as string).trim().split(/\s+/)) add(u, 'mark');
    for (const m of line.matchAll(/set-property\s+['"]?([\w@.:-]+)['"]?\s+Markers=\+needs-restart/g)) add(m[1] as string, 'mark');
    // The package's own control program (an init script outside /etc/init.d): the path is the unit.
    for (const m of line.matchAll(/(?:^|[\s;&|(])['"]?(\/[\w./+-]+)['"]?\s+(stop|start|restart|try-restart|upgrade|force-reload)\b/g)) {
      const path = m[1] as string;
      if (own.has(path) && !path.startsWith('/etc/init.d/')) add(path, norm(m[2] as string));
    }
    // Fedora's nginx in-place upgrade (F38)
    if (/\bnginx-upgrade\b/.test(line)) add('nginx', 'upgrade');
  }
  return { actions };
}

/**
 * How long a script waits (`sleep N`, seconds) before and after its first service call, ms. A
 * package that pauses between stopping its daemon and unpacking keeps it down that long.
 */
function scriptWaits(text: string, own: ReadonlySet<string> = new Set()): { before: number; after: number } {
  let before = 0;
  let after = 0;
  let seen = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    if (!seen && scanScript(line, own).actions.size > 0) seen = true;
    for (const m of line.matchAll(/(?:^|[\s;&|(])sleep\s+(\d+(?:\.\d+)?)\b/g)) {
      const ms = Math.round(Number(m[1]) * 1000);
      if (seen) after += ms;
      else before += ms;
    }
  }
  return { before, after };
}

/** The pattern and units of a script set, per the slots each manager runs them in. */
export function patternOfScripts(kind: 'deb' | 'rpm', scripts: Partial<Record<string, string>>, own: ReadonlySet<string> = new Set()): { pattern: RestartPattern; units: string[] } {
  const scan = (slot: string): Map<string, Set<string>> => scanScript(scripts[slot] ?? '', own).actions;
  const has = (m: Map<string, Set<string>>, op: string): string[] => [...m].filter(([, s]) => s.has(op)).map(([u]) => u);
  if (kind === 'deb') {
    const pre = scan('preinst');
    const post = scan('postinst');
    if (has(pre, 'stop').length > 0) return { pattern: 'stop-start', units: has(pre, 'stop') };
    if (has(post, 'upgrade').length > 0) return { pattern: 'reexec', units: has(post, 'upgrade') };
    const r = [...has(post, 'restart'), ...has(post, 'try-restart'), ...has(post, 'start')];
    if (r.length > 0) return { pattern: 'restart', units: [...new Set(r)] };
    return { pattern: 'none', units: [] };
  }
  const pre = scan('preinstall');
  const postun = scan('postuninstall');
  const posttrans = scan('posttrans');
  if (has(pre, 'stop').length > 0) return { pattern: 'stop-start', units: has(pre, 'stop') };
  if (has(postun, 'upgrade').length > 0) return { pattern: 'reexec', units: has(postun, 'upgrade') };
  const marked = [...has(postun, 'mark'), ...has(posttrans, 'restart'), ...has(posttrans, 'try-restart')];
  if (marked.length > 0) return { pattern: 'deferred', units: [...new Set(marked)] };
  const r = [...has(postun, 'try-restart'), ...has(postun, 'restart')];
  if (r.length > 0) return { pattern: 'restart', units: [...new Set(r)] };
  return { pattern: 'none', units: [] };
}

/** A malformed package or tool output: the message names the file. */
export class PackageFileError extends Error {}

/** An executable a daemon may run from: the sbin/bin/libexec trees, and a package's private /usr/lib/NAME/ directory. */
function isDaemonPath(p: string, mode: number): boolean {
  return (mode & 0o111) !== 0 && (/^\/(usr\/)?(s?bin|libexec|lib\/[\w.+-]+\/(s?bin|bin))\//.test(p) || /^\/usr\/lib\/[\w.+-]+\/[^/]+$/.test(p));
}

/**
 * The daemon a package file ships, from its regular files and the units its scripts control: its
 * binaries, and its units (those of the scripts, then its systemd unit files; the package's own
 * name when it has neither). A control program the scripts run is a unit, not a binary. No
 * daemon when the package has no unit and no binary.
 */
function daemonOf(files: ReadonlyMap<string, { mode: number }>, scriptUnits: readonly string[], name: string): PackageSpec['daemon'] {
  const unitFiles = [...files.keys()].filter((p) => /^\/(usr\/)?lib\/systemd\/system\/[^/]+\.service$/.test(p)).map((p) => p.slice(p.lastIndexOf('/') + 1, -'.service'.length));
  const binaries = [...files].filter(([p, m]) => isDaemonPath(p, m.mode) && !scriptUnits.includes(p)).map(([p]) => p);
  const units = [...new Set([...scriptUnits, ...unitFiles])];
  if (units.length === 0 && binaries.length === 0) return undefined;
  return { binaries, units: units.length > 0 ? units : [name], pidfiles: [], stop: 1000, start: 1000 };
}

/** `dpkg-deb -c` lines: `-rwxr-xr-x root/root  16 2026-01-01 00:00 ./usr/sbin/testd`. */
export function parseDebContents(text: string): Map<string, { mode: number; uid: number; gid: number }> {
  const out = new Map<string, { mode: number; uid: number; gid: number }>();
  for (const line of text.split('\n')) {
    const m = /^([-dlhcbps])([rwxsStT-]{9})\s+(\S+)\/(\S+)\s+\d+\s+\S+\s+\S+\s+\.(\/\S.*?)(?: -> .*)?$/.exec(line);
    if (m === null || m[1] !== '-') continue;
    out.set(m[5] as string, { mode: permBits(m[2] as string), uid: m[3] === 'root' ? 0 : 1000, gid: m[4] === 'root' ? 0 : 1000 });
  }
  return out;
}

function permBits(s: string): number {
  let mode = 0;
  const bit = (i: number, v: number): void => {
    if (!'-ST'.includes(s[i] as string)) mode |= v;
  };
  bit(0, 0o400); bit(1, 0o200); bit(2, 0o100); bit(3, 0o40); bit(4, 0o20); bit(5, 0o10); bit(6, 0o4); bit(7, 0o2); bit(8, 0o1);
  if ('sS'.includes(s[2] as string)) mode |= 0o4000;
  if ('sS'.includes(s[5] as string)) mode |= 0o2000;
  if ('tT'.includes(s[8] as string)) mode |= 0o1000;
  return mode;
}

/** The output of the dpkg-deb calls for one .deb. */
export interface DebInfo {
  /** `dpkg-deb -f FILE` */
  control: string;
  /** `dpkg-deb -c FILE` */
  contents: string;
  /** `dpkg-deb -I FILE conffiles` (empty when absent) */
  conffiles: string;
  scripts: Partial<Record<'preinst' | 'postinst' | 'prerm' | 'postrm', string>>;
}

function field(control: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(control);
  return m?.[1]?.trim();
}

export function specFromDeb(file: string, d: DebInfo): PackageSpec {
  const name = field(d.control, 'Package');
  if (name === undefined) throw new PackageFileError(`${file}: no Package field in the control file`);
  const kb = Number(field(d.control, 'Installed-Size') ?? '0');
  return specFromDebParts(file, `${file} (${name} ${field(d.control, 'Version') ?? '?'})`, {
    name, version: field(d.control, 'Version'), size: (Number.isFinite(kb) ? kb : 0) * 1024,
    files: parseDebContents(d.contents), conffiles: d.conffiles.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/')), scripts: d.scripts,
  });
}

/** A Debian package from its parts (a .deb's members, or the installed database: `dpkg-query`, /var/lib/dpkg/info). */
export interface DebParts {
  name: string;
  version: string | undefined;
  size: number;
  files: Map<string, { mode: number; uid: number; gid: number }>;
  conffiles: string[];
  scripts: Partial<Record<'preinst' | 'postinst' | 'prerm' | 'postrm', string>>;
}

/** The pre- and post-install script slots of each package format. */
const INSTALL_SLOTS = { deb: { pre: 'preinst', post: 'postinst' }, rpm: { pre: 'preinstall', post: 'postinstall' } } as const;

/**
 * What the plan needs beyond the pattern, read from the new package's pre- and post-install
 * scripts (dpkg preinst/postinst, rpm %pre/%post): how long each waits (`sleep N`) before and
 * after its service call, and, for a package that stops its daemon before the swap, whether the
 * post-install script only starts it (a unit Monit restarted meanwhile is left running the old
 * binary) instead of restarting it.
 */
export function scriptExtras(kind: 'deb' | 'rpm', scripts: Partial<Record<string, string>>, own: ReadonlySet<string>, pattern: RestartPattern, units: readonly string[]): Pick<PlanPackage, 'waits' | 'configureStarts'> {
  const slots = INSTALL_SLOTS[kind];
  const waits: NonNullable<PlanPackage['waits']> = {};
  for (const [key, slot] of [['preinst', slots.pre], ['postinst', slots.post]] as const) {
    const w = scriptWaits(scripts[slot] ?? '', own);
    if (w.before > 0 || w.after > 0) waits[key] = w;
  }
  const post = scanScript(scripts[slots.post] ?? '', own).actions;
  const startsOnly = pattern === 'stop-start' && units.length > 0 && units.every((u) => post.get(u)?.has('start') === true && !['restart', 'try-restart'].some((op) => post.get(u)?.has(op) === true));
  return { ...(Object.keys(waits).length > 0 ? { waits } : {}), ...(startsOnly ? { configureStarts: true } : {}) };
}

export function specFromDebParts(label: string, title: string, d: DebParts): PackageSpec {
  const own = new Set(d.files.keys());
  const { pattern, units: scriptUnits } = patternOfScripts('deb', d.scripts, own);
  const daemon = daemonOf(d.files, scriptUnits, d.name);
  return {
    name: label,
    source: `${title}: maintainer scripts ${Object.keys(d.scripts).join(', ') || 'none'}; pattern ${pattern}`,
    packages: [{
      name: d.name, ...(d.version !== undefined ? { version: d.version } : {}), size: d.size, files: [...d.files.keys()], meta: d.files, conffiles: d.conffiles, scripts: scriptUnits.length > 0,
      ...scriptExtras('deb', d.scripts, own, pattern, scriptUnits),
    }],
    pattern,
    ...(pattern === 'reexec' ? { startIfStopped: true } : {}),
    ...(daemon !== undefined ? { daemon } : {}),
  };
}

/** The output of the rpm calls for one .rpm. */
export interface RpmInfo {
  /** `rpm -qp --qf '%{NAME}\n%{VERSION}-%{RELEASE}\n%{SIZE}\n' FILE` */
  header: string;
  /** `rpm -qp --dump FILE`: path size mtime digest mode owner group isconfig isdoc rdev symlink */
  dump: string;
  /** `rpm -qp --scripts FILE` */
  scripts: string;
}

/** Splits `rpm --scripts` output into slots (preinstall, postinstall, preuninstall, postuninstall, posttrans, …). */
export function splitRpmScripts(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let slot: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^(\w+) scriptlet(?: \(using [^)]*\))?:$/.exec(line) ?? /^(\w+) program: /.exec(line);
    if (m !== null) {
      slot = m[1] as string;
      out[slot] = '';
      continue;
    }
    if (slot !== undefined) out[slot] += `${line}\n`;
  }
  return out;
}

export function specFromRpm(file: string, r: RpmInfo): PackageSpec {
  const [name, version, size] = r.header.split('\n');
  if (name === undefined || name === '') throw new PackageFileError(`${file}: rpm printed no package name`);
  const meta = new Map<string, { mode: number; uid: number; gid: number }>();
  const conffiles: string[] = [];
  for (const line of r.dump.split('\n')) {
    const f = line.split(' ');
    if (f.length < 11) continue;
    const path = f[0] as string;
    const mode = parseInt(f[4] as string, 8);
    if ((mode & 0o170000) !== 0o100000) continue; // regular files only
    meta.set(path, { mode: mode & 0o7777, uid: f[5] === 'root' ? 0 : 1000, gid: f[6] === 'root' ? 0 : 1000 });
    if (f[7] === '1') conffiles.push(path);
  }
  const scripts = splitRpmScripts(r.scripts);
  const own = new Set(meta.keys());
  const { pattern, units: scriptUnits } = patternOfScripts('rpm', scripts, own);
  const daemon = daemonOf(meta, scriptUnits, name);
  return {
    name: file,
    source: `${file} (${name} ${version ?? '?'}): scriptlets ${Object.keys(scripts).join(', ') || 'none'}; pattern ${pattern}`,
    packages: [{ name, ...(version ? { version } : {}), size: Number(size) || 0, files: [...meta.keys()], meta, conffiles: conffiles.filter((c) => daemon?.binaries.includes(c) !== true), scripts: scriptUnits.length > 0, ...scriptExtras('rpm', scripts, own, pattern, scriptUnits) }],
    pattern,
    ...(daemon !== undefined ? { daemon } : {}),
  };
}
