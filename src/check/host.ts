/**
 * The checks of `monit -t` that depend on the machine (spec §11): users and groups exist, a
 * `check program` executable exists, the log file can be opened, PEM and htpasswd files exist,
 * the control file is private, and the warnings about missing programs and uncomputable
 * checksums. Switched off with `--no-host-checks` for repositories checked on another machine.
 */
import { isIP } from 'node:net';
import type { AllowEntry, Config, Located, Span } from '../config/model.js';
import type { Diagnostic } from '../diagnostic.js';
import { tryStat, type Fs } from '../config/fs.js';
import { decode } from '../config/load.js';

export interface HostContext {
  fs: Fs;
  /** Effective uid of the checking user: Monit requires the control file to be owned by it. */
  uid: number;
  hostname: string;
  /** Maps absolute paths of the configuration to files on this machine (`--root`). */
  mapPath: (path: string) => string;
  /** The control file's real path, for the ownership and permission check. */
  controlFile?: string;
  /** Whether a host name resolves (an `allow` of a name that does not is only a warning). */
  resolves?: (name: string) => boolean;
}

/** The user names of an htpasswd file (lines `user:hash`), or null when it cannot be read. */
function readHtpasswd(host: HostContext, path: string): string[] | null {
  try {
    return decode(host.fs.readFileSync(host.mapPath(path)))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#') && l.includes(':'))
      .map((l) => l.slice(0, l.indexOf(':')));
  } catch {
    return null;
  }
}

/** The users an htpasswd `allow` gives Monit: the file's users, or the listed ones it has. */
export function htpasswdUsers(entry: Extract<AllowEntry, { kind: 'htpasswd' }>, host: HostContext): string[] {
  const users = readHtpasswd(host, entry.file.value) ?? [];
  return entry.users.length === 0 ? users : entry.users.map((u) => u.value).filter((u) => users.includes(u));
}

/** An IP address or a network (`10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `fe80::/64`): no lookup. */
function isAddressOrNetwork(value: string): boolean {
  const [addr = '', mask] = value.split('/', 2);
  if (isIP(addr) === 0) return false;
  return mask === undefined || /^[0-9]+$/.test(mask) || isIP(mask) !== 0;
}

interface Ordered extends Diagnostic {
  order: number;
}

/** Users and groups of the host, from /etc/passwd and /etc/group read through the {@link Fs}. */
export interface Accounts {
  users: Map<string, number>;
  uids: Set<number>;
  groups: Map<string, number>;
  gids: Set<number>;
}

export function readAccounts(fs: Fs): Accounts {
  const parse = (path: string): Array<[string, number]> => {
    try {
      return decode(fs.readFileSync(path))
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(':'))
        .map((f) => [f[0] ?? '', Number(f[2])] as [string, number]);
    } catch {
      return [];
    }
  };
  const users = parse('/etc/passwd');
  const groups = parse('/etc/group');
  return { users: new Map(users), uids: new Set(users.map((u) => u[1])), groups: new Map(groups), gids: new Set(groups.map((g) => g[1])) };
}

/** Host-dependent findings; `order` places them in Monit's reading order (Infinity: after parsing). */
export function hostChecks(config: Config, host: HostContext, orderOf: (span: Span) => number): Ordered[] {
  const out: Ordered[] = [];
  const accounts = readAccounts(host.fs);
  const err = (span: Span, message: string, order = orderOf(span)): void => {
    out.push({ code: 'ML203', severity: 'error', message, span, order });
  };
  const warn = (span: Span, message: string): void => {
    out.push({ code: 'ML204', severity: 'warning', message, span, order: orderOf(span) });
  };

  const checkUid = (id: Located<string | number>): void => {
    if (typeof id.value === 'number') {
      if (!accounts.uids.has(id.value)) err(id.span, `Requested uid not found on the system '${id.value}'`);
    } else if (!accounts.users.has(id.value)) err(id.span, `Requested user not found on the system '${id.value}'`);
    else if (host.uid !== 0) err(id.span, `UID statement requires root privileges '${id.value}'`);
  };
  const checkGid = (id: Located<string | number>): void => {
    if (typeof id.value === 'number') {
      if (!accounts.gids.has(id.value)) err(id.span, `Requested gid not found on the system '${id.value}'`);
    } else if (!accounts.groups.has(id.value)) err(id.span, `Requested group not found on the system '${id.value}'`);
    else if (host.uid !== 0) err(id.span, `GID statement requires root privileges '${id.value}'`);
  };
  const executable = (path: string): 'ok' | 'missing' | 'notexec' => {
    const s = tryStat(host.fs, host.mapPath(path));
    if (!s || !s.isFile()) return 'missing';
    return (s.mode & 0o111) === 0 ? 'notexec' : 'ok';
  };
  const program = (argv: Array<Located<string>>, warnOnly: boolean): void => {
    const p = argv[0];
    if (!p) return;
    const state = executable(p.value);
    if (state === 'missing') warn(p.span, `Program does not exist: '${p.value}'`);
    else if (state === 'notexec') warn(p.span, `Program is not executable: '${p.value}'`);
    if (!warnOnly && state !== 'ok') err(p.span, `A 'check program' statement requires the program to exist '${p.value}'`);
  };

  const { settings } = config;
  const httpd = settings.httpd;
  if (httpd) {
    if (httpd.unixSocketUid) checkUid(httpd.unixSocketUid);
    if (httpd.unixSocketGid) checkGid(httpd.unixSocketGid);
    for (const a of httpd.allow) {
      if (a.kind === 'htpasswd') {
        const entries = readHtpasswd(host, a.file.value);
        if (entries === null) {
          err(a.file.span, `Cannot read htpasswd (${a.file.value}) '${a.file.value}'`);
          continue;
        }
        if (a.users.length === 0) {
          if (entries.length === 0) warn(a.file.span, `htpasswd file (${a.file.value}) has no usable credentials '${a.file.value}'`);
        } else {
          for (const u of a.users) {
            if (!entries.includes(u.value)) warn(u.span, `htpasswd file (${a.file.value}) has no usable credentials for user ${u.value} '${u.value}'`);
          }
        }
      } else if (a.kind === 'host' && host.resolves && !isAddressOrNetwork(a.host.value) && !host.resolves(a.host.value)) {
        warn(a.host.span, `invalid allow option: ${a.host.value} '${a.host.value}'`);
      }
    }
    const pem = httpd.sslOptions.pemfile;
    if (httpd.ssl && pem) {
      const s = tryStat(host.fs, host.mapPath(pem.value));
      if (!s) err(pem.span, `SSL server PEM file doesn't exist '${pem.value}'`);
      else if (!s.isFile()) err(pem.span, `SSL server PEM file is not a file '${pem.value}'`);
      else if ((s.mode & 0o777 & ~0o750) !== 0) err(pem.span, `The SSL server PEM file '${pem.value}' permission 0${(s.mode & 0o777).toString(8)} is wrong, maximum 0750 allowed`);
    }
  }
  const versions = [
    ...(settings.ssl?.options.versions ?? []),
    ...(httpd?.sslOptions.versions ?? []),
    ...settings.mailservers.flatMap((m) => m.sslOptions.versions),
    ...config.services.flatMap((s) => s.tests.flatMap((t) => ('connection' in t ? t.connection.sslOptions.versions : []))),
  ];
  for (const v of versions) {
    if (v.value === 'sslv3' || v.value === 'sslv2') err(v.span, `Your SSL Library does not support SSL version ${v.value === 'sslv3' ? 3 : 2} '${v.value}'`);
  }

  for (const svc of config.services) {
    for (const c of [svc.start, svc.stop, svc.restart]) {
      if (!c) continue;
      program(c.argv, true);
      if (c.uid) checkUid(c.uid);
      if (c.gid) checkGid(c.gid);
    }
    if (svc.kind === 'program') {
      program(svc.command.argv, false);
      if (svc.command.uid) checkUid(svc.command.uid);
      if (svc.command.gid) checkGid(svc.command.gid);
    }
    for (const t of svc.tests) {
      if (t.kind === 'uid' || t.kind === 'euid') checkUid(t.id);
      if (t.kind === 'gid') checkGid(t.id);
      for (const a of [t.actions.failAction, t.actions.recoveryAction]) {
        if (!a?.command) continue;
        program(a.command.argv, true);
        if (a.command.uid) checkUid(a.command.uid);
        if (a.command.gid) checkGid(a.command.gid);
      }
      if (t.kind === 'checksum' && !t.expect && !t.changed && svc.kind === 'file') {
        const s = tryStat(host.fs, host.mapPath(svc.path.value));
        if (!s || !s.isFile()) warn(svc.path.span, `Cannot compute a checksum for file ${svc.path.value}`);
      }
      if (t.kind === 'content' && t.fromFile) {
        try {
          host.fs.readFileSync(host.mapPath(t.pattern.value));
        } catch {
          err(t.pattern.span, `Cannot read regex match file (${t.pattern.value})`);
        }
      }
    }
    for (const f of svc.contentFilters) {
      if (!f.fromFile) continue;
      try {
        host.fs.readFileSync(host.mapPath(f.pattern.value));
      } catch {
        err(f.pattern.span, `Cannot read regex match file (${f.pattern.value})`);
      }
    }
    for (const r of svc.restartLimits) if (r.action.command) program(r.action.command.argv, true);
  }

  // After parsing: the control file itself, then the log file (spec §11 ordering).
  if (host.controlFile) {
    const s = tryStat(host.fs, host.controlFile);
    const span = { file: config.file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
    if (s) {
      if (s.uid !== host.uid) err(span, `The control file '${config.file}' must be owned by you.`, Infinity);
      else if ((s.mode & 0o077) !== 0) err(span, `The control file '${config.file}' permission 0${(s.mode & 0o777).toString(8)} is wrong, maximum 0700 allowed`, Infinity);
    }
  }
  const log = settings.log;
  if (log && !log.syslog) {
    const path = log.target.value;
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    const d = tryStat(host.fs, host.mapPath(dir));
    if (!d || !d.isDirectory()) err(log.target.span, `Error opening the log file '${path}' for writing -- No such file or directory`, Infinity);
  }
  return out;
}
