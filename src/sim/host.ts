/**
 * The virtual host the simulated Monit watches: files on a memfs volume (never the real disk), a
 * process table, listening ports and a small service manager. Everything happens on the shared
 * {@link EventLoop}, so a unit that needs 2 s to write its pidfile does so while Monit's
 * validation thread is blocked waiting for it (spec §2.5).
 *
 * memfs holds the directory tree. Regular files live in two tables keyed by the host's own inode
 * numbers: their content, and their mode, owner, size and three timestamps (memfs enforces
 * permissions against the real uid and stamps real wall-clock times; the simulator needs
 * neither). A rename over a path gives the path a new inode; a running process keeps the number
 * of the one it was exec'd from. Keeping file content out of memfs matters for speed: a phase
 * sweep builds a host per phase with a thousand files, and memfs's per-call path walk and uid
 * checks were a fifth of the run time (bench/sweep.ts).
 */
import { createHash } from 'node:crypto';
import { memfs } from '../vendor.js';
import type { EventLoop } from './clock.js';

/** Metadata of one inode, in virtual time (milliseconds). */
export interface FileMeta {
  mode: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
  ctime: number;
  type: 'file' | 'directory' | 'fifo' | 'socket';
}

/** What `stat()` returns on the virtual host. */
export interface VStat extends FileMeta {
  ino: number;
  size: number;
}

/** One entry of the process table. */
export interface VProcess {
  pid: number;
  ppid: number;
  /** Inode of the executable at exec time: survives a rename over the path (spec §2.11, §9.4). */
  exeIno: number;
  exePath: string;
  cmdline: string;
  /** Start time, virtual ms. */
  started: number;
  zombie: boolean;
  unit?: string;
  /** A "hung" server accepts but never answers: port tests time out (spec §8.2). */
  hung: boolean;
}

/** A service-manager unit: how a daemon starts, stops and listens. */
export interface UnitSpec {
  name: string;
  exec: string;
  pidfile?: string;
  port?: number;
  /** ms from exec until the pidfile is written. */
  startTime: number;
  /** ms from exec until the port is bound (a clash kills the process). */
  portDelay: number;
  /** ms from the stop request until the process has exited and removed its pidfile. */
  stopTime: number;
  /** When set, every started process dies this many ms after exec (a crash loop). */
  dieAfter?: number;
  /** The exec fails: no process ever appears. */
  broken: boolean;
  /** Exit status of a start command of a broken unit. */
  brokenExit: number;
  /** Whether `start` waits for the pidfile (systemd Type=forking) or returns at once (an init script). */
  startWaits: boolean;
  /** ms a start or stop command takes when it returns early. */
  commandTime: number;
  /** Started when the host boots. */
  enabled: boolean;
  /** The process ignores stop requests (a stuck daemon): only a reboot or `kill` ends it. */
  unkillable?: boolean;
}

/** A host event record, for the timeline. */
export interface HostNote {
  time: number;
  kind: string;
  detail: string;
  unit?: string;
}

/** What running a command on the host does: it ends after `duration` ms with `exit`. */
export interface ProgramOutcome {
  duration: number;
  exit: number;
}

/** Resolves a Monit program's command line to an operation on the host. */
export type ProgramResolver = (argv: readonly string[]) => { unit: string; op: 'start' | 'stop' | 'restart' } | { exit: number; duration: number } | undefined;

/**
 * A map that reports every change of a key: the process table and the port table are public and
 * changed in several places; this keeps the host's change stamps exact without touching them.
 */
class StampedMap<K, V> extends Map<K, V> {
  constructor(private readonly mark: (key: K) => void) {
    super();
  }

  override set(key: K, value: V): this {
    // Map's constructor calls set() before `mark` is assigned; there is nothing to mark then.
    this.mark?.(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.mark(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const k of this.keys()) this.mark(k);
    super.clear();
  }
}

/** Digests of small texts, shared by every host of the process (a digest is a pure function). */
const textHashes = new Map<string, string>();

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Per-inode bookkeeping: the metadata plus the size and a version bumped on every write. */
interface InodeInfo extends FileMeta {
  size: number;
  version: number;
}

export class VirtualHost {
  readonly vol = new (memfs().Volume)();
  private readonly meta = new Map<number, InodeInfo>();
  /** inode → content of a regular file (bytes are made from a string only when read as bytes). */
  private readonly content = new Map<number, string | Uint8Array>();
  /**
   * path → inode of every file the host created. All changes go through this class, so the
   * index is exact; it keeps memfs (and its per-call permission checks) off the hot path of a
   * 1,000-service pass (bench/simulate.ts).
   */
  private readonly index = new Map<string, number>();
  private readonly dirs = new Set<string>(['/']);
  private readonly hashCache = new Map<number, { version: number; type: string; hash: string }>();
  private readonly pidCache = new Map<number, { version: number; pid: number | undefined }>();
  private writeSeq = 0;
  private inoSeq = 100_000;
  /**
   * Change stamps: a counter bumped by every change of the host, and the value it had at the
   * last change of each path, pid and port. Monit's model skips a check when nothing it reads
   * changed since a check that did nothing (quiet.ts); these tell it what changed.
   */
  private changeSeq = 0;
  private readonly pathStamp = new Map<string, number>();
  private readonly pidStamp = new Map<number, number>();
  private readonly portStamp = new Map<number, number>();
  private tableStamp = 0;
  readonly processes: Map<number, VProcess> = new StampedMap<number, VProcess>((pid) => this.markPid(pid));
  /** port → pid */
  readonly ports: Map<number, number> = new StampedMap<number, number>((port) => this.portStamp.set(port, ++this.changeSeq));
  readonly units = new Map<string, UnitSpec>();
  /** unit → main pid */
  private readonly mainPid = new Map<string, number>();
  /** Pending timers of a process (pidfile write, bind, crash), cancelled when it exits. */
  private readonly procTimers = new Map<number, Array<{ cancel(): void }>>();
  readonly users = new Map<string, number>([['root', 0]]);
  readonly groups = new Map<string, number>([['root', 0]]);
  readonly notes: HostNote[] = [];
  /** Boot time (virtual ms); a reboot changes it (spec §1.6). */
  bootTime = -1_000_000_000;
  private nextPid = 1000;
  readonly pidMax = 32768;
  resolveProgram: ProgramResolver = () => undefined;
  /** Called whenever the host changes (Monit's queued process-table snapshot is not modelled). */
  onNote: (n: HostNote) => void = () => undefined;

  constructor(readonly loop: EventLoop, readonly hostname = 'localhost') {
    this.vol.mkdirSync('/', { recursive: true });
  }

  /** The change counter now: every later change of the host gets a higher stamp. */
  get changes(): number {
    return this.changeSeq;
  }

  /** When `path` last changed (0: never since the host was made). */
  pathChanged(path: string): number {
    return this.pathStamp.get(path) ?? 0;
  }

  /** When process `pid` last appeared, exited, became a zombie or hung. */
  pidChanged(pid: number): number {
    return this.pidStamp.get(pid) ?? 0;
  }

  /** When the listener of `port` last changed. */
  portChanged(port: number): number {
    return this.portStamp.get(port) ?? 0;
  }

  /** When any process last appeared or went (matching by command line reads the whole table). */
  processTableChanged(): number {
    return this.tableStamp;
  }

  private markPath(path: string): void {
    this.pathStamp.set(path, ++this.changeSeq);
  }

  private markPid(pid: number): void {
    this.pidStamp.set(pid, ++this.changeSeq);
    this.tableStamp = this.changeSeq;
  }

  note(kind: string, detail: string, unit?: string): void {
    const n: HostNote = { time: this.loop.now, kind, detail, ...(unit !== undefined ? { unit } : {}) };
    this.notes.push(n);
    this.onNote(n);
  }

  // ------------------------------------------------------------------ files

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.vol.mkdirSync(dir, { recursive: true, mode: 0o777 });
    for (let d = dir; d !== '/' && d !== ''; d = dirOf(d)) {
      if (!this.dirs.has(d)) this.markPath(d);
      this.dirs.add(d);
    }
  }

  private inoOf(path: string): number | undefined {
    return this.index.get(path);
  }

  private memfsIno(path: string): number {
    return Number(this.vol.statSync(path).ino);
  }

  /** Creates or overwrites a file in place (same inode when it exists). */
  writeFile(path: string, content: string | Uint8Array, opts: Partial<Pick<FileMeta, 'mode' | 'uid' | 'gid' | 'type'>> = {}): void {
    this.ensureDir(dirOf(path));
    const existed = this.inoOf(path);
    // Our own inode numbers, never reused (a recycled number would make a new binary look like
    // the one a process was started from).
    const ino = existed ?? this.inoSeq++;
    this.markPath(path);
    this.index.set(path, ino);
    this.content.set(ino, content);
    const now = this.loop.now;
    const old = existed !== undefined ? this.meta.get(existed) : undefined;
    this.meta.set(ino, {
      size: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
      // Globally unique: memfs reuses the numbers of freed inodes.
      version: ++this.writeSeq,
      mode: opts.mode ?? old?.mode ?? 0o644,
      uid: opts.uid ?? old?.uid ?? 0,
      gid: opts.gid ?? old?.gid ?? 0,
      atime: old?.atime ?? now,
      mtime: now,
      ctime: now,
      type: opts.type ?? old?.type ?? 'file',
    });
  }

  appendFile(path: string, content: string): void {
    if (!this.exists(path)) {
      this.writeFile(path, content);
      return;
    }
    const ino = this.inoOf(path) as number;
    this.markPath(path);
    const had = this.content.get(ino) ?? '';
    this.content.set(ino, typeof had === 'string' ? had + content : Buffer.concat([had, Buffer.from(content)]));
    const m = this.meta.get(ino);
    if (m) {
      m.mtime = this.loop.now;
      m.ctime = this.loop.now;
      m.size += Buffer.byteLength(content);
      m.version = ++this.writeSeq;
    }
  }

  /** Writes `tmp` then renames it over `path`: the path never disappears, its inode changes. */
  replaceByRename(path: string, content: string | Uint8Array, opts: Partial<Pick<FileMeta, 'mode' | 'uid' | 'gid'>> = {}): void {
    const old = this.stat(path);
    const tmp = `${path}.sim-tmp`;
    this.writeFile(tmp, content, {
      mode: opts.mode ?? old?.mode ?? 0o644,
      uid: opts.uid ?? old?.uid ?? 0,
      gid: opts.gid ?? old?.gid ?? 0,
    });
    const replaced = this.index.get(path);
    if (replaced !== undefined) this.content.delete(replaced);
    this.markPath(path);
    this.markPath(tmp);
    this.index.set(path, this.index.get(tmp) as number);
    this.index.delete(tmp);
    const m = this.meta.get(this.inoOf(path) as number);
    if (m) m.ctime = this.loop.now;
  }

  unlink(path: string): void {
    const ino = this.index.get(path);
    if (ino === undefined) return; // already gone: not an error for the scenario
    this.markPath(path);
    this.content.delete(ino);
    this.index.delete(path);
  }

  chmod(path: string, mode: number): void {
    const m = this.metaOf(path);
    if (!m) return;
    this.markPath(path);
    m.mode = mode;
    m.ctime = this.loop.now;
  }

  chown(path: string, uid?: number, gid?: number): void {
    const m = this.metaOf(path);
    if (!m) return;
    this.markPath(path);
    if (uid !== undefined) m.uid = uid;
    if (gid !== undefined) m.gid = gid;
    m.ctime = this.loop.now;
  }

  touch(path: string): void {
    const m = this.metaOf(path);
    if (!m) return;
    this.markPath(path);
    m.mtime = this.loop.now;
    m.ctime = this.loop.now;
  }

  private metaOf(path: string): InodeInfo | undefined {
    const ino = this.inoOf(path);
    return ino === undefined ? undefined : this.meta.get(ino);
  }

  exists(path: string): boolean {
    return this.index.has(path) || this.dirs.has(path);
  }

  /** stat() (the host has no symlinks, so following them changes nothing); undefined when missing. */
  stat(path: string): VStat | undefined {
    const ino = this.index.get(path);
    if (ino === undefined) {
      if (!this.dirs.has(path)) return undefined;
      const dino = this.memfsIno(path);
      const dm = this.meta.get(dino);
      return { mode: dm?.mode ?? 0o755, uid: dm?.uid ?? 0, gid: dm?.gid ?? 0, atime: dm?.atime ?? 0, mtime: dm?.mtime ?? 0, ctime: dm?.ctime ?? 0, type: 'directory', ino: dino, size: 4096 };
    }
    const m = this.meta.get(ino) as InodeInfo;
    return { mode: m.mode, uid: m.uid, gid: m.gid, atime: m.atime, mtime: m.mtime, ctime: m.ctime, type: m.type, ino, size: m.size };
  }

  readFile(path: string): Uint8Array | undefined {
    const ino = this.index.get(path);
    if (ino === undefined) return undefined;
    const c = this.content.get(ino) ?? '';
    return typeof c === 'string' ? Buffer.from(c) : c;
  }

  /** The content as text (pidfiles, the state file): no byte copy when it was written as text. */
  readText(path: string): string | undefined {
    const ino = this.index.get(path);
    if (ino === undefined) return undefined;
    const c = this.content.get(ino) ?? '';
    return typeof c === 'string' ? c : new TextDecoder().decode(c);
  }

  /**
   * MD5 (Monit 5.33's default) or SHA-1 of a file, undefined if unreadable (spec §5.2). Monit
   * hashes the whole file every pass; the result only changes with the content, so it is cached
   * per inode version.
   */
  checksum(path: string, type: 'md5' | 'sha1' = 'md5'): string | undefined {
    const ino = this.index.get(path);
    if (ino === undefined) return undefined;
    const version = this.meta.get(ino)?.version ?? 0;
    const cached = this.hashCache.get(ino);
    if (cached !== undefined && cached.version === version && cached.type === type) return cached.hash;
    const c = this.content.get(ino) ?? '';
    // Every phase of a sweep builds its host from the same files: small texts are hashed once.
    const key = typeof c === 'string' && c.length <= 4096 ? `${type}\0${c}` : undefined;
    let hash = key !== undefined ? textHashes.get(key) : undefined;
    if (hash === undefined) {
      hash = createHash(type).update(c).digest('hex');
      if (key !== undefined && textHashes.size < 100_000) textHashes.set(key, hash);
    }
    this.hashCache.set(ino, { version, type, hash });
    return hash;
  }

  mkdir(path: string, mode = 0o755): void {
    this.ensureDir(path);
    this.markPath(path);
    const ino = this.memfsIno(path);
    const now = this.loop.now;
    this.meta.set(ino, { mode, uid: 0, gid: 0, atime: now, mtime: now, ctime: now, type: 'directory', size: 4096, version: 0 });
  }

  // -------------------------------------------------------------- processes

  private allocPid(): number {
    for (let tries = 0; tries < this.pidMax; tries++) {
      const pid = this.nextPid;
      this.nextPid = this.nextPid + 1 > this.pidMax ? 300 : this.nextPid + 1;
      if (!this.processes.has(pid)) return pid;
    }
    throw new Error('virtual host: process table full');
  }

  /** Starts a process; `pid` may be forced (to model pid reuse, spec §2.1). */
  spawn(exePath: string, cmdline: string, opts: { pid?: number; ppid?: number; unit?: string } = {}): VProcess {
    const pid = opts.pid !== undefined && !this.processes.has(opts.pid) ? opts.pid : this.allocPid();
    let hung = false;
    const mark = (n: number): void => this.markPid(n);
    const p: VProcess = {
      pid,
      ppid: opts.ppid ?? 1,
      exeIno: this.inoOf(exePath) ?? -1,
      exePath,
      cmdline,
      started: this.loop.now,
      zombie: false,
      // An accessor, so that a scenario's `hang` (set from outside) stamps the process too.
      get hung(): boolean {
        return hung;
      },
      set hung(v: boolean) {
        if (v !== hung) mark(pid);
        hung = v;
      },
      ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
    };
    this.processes.set(pid, p);
    return p;
  }

  /** A process exits: its ports close; a zombie keeps its table entry until reaped. */
  exit(pid: number, opts: { zombie?: boolean; why?: string } = {}): void {
    const p = this.processes.get(pid);
    if (!p) return;
    for (const t of this.procTimers.get(pid) ?? []) t.cancel();
    this.procTimers.delete(pid);
    // Deleting the current entry while iterating a Map is safe: no copy of a 1,000-port table per exit.
    for (const [port, owner] of this.ports) if (owner === pid) this.ports.delete(port);
    if (opts.zombie === true) {
      p.zombie = true;
      this.markPid(pid);
    } else this.processes.delete(pid);
    if (p.unit !== undefined && this.mainPid.get(p.unit) === pid) this.mainPid.delete(p.unit);
    this.note('process-exit', `pid ${pid} (${p.cmdline}) exited${opts.why ? `: ${opts.why}` : ''}`, p.unit);
  }

  /** Whether kill(pid, 0) succeeds: any table entry, zombies included (spec §2.1). */
  alive(pid: number): boolean {
    return this.processes.has(pid);
  }

  /** Reads the first integer of a pidfile; undefined when missing or not a number (spec §2.1). */
  readPidfile(path: string): number | undefined {
    const ino = this.index.get(path);
    if (ino === undefined) return undefined;
    const info = this.meta.get(ino);
    if (info === undefined || info.type !== 'file') return undefined;
    const cached = this.pidCache.get(ino);
    if (cached !== undefined && cached.version === info.version) return cached.pid;
    const text = this.readText(path) ?? '';
    const m = /-?\d+/.exec(text);
    const n = m ? Number(m[0]) : -1;
    const pid = n < 0 ? undefined : n;
    this.pidCache.set(ino, { version: info.version, pid });
    return pid;
  }

  listening(port: number): VProcess | undefined {
    const pid = this.ports.get(port);
    return pid === undefined ? undefined : this.processes.get(pid);
  }

  // ---------------------------------------------------------- service manager

  addUnit(u: UnitSpec): void {
    this.units.set(u.name, u);
  }

  unitPid(name: string): number | undefined {
    const pid = this.mainPid.get(name);
    return pid !== undefined && this.processes.get(pid)?.zombie === false ? pid : undefined;
  }

  /** Makes `pid` the unit's main process, already up: pidfile written and port bound. */
  adopt(name: string, pid: number): void {
    const u = this.units.get(name);
    if (!u) return;
    this.mainPid.set(name, pid);
    if (u.pidfile !== undefined) this.writeFile(u.pidfile, `${pid}\n`);
    if (u.port !== undefined) this.ports.set(u.port, pid);
  }

  private addTimer(pid: number, t: { cancel(): void }): void {
    const list = this.procTimers.get(pid) ?? [];
    list.push(t);
    this.procTimers.set(pid, list);
  }

  /**
   * `systemctl start`: a no-op on an active unit; otherwise exec the unit's binary as it is on disk
   * now (spec §9.4), write the pidfile after `startTime`, bind the port after `portDelay` (a port
   * already taken kills the new process), and die after `dieAfter` for a crash loop.
   * Returns how long the command takes and its exit status.
   */
  startUnit(name: string, why: string): ProgramOutcome {
    const u = this.units.get(name);
    if (!u) {
      this.note('unit-unknown', `start ${name}: no such unit (${why})`);
      return { duration: 0, exit: 5 };
    }
    if (this.unitPid(name) !== undefined) {
      this.note('unit-start-noop', `start ${name}: already active (${why})`, name);
      return { duration: 0, exit: 0 };
    }
    if (u.broken) {
      this.note('unit-start-failed', `start ${name}: exec failed, no process (${why})`, name);
      return { duration: u.commandTime, exit: u.brokenExit };
    }
    const p = this.spawn(u.exec, u.exec, { unit: name });
    this.mainPid.set(name, p.pid);
    const ino = p.exeIno;
    this.note('unit-start', `start ${name}: pid ${p.pid} exec ${u.exec} (inode ${ino}) (${why})`, name);
    const pid = p.pid;
    if (u.pidfile !== undefined) {
      const pf = u.pidfile;
      this.addTimer(pid, this.loop.after(u.startTime, () => {
        this.writeFile(pf, `${pid}\n`);
        this.note('pidfile-written', `${pf} = ${pid}`, name);
      }));
    }
    if (u.port !== undefined) {
      const port = u.port;
      this.addTimer(pid, this.loop.after(u.portDelay, () => {
        const owner = this.ports.get(port);
        if (owner !== undefined && owner !== pid) {
          this.exit(pid, { why: `cannot bind 127.0.0.1:${port} (in use by pid ${owner})` });
          return;
        }
        this.ports.set(port, pid);
        this.note('port-open', `pid ${pid} listens on 127.0.0.1:${port}`, name);
      }));
    }
    if (u.dieAfter !== undefined) {
      this.addTimer(pid, this.loop.after(u.dieAfter, () => this.exit(pid, { why: 'crashed' })));
    }
    return { duration: u.startWaits ? Math.max(u.startTime, u.commandTime) : u.commandTime, exit: 0 };
  }

  /** `systemctl stop`: the main process exits after `stopTime` and removes its pidfile. */
  stopUnit(name: string, why: string): ProgramOutcome {
    const u = this.units.get(name);
    if (!u) {
      this.note('unit-unknown', `stop ${name}: no such unit (${why})`);
      return { duration: 0, exit: 5 };
    }
    const pid = this.unitPid(name);
    if (pid === undefined) {
      this.note('unit-stop-noop', `stop ${name}: not active (${why})`, name);
      return { duration: 0, exit: 0 };
    }
    if (u.unkillable === true) {
      this.note('unit-stop-ignored', `stop ${name}: pid ${pid} ignores the stop request (${why})`, name);
      return { duration: u.commandTime, exit: 0 };
    }
    this.note('unit-stop', `stop ${name}: pid ${pid} (${why})`, name);
    this.mainPid.delete(name);
    this.loop.after(u.stopTime, () => {
      if (u.pidfile !== undefined && this.readPidfile(u.pidfile) === pid) this.unlink(u.pidfile);
      this.exit(pid, { why: 'stopped' });
    });
    return { duration: u.startWaits ? u.stopTime : u.commandTime, exit: 0 };
  }

  /**
   * `systemctl try-restart`: restart only an active unit; a stopped unit stays stopped. This is
   * also how systemd's `reload-or-restart --marked` treats marked units (package-managers.md F34).
   */
  tryRestartUnit(name: string, why: string): ProgramOutcome {
    if (this.unitPid(name) === undefined) {
      this.note('unit-try-restart-noop', `try-restart ${name}: not active, left stopped (${why})`, name);
      return { duration: 0, exit: 0 };
    }
    return this.runProgram(['systemctl', 'restart', name], why);
  }

  /**
   * An in-place binary upgrade (nginx's USR2 + QUIT, package-managers.md §2 pattern D): the
   * running master execs the binary now on disk as a child, which inherits the listening socket
   * (no refused connection) and rewrites the pidfile; the old master exits once the new one is
   * up. The unit's main pid changes. A unit that is not active is left alone.
   */
  reexecUnit(name: string, why: string): ProgramOutcome {
    const u = this.units.get(name);
    const old = this.unitPid(name);
    if (u === undefined || old === undefined) {
      this.note('unit-reexec-noop', `upgrade ${name}: not active (${why})`, name);
      return { duration: 0, exit: 1 };
    }
    const p = this.spawn(u.exec, u.exec, { unit: name, ppid: old });
    this.mainPid.set(name, p.pid);
    if (u.port !== undefined && this.ports.get(u.port) === old) this.ports.set(u.port, p.pid);
    this.note('unit-reexec', `upgrade ${name}: pid ${old} execs ${u.exec} (inode ${p.exeIno}) as pid ${p.pid} (${why})`, name);
    const pid = p.pid;
    this.addTimer(pid, this.loop.after(u.startTime, () => {
      if (u.pidfile !== undefined) {
        this.writeFile(u.pidfile, `${pid}\n`);
        this.note('pidfile-written', `${u.pidfile} = ${pid}`, name);
      }
      this.exit(old, { why: 'old master quits after the in-place upgrade' });
    }));
    return { duration: u.startTime, exit: 0 };
  }

  /** Runs a command line, as Monit's start/stop programs do. */
  runProgram(argv: readonly string[], why: string): ProgramOutcome {
    const r = this.resolveProgram(argv);
    if (r === undefined) {
      this.note('program', `${argv.join(' ')}: not modelled, exits 0 at once (${why})`);
      return { duration: 0, exit: 0 };
    }
    if ('exit' in r) return { duration: r.duration, exit: r.exit };
    switch (r.op) {
      case 'start':
        return this.startUnit(r.unit, why);
      case 'stop':
        return this.stopUnit(r.unit, why);
      case 'restart': {
        const s = this.stopUnit(r.unit, why);
        const u = this.units.get(r.unit);
        const delay = u?.stopTime ?? 0;
        this.loop.after(delay, () => this.startUnit(r.unit, why));
        return { duration: s.duration + (u?.startWaits === true ? u.startTime : 0), exit: 0 };
      }
      default: {
        const never: never = r.op;
        return never;
      }
    }
  }

  /** The process stays alive but closes its listening socket (connections are refused). */
  unlisten(pid: number): void {
    for (const [port, owner] of [...this.ports]) {
      if (owner !== pid) continue;
      this.ports.delete(port);
      this.note('port-closed', `pid ${pid} stops listening on 127.0.0.1:${port}`, this.processes.get(pid)?.unit);
    }
  }

  /** Kills every process and clears the ports: the power goes out. */
  powerOff(): void {
    for (const pid of [...this.processes.keys()]) this.exit(pid, { why: 'reboot' });
    this.mainPid.clear();
  }
}
