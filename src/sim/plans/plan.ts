/**
 * Transaction plans: what one package transaction of each manager does to the host, in order,
 * as scenario host events (src/sim/scenario.ts). Every step follows the order observed or read in
 * `spec/package-managers.md` (the F-numbers below); the default durations are the spec's observed
 * timelines (§4.3, §5, §9.3, §10.3), with the daemon's own stop/start times taken from its unit.
 *
 * A plan is built before the simulation runs, so the time a step takes is fixed when the plan is
 * made: a stop takes the unit's stop time, a restart its stop plus start time, even when Monit
 * has already stopped or started the daemon by then. The host still decides what each step
 * really does (a `start` of an active unit is a no-op, a `try-restart` of a stopped one too).
 */
import type { Strategy } from '../../guard/types.js';
import type { ScenarioEvent } from '../scenario.js';

/** The package managers with a plan. `dpkg` is `dpkg -i` without apt's hooks (F16). */
export const MANAGERS = ['apt', 'dpkg', 'yum', 'dnf', 'dnf5', 'zypper', 'pacman', 'apk'] as const;
export type Manager = (typeof MANAGERS)[number];

/**
 * The five upgrade patterns of package-managers.md §2:
 * A `stop-start` (stop in the new preinst, start at configure), B `restart` (restart or
 * try-restart right after the swap, in the same package step), C `deferred` (try-restart of the
 * marked units at the end of the transaction), D `reexec` (in-place binary upgrade, new master
 * pid), E `none`.
 */
export const PATTERNS = ['stop-start', 'restart', 'deferred', 'reexec', 'none'] as const;
export type RestartPattern = (typeof PATTERNS)[number];

/** The letter the spec uses for a pattern. */
export const PATTERN_LETTER: Record<RestartPattern, string> = { 'stop-start': 'A', restart: 'B', deferred: 'C', reexec: 'D', none: 'E' };

/** A file the package replaces. */
export interface PlanFile {
  path: string;
  /** Content after the upgrade (the simulated host compares contents and inodes, not sizes). */
  content: string;
  mode: number;
  uid: number;
  gid: number;
}

/** A configuration file the package ships (dpkg conffile, rpm %config, pacman backup). */
export interface PlanConffile {
  path: string;
  content: string;
}

/** One package of the transaction. */
export interface PlanPackage {
  name: string;
  /** Files replaced in the swap (only the ones that matter to the simulation). */
  files: PlanFile[];
  conffiles: PlanConffile[];
  /** Installed size in bytes: the time to extract the package (F19). */
  size: number;
  /** Units its scripts stop/start/restart. Empty for a package without scripts (F23's -core). */
  units: string[];
  pattern: RestartPattern;
  /**
   * For `reexec`: whether a unit that is not running is started instead (Debian's nginx postinst
   * starts it, F22; Fedora's `nginx-upgrade` does nothing, F38).
   */
  startIfStopped?: boolean;
  /**
   * ms a package's own pre- and post-install scripts (dpkg preinst/postinst, rpm %pre/%post)
   * wait (`sleep N`), read from a package file, before and after their service call.
   */
  waits?: Partial<Record<'preinst' | 'postinst', { before: number; after: number }>>;
  /**
   * For `stop-start`: the new post-install script (dpkg postinst, rpm %post) only starts its
   * units (a running one is left as it is) instead of restarting them.
   */
  configureStarts?: boolean;
}

/**
 * A transaction that goes wrong (issue 6, Safety), to see what the guard leaves behind:
 * - `pre-script`: the new package's pre-install script fails at its start (dpkg preinst: dpkg
 *   unwinds with abort-upgrade, F18; rpm %pre: the element fails, old version kept, F29; pacman
 *   pre_upgrade: no effect on the transaction, F76);
 * - `post-script`: the new package's post-install script fails at its start (dpkg postinst: the
 *   package is left half-configured and its start/restart never runs, F10; rpm %post: a warning
 *   only, F29; apk post-upgrade: its restart never runs);
 * - `pre-hook`: a hook after the guard's pause fails: apt's later Pre-Install-Pkgs item (F9: no
 *   dpkg, no Post-Invoke) or another dnf plugin's pre_transaction (F48: no transaction(), the
 *   guard plugin's atexit handler resumes);
 * - `killed`: the package manager is killed right after the first file swap: no later step, no
 *   post hook; the guard's watchdog resumes once it sees its owner gone.
 * In every case the manager's post hook runs where the spec says it does (§13).
 */
export const FAILURES = ['pre-script', 'post-script', 'pre-hook', 'killed'] as const;
export type PlanFailure = (typeof FAILURES)[number];

/** ms between the manager's death and the watchdog's resume: it checks its owner once a second (helper.ts do_watch). */
export const WATCHDOG_MS = 1000;

/** Why `failure` cannot be simulated for `manager`, or undefined when it can. */
export function failureProblem(manager: Manager, failure: PlanFailure): string | undefined {
  if (failure === 'pre-hook' && manager !== 'apt' && manager !== 'dnf') return `--fail pre-hook is modelled for apt (F9) and dnf (F48) only: the spec records no hook of ${manager} that can fail after the guard's pause`;
  if (failure === 'pre-script' && manager === 'apk') return '--fail pre-script: the spec does not say what apk does when a pre-upgrade script fails';
  return undefined;
}

/** What the admin did to the configuration files (decides the leftovers). */
export type ConffilePolicy = 'untouched' | 'edited' | 'edited-take-new';

/** Step durations in ms. The defaults (below) are the spec's observed timelines. */
export interface PlanTimings {
  /** Between two hooks of the front end (apt Pre-Invoke → Pre-Install-Pkgs: 15 ms, §4.3). */
  hookGap: number;
  /** From the front end's pre hook to the first package script (dpkg start-up: 160 ms, §4.3; dnf: 24 ms, §5). */
  startup: number;
  /** One maintainer script or scriptlet that does not touch a service (12–14 ms, §4.3, §5). */
  script: number;
  /** Extraction speed in bytes per ms (300 MB in about 1 s under dpkg, F19). */
  extractRate: number;
  /** pacman: the gap between unlink() and the exclusive create of the new file (3 ms, F3). */
  unlinkGap: number;
  /** From the last package step to the front end's post hook (22–98 ms, §4.3, §5). */
  finish: number;
}

export const DEFAULT_TIMINGS: Readonly<Record<Manager, PlanTimings>> = {
  apt: { hookGap: 15, startup: 160, script: 12, extractRate: 300_000, unlinkGap: 0, finish: 22 },
  dpkg: { hookGap: 0, startup: 160, script: 12, extractRate: 300_000, unlinkGap: 0, finish: 0 },
  yum: { hookGap: 0, startup: 24, script: 13, extractRate: 300_000, unlinkGap: 0, finish: 80 },
  dnf: { hookGap: 0, startup: 24, script: 13, extractRate: 300_000, unlinkGap: 0, finish: 80 },
  dnf5: { hookGap: 0, startup: 24, script: 13, extractRate: 300_000, unlinkGap: 0, finish: 80 },
  zypper: { hookGap: 18, startup: 29, script: 12, extractRate: 300_000, unlinkGap: 0, finish: 28 },
  pacman: { hookGap: 0, startup: 100, script: 7, extractRate: 300_000, unlinkGap: 3, finish: 287 },
  // apk was not run (spec §14): the dpkg figures are used.
  apk: { hookGap: 0, startup: 160, script: 12, extractRate: 300_000, unlinkGap: 0, finish: 22 },
};

/** How long a unit takes to stop and to start, ms (from its profile or scenario unit). */
export type UnitTiming = (unit: string) => { stop: number; start: number };

export interface PlanOptions {
  manager: Manager;
  packages: readonly PlanPackage[];
  unitTiming: UnitTiming;
  timings?: Partial<PlanTimings>;
  conffiles?: ConffilePolicy;
  /** Time of the first step, ms (default 0). */
  at?: number;
  /**
   * Simulate monitlint's guard with this strategy installed in the manager's hooks, where the
   * emitters (src/guard/emitters) put them: the helper's `pause` at the pre hook and `resume` at
   * the post hook (§4.2, §6.2, §7.2, §8.2, §9.2, §10.2, §11.2). What the helper does is simulated
   * against the daemon (src/sim/guard.ts), not written into the plan.
   */
  guard?: Strategy;
  /** A transaction that goes wrong ({@link FAILURES}); the first package's script fails. */
  failure?: PlanFailure;
}

/** A built plan: the events, and when the front end's last step ran (the end of the transaction). */
export interface Plan {
  manager: Manager;
  events: ScenarioEvent[];
  /** ms: the end of the transaction (the post hook). */
  end: number;
  /** ms: the first file swap. */
  firstSwap: number | undefined;
  /** ms: when the manager died without its post hook (`killed`, `pre-hook`), if it did. */
  diedAt?: number;
}

/** Accumulates events on a clock that advances by each step's duration. */
class Cursor {
  readonly events: ScenarioEvent[] = [];
  firstSwap: number | undefined;
  /** Set when the manager dies: later steps never happen. */
  diedAt: number | undefined;
  /** The failure still to inject (cleared once injected: only the first package's script fails). */
  failure: PlanFailure | undefined;
  constructor(public t: number, readonly tm: PlanTimings, readonly unitTiming: UnitTiming, readonly strategy: Strategy | undefined = undefined, failure: PlanFailure | undefined = undefined) {
    this.failure = failure;
  }

  /** Whether the script in this slot fails now (once per plan). */
  fails(slot: 'pre-script' | 'post-script' | 'pre-hook'): boolean {
    if (this.failure !== slot) return false;
    this.failure = undefined;
    return true;
  }

  /** The manager ends here without running anything else, its post hook included. */
  die(label: string): void {
    this.note(label);
    this.diedAt ??= this.t;
  }

  /** The hook that runs the guard helper with `pause` or `resume`, when a guard is simulated. */
  guard(what: 'pause' | 'resume', hook: string): void {
    if (this.strategy === undefined) return;
    this.push({ at: this.t, line: 0, source: 'guard', do: 'guard', op: what, strategy: this.strategy, label: `${hook} runs monit-pkg-guard ${what} (strategy ${this.strategy})` });
  }

  private push(ev: ScenarioEvent): void {
    if (this.diedAt !== undefined) return;
    this.events.push(ev);
  }

  note(label: string, after = 0): void {
    this.push({ at: this.t, line: 0, source: 'host', do: 'note', label });
    this.t += after;
  }

  script(label: string): void {
    this.note(label, this.tm.script);
  }

  stop(unit: string, label: string): void {
    this.push({ at: this.t, line: 0, source: 'host', do: 'stop', unit, label });
    this.t += this.unitTiming(unit).stop + this.tm.script;
  }

  start(unit: string, label: string): void {
    this.push({ at: this.t, line: 0, source: 'host', do: 'start', unit, label });
    this.t += this.unitTiming(unit).start + this.tm.script;
  }

  restart(unit: string, label: string, kind: 'restart' | 'try-restart'): void {
    this.push({ at: this.t, line: 0, source: 'host', do: kind, unit, label });
    const u = this.unitTiming(unit);
    this.t += u.stop + u.start + this.tm.script;
  }

  reexec(unit: string, label: string, startIfStopped: boolean): void {
    this.push({ at: this.t, line: 0, source: 'host', do: 'reexec', unit, label });
    // Debian's postinst falls back to a start when nothing runs (F22): a start of an active unit is a no-op.
    if (startIfStopped) this.push({ at: this.t, line: 0, source: 'host', do: 'start', unit, label: `${label} (start if it was not running)` });
    this.t += this.unitTiming(unit).start + this.tm.script;
  }

  /** Extraction of the package, then the swap of its files. */
  swap(p: PlanPackage, method: 'rename' | 'unlink-write', label: string, conffiles: ConffilePolicy, leftover: Leftovers): void {
    const extract = Math.max(1, Math.round(p.size / this.tm.extractRate));
    if (method === 'rename') {
      // dpkg, rpm and apk write every file under a temporary name first (F1, F2, F4) and rename at the end.
      this.t += extract;
      if (p.files.length > 0) this.firstSwap ??= this.t;
      for (const f of p.files) this.push({ at: this.t, line: 0, source: 'host', do: 'replace', path: f.path, content: f.content, method: 'rename', gap: 0, mode: f.mode, uid: f.uid, gid: f.gid, label });
      this.killedAfterSwap();
    } else {
      // pacman: unlink, an exclusive create 3 ms later, then the write (F3); per file, in archive order.
      if (p.files.length > 0) this.firstSwap ??= this.t;
      const perFile = Math.max(1, Math.round(extract / Math.max(1, p.files.length)));
      for (const f of p.files) {
        this.push({ at: this.t, line: 0, source: 'host', do: 'remove', path: f.path, label: `${label}: unlink()` });
        this.t += this.tm.unlinkGap;
        const half = f.content.slice(0, Math.floor(f.content.length / 2));
        this.push({ at: this.t, line: 0, source: 'host', do: 'write', path: f.path, content: half, mode: f.mode, uid: f.uid, gid: f.gid, label: `${label}: open(O_CREAT|O_EXCL), partial write` });
        this.t += perFile;
        this.push({ at: this.t, line: 0, source: 'host', do: 'write', path: f.path, content: f.content, label: `${label}: write complete` });
      }
      this.killedAfterSwap();
    }
    for (const c of p.conffiles) this.conffile(c, conffiles, leftover);
  }

  private killedAfterSwap(): void {
    if (this.failure !== 'killed' || this.firstSwap === undefined) return;
    this.failure = undefined;
    this.die('the package manager is killed (SIGKILL) right after the swap: no later script, no post hook');
  }

  private conffile(c: PlanConffile, policy: ConffilePolicy, leftover: Leftovers): void {
    const write = (path: string, label: string): void => this.push({ at: this.t, line: 0, source: 'host', do: 'write', path, content: c.content, mode: 0o644, label });
    switch (policy) {
      case 'untouched':
        this.push({ at: this.t, line: 0, source: 'host', do: 'replace', path: c.path, content: c.content, method: 'rename', gap: 0, label: 'conffile not edited by the admin: replaced' });
        return;
      case 'edited':
        write(`${c.path}${leftover.keep}`, `conffile edited by the admin: kept; the new one left beside it`);
        return;
      case 'edited-take-new':
        if (leftover.save === undefined) {
          write(`${c.path}${leftover.keep}`, 'conffile edited by the admin: kept (this manager never overwrites it)');
          return;
        }
        this.push({ at: this.t, line: 0, source: 'host', do: 'write', path: `${c.path}${leftover.save}`, content: `(the admin's ${c.path})`, mode: 0o644, label: "conffile: the admin's version saved" });
        this.push({ at: this.t, line: 0, source: 'host', do: 'replace', path: c.path, content: c.content, method: 'rename', gap: 0, label: 'conffile: the new version installed' });
        return;
      default: {
        const never: never = policy;
        return never;
      }
    }
  }
}

/** Suffixes of conffile leftovers: the new file kept beside an edited one, and a saved old one. */
interface Leftovers {
  keep: string;
  save: string | undefined;
}

const LEFTOVERS: Record<'deb' | 'rpm' | 'pacman' | 'apk', Leftovers> = {
  deb: { keep: '.dpkg-dist', save: '.dpkg-old' },
  rpm: { keep: '.rpmnew', save: '.rpmsave' },
  pacman: { keep: '.pacnew', save: undefined },
  apk: { keep: '.apk-new', save: undefined },
};

/** Builds the plan of one transaction upgrading `packages` (in the order given). */
export function buildPlan(o: PlanOptions): Plan {
  const tm: PlanTimings = { ...DEFAULT_TIMINGS[o.manager], ...o.timings };
  const c = new Cursor(o.at ?? 0, tm, o.unitTiming, o.guard, o.failure);
  const conf = o.conffiles ?? 'edited';
  switch (o.manager) {
    case 'apt': case 'dpkg':
      debPlan(c, o.packages, conf, o.manager === 'apt');
      break;
    case 'yum': case 'dnf': case 'dnf5':
      rpmPlan(c, o.packages, conf, o.manager);
      break;
    case 'zypper':
      zypperPlan(c, o.packages, conf);
      break;
    case 'pacman':
      pacmanPlan(c, o.packages, conf);
      break;
    case 'apk':
      apkPlan(c, o.packages, conf);
      break;
    default: {
      const never: never = o.manager;
      return never;
    }
  }
  let end = c.t;
  if (c.diedAt !== undefined) {
    end = c.diedAt;
    if (o.guard !== undefined) {
      // No post hook ran: dnf's plugin resumes from its atexit handler when dnf exits normally
      // (F48); otherwise the helper's watchdog sees the owner gone within a second (helper.ts).
      const atexit = o.manager === 'dnf' && o.failure === 'pre-hook';
      c.events.push({
        at: atexit ? end : end + WATCHDOG_MS, line: 0, source: 'guard', do: 'guard', op: 'resume', strategy: o.guard,
        label: atexit ? "dnf exits: the guard plugin's atexit handler runs monit-pkg-guard resume" : `the guard's watchdog finds the package manager gone and runs monit-pkg-guard resume (strategy ${o.guard})`,
      });
    }
  }
  const events = [...c.events].sort((a, b) => a.at - b.at);
  return { manager: o.manager, events, end, firstSwap: c.firstSwap, ...(c.diedAt !== undefined ? { diedAt: c.diedAt } : {}) };
}

/**
 * apt / dpkg (§4.3, F6, F17–F23): Pre-Invoke, Pre-Install-Pkgs, one `dpkg --unpack` of every
 * package (old prerm, new preinst, extraction and rename, old postrm), then one
 * `dpkg --configure --pending` (new postinst of each), then Post-Invoke.
 */
function debPlan(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy, apt: boolean): void {
  if (apt) {
    c.note('apt: DPkg::Pre-Invoke hooks', c.tm.hookGap);
    c.note('apt: DPkg::Pre-Install-Pkgs hooks');
    // The guard's item is the last one (its file sorts last): a failing item after it is one
    // that sorts later still, e.g. a local 99zzz file (F9).
    c.guard('pause', "the last DPkg::Pre-Install-Pkgs item (§4.2)");
    if (c.fails('pre-hook')) {
      c.die('a Pre-Install-Pkgs item after the guard\'s fails: apt exits 100; no dpkg run, no Post-Invoke (F9)');
      return;
    }
    c.t += c.tm.startup;
  } else {
    c.guard('pause', 'dpkg pre-invoke (§4.2)');
    c.note('dpkg: pre-invoke hook (dpkg -i runs no apt hook, F16)', c.tm.startup);
  }
  c.note(apt ? 'dpkg --unpack' : 'dpkg -i: unpack');
  const failed = new Set<string>();
  for (const p of pkgs) {
    c.script(`${p.name}: old prerm upgrade (stops only on remove, F20)`);
    if (c.fails('pre-script')) {
      // dpkg unwinds (F18): the old files stay, the package is not configured.
      c.script(`${p.name}: new preinst upgrade FAILS (exit 1) before it does anything`);
      c.script(`${p.name}: new postrm abort-upgrade (F18)`);
      c.script(`${p.name}: old postinst abort-upgrade (F18)`);
      failed.add(p.name);
      continue;
    }
    c.t += p.waits?.preinst?.before ?? 0;
    if (p.pattern === 'stop-start' && p.units.length > 0) {
      for (const u of p.units) c.stop(u, `${p.name}: new preinst upgrade stops ${u} (F23)`);
    } else c.script(`${p.name}: new preinst upgrade`);
    c.t += p.waits?.preinst?.after ?? 0;
    c.swap(p, 'rename', `${p.name}: dpkg renames the new files over the old (F1)`, conf, LEFTOVERS.deb);
    c.script(`${p.name}: old postrm upgrade`);
  }
  c.note(apt ? 'dpkg --configure --pending' : 'dpkg -i: configure');
  for (const p of pkgs) {
    if (failed.has(p.name)) continue;
    const label = `${p.name}: new postinst configure`;
    if (c.fails('post-script')) {
      c.script(`${label} FAILS (exit 1) before its service step: the package is left half-configured, dpkg exits 1 (F10)`);
      continue;
    }
    c.t += p.waits?.postinst?.before ?? 0;
    switch (p.pattern) {
      case 'stop-start':
        // mariadb-server's postinst stops the server again, then debhelper restarts it (F23);
        // a package file whose postinst only starts leaves a running unit alone.
        for (const u of p.units) {
          if (p.configureStarts === true) c.start(u, `${label} starts ${u}`);
          else c.restart(u, `${label} restarts ${u} (F23)`, 'restart');
        }
        if (p.units.length === 0) c.script(label);
        break;
      case 'restart': case 'deferred':
        // Debian has no deferred restart: debhelper restarts in postinst (F20).
        for (const u of p.units) c.restart(u, `${label}: deb-systemd-invoke restart ${u} (F20)`, 'restart');
        if (p.units.length === 0) c.script(label);
        break;
      case 'reexec':
        for (const u of p.units) c.reexec(u, `${label}: invoke-rc.d ${u} upgrade (F22)`, p.startIfStopped ?? true);
        if (p.units.length === 0) c.script(label);
        break;
      case 'none':
        c.script(label);
        break;
      default: {
        const never: never = p.pattern;
        return never;
      }
    }
    c.t += p.waits?.postinst?.after ?? 0;
  }
  c.t += c.tm.finish;
  c.guard('resume', apt ? 'DPkg::Post-Invoke (§4.2)' : 'dpkg post-invoke (§4.2)');
  c.note(apt ? 'apt: DPkg::Post-Invoke hooks (run even after a dpkg error, F10)' : 'dpkg: post-invoke hook');
}

/**
 * The RPM core under yum, dnf 4 and dnf 5 (§5, F26–F28, F32–F35): the front end's pre hook,
 * every %pretrans, then %pre / swap / %post of each new package, then %preun / %postun of each
 * old one ("Cleanup"), then every %posttrans, systemd's transaction file triggers (the deferred
 * restart of marked units), and the front end's post hook.
 */
function rpmPlan(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy, fe: 'yum' | 'dnf' | 'dnf5'): void {
  const pre = fe === 'yum' ? 'yum: pretrans_hook of the plugins (F41)' : fe === 'dnf' ? 'dnf: pre_transaction of the plugins (F46)' : 'dnf5: pre_transaction actions (F57)';
  const post = fe === 'yum' ? 'yum: posttrans_hook of the plugins (F41)' : fe === 'dnf' ? 'dnf: transaction of the plugins (F46)' : 'dnf5: post_transaction actions (F57)';
  c.guard('pause', pre);
  c.note(pre);
  if (c.fails('pre-hook')) {
    c.die(`another plugin's pre_transaction raises: no RPM transaction, and dnf skips transaction() (F48)`);
    return;
  }
  c.t += c.tm.startup;
  rpmCore(c, pkgs, conf, true);
  c.t += c.tm.finish;
  c.guard('resume', post);
  c.note(post);
}

function rpmCore(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy, triggers: boolean): void {
  for (const p of pkgs) c.script(`${p.name}: %pretrans (new)`);
  const done: PlanPackage[] = [];
  for (const p of pkgs) {
    if (c.fails('pre-script')) {
      // F29: the element fails; the new version is not installed and the old one stays, so
      // neither its files nor the old package's %preun/%postun change anything.
      c.script(`${p.name}: %pre (new, $1=2) FAILS (exit 1): the element fails, the old version stays (F29)`);
      continue;
    }
    rpmPre(c, p, '%pre (new, $1=2)');
    c.swap(p, 'rename', `${p.name}: rpm renames the new files over the old (F2)`, conf, LEFTOVERS.rpm);
    rpmPost(c, p, '%post (new, $1=2)');
    done.push(p);
  }
  rpmCleanup(c, done);
  for (const p of done) c.script(`${p.name}: %posttrans (new)`);
  if (triggers) rpmTriggers(c, done);
}

/**
 * The new %pre and %post. RPM packaging normally restarts in %postun or at the end (patterns
 * B–D), but a package file whose %pre stops its daemon and whose %post starts or restarts it
 * (pattern A, as the end-to-end tests' dummy package does) is played as written, with the
 * scriptlets' own waits (`sleep N`) as time.
 */
function rpmPre(c: Cursor, p: PlanPackage, slot: string): void {
  c.t += p.waits?.preinst?.before ?? 0;
  if (p.pattern === 'stop-start' && p.units.length > 0) for (const u of p.units) c.stop(u, `${p.name}: ${slot} stops ${u}`);
  else c.script(`${p.name}: ${slot}`);
  c.t += p.waits?.preinst?.after ?? 0;
}

function rpmPost(c: Cursor, p: PlanPackage, slot: string): void {
  if (c.fails('post-script')) {
    c.script(`${p.name}: ${slot} FAILS (exit 1) before its service step: only a warning, the upgrade goes on (F29)`);
    return;
  }
  c.t += p.waits?.postinst?.before ?? 0;
  if (p.pattern === 'stop-start' && p.units.length > 0) {
    for (const u of p.units) {
      if (p.configureStarts === true) c.start(u, `${p.name}: ${slot} starts ${u}`);
      else c.restart(u, `${p.name}: ${slot} restarts ${u}`, 'restart');
    }
  } else c.script(`${p.name}: ${slot}`);
  c.t += p.waits?.postinst?.after ?? 0;
}

/** %preun / %postun of the old packages: the place of pattern B and D on RPM (F32, F38). */
function rpmCleanup(c: Cursor, pkgs: readonly PlanPackage[]): void {
  for (const p of pkgs) {
    c.script(`${p.name}: %preun (old, $1=1: no stop)`);
    const label = `${p.name}: %postun (old, $1=1)`;
    switch (p.pattern) {
      case 'restart':
        for (const u of p.units) c.restart(u, `${label}: systemctl try-restart ${u} (F32)`, 'try-restart');
        if (p.units.length === 0) c.script(label);
        break;
      case 'reexec':
        for (const u of p.units) c.reexec(u, `${label}: nginx-upgrade, in-place binary upgrade (F38)`, p.startIfStopped ?? false);
        if (p.units.length === 0) c.script(label);
        break;
      case 'deferred':
        c.script(p.units.length > 0 ? `${label}: marks ${p.units.join(', ')} needs-restart (F33)` : label);
        break;
      case 'stop-start': case 'none':
        c.script(label);
        break;
      default: {
        const never: never = p.pattern;
        return never;
      }
    }
  }
}

/** systemd's %transfiletriggerin -P900900: reload-or-restart --marked, try-restart semantics (F33, F34). */
function rpmTriggers(c: Cursor, pkgs: readonly PlanPackage[]): void {
  const marked = pkgs.filter((p) => p.pattern === 'deferred').flatMap((p) => p.units);
  if (marked.length === 0) c.script('systemd: %transfiletriggerin -P900900 (nothing marked)');
  for (const u of marked) c.restart(u, `systemd: %transfiletriggerin -P900900, reload-or-restart --marked ${u} (F33, F34)`, 'try-restart');
  c.script('systemd: %transfiletriggerpostun (F33)');
}

/**
 * zypper, libzypp classic back-end (§9.3, F66–F68): PLUGINBEGIN, COMMITBEGIN, then one
 * `rpm -U --noposttrans` per package (its %pretrans, %pre, swap, %post, old %preun and %postun),
 * then the collected %posttrans and, with libzypp ≥ 17.31.21, the transaction file triggers via
 * `rpm --runposttrans` (F67), COMMITEND, PLUGINEND.
 */
function zypperPlan(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy): void {
  c.note('zypper: commit plugins get PLUGINBEGIN', c.tm.hookGap);
  c.guard('pause', 'a zypper commit plugin at COMMITBEGIN (§9.2)');
  c.note('zypper: commit plugins get COMMITBEGIN (F64)', c.tm.startup);
  const done: PlanPackage[] = [];
  let aborted = false;
  for (const p of pkgs) {
    c.script(`${p.name}: rpm -U --noposttrans: %pretrans (new)`);
    if (c.fails('pre-script')) {
      // F65: the commit aborts (non-interactive answer "abort"); no COMMITEND, PLUGINEND still comes.
      c.script(`${p.name}: %pre (new) FAILS (exit 1): the commit aborts, zypper exits 8 (F65)`);
      aborted = true;
      break;
    }
    rpmPre(c, p, '%pre (new)');
    c.swap(p, 'rename', `${p.name}: rpm renames the new files over the old (F2)`, conf, LEFTOVERS.rpm);
    rpmPost(c, p, '%post (new)');
    rpmCleanup(c, [p]);
    done.push(p);
  }
  if (!aborted) {
    for (const p of done) c.script(`${p.name}: %posttrans, run by libzypp ($1=1, F67)`);
    rpmTriggers(c, done);
    c.note('zypper: commit plugins get COMMITEND', c.tm.finish);
  }
  c.guard('resume', 'a zypper commit plugin at PLUGINEND (§9.2)');
  c.note('zypper: commit plugins get PLUGINEND (also after an aborted commit, F65)');
}

/**
 * pacman (§10.3, F3, F72, F78): PreTransaction hooks, then per package pre_upgrade, unlink and
 * rewrite of each file, post_upgrade; PostTransaction hooks only after a completed transaction.
 * No restart (pattern E) unless the package opted into marker restarts.
 */
function pacmanPlan(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy): void {
  c.guard('pause', 'a PreTransaction hook (§10.2)');
  c.note('pacman: PreTransaction hooks (F72)', c.tm.startup);
  for (const p of pkgs) {
    c.script(c.fails('pre-script') ? `${p.name}: pre_upgrade FAILS (exit 1): pacman goes on (F76)` : `${p.name}: pre_upgrade`);
    c.swap(p, 'unlink-write', `${p.name}: libalpm extracts with ARCHIVE_EXTRACT_UNLINK (F3)`, conf, LEFTOVERS.pacman);
    c.script(c.fails('post-script') ? `${p.name}: post_upgrade FAILS (exit 1): an error message, the transaction completes (F76)` : `${p.name}: post_upgrade`);
  }
  const marked = pkgs.filter((p) => p.pattern !== 'none').flatMap((p) => p.units);
  for (const u of marked) c.restart(u, `pacman: 30-systemd-restart-marked.hook, reload-or-restart --marked ${u} (F78)`, 'try-restart');
  c.t += c.tm.finish;
  c.guard('resume', 'a PostTransaction hook (§10.2)');
  c.note('pacman: PostTransaction hooks (only after a completed transaction, F72)');
}

/** apk (§11.3, F4, F81, F82): pre-commit, per package pre-upgrade, swap by rename, post-upgrade, triggers, post-commit. */
function apkPlan(c: Cursor, pkgs: readonly PlanPackage[], conf: ConffilePolicy): void {
  c.guard('pause', 'a pre-commit hook (§11.2)');
  c.note('apk: pre-commit hooks (F79)', c.tm.startup);
  for (const p of pkgs) {
    c.script(`${p.name}: pre-upgrade`);
    c.swap(p, 'rename', `${p.name}: apk renames .apk.* temporaries over the old files (F4)`, conf, LEFTOVERS.apk);
    const label = `${p.name}: post-upgrade`;
    if (c.fails('post-script')) c.script(`${label} FAILS (exit 1) before its service step; post-commit still runs (F81)`);
    else if (p.pattern === 'restart') for (const u of p.units) c.restart(u, `${label}: rc-service ${u} restart (F82's exception)`, 'restart');
    else c.script(label);
  }
  c.script('apk: triggers');
  c.t += c.tm.finish;
  c.guard('resume', 'a post-commit hook (§11.2)');
  c.note('apk: post-commit hooks (F81)');
}
