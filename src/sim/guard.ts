/**
 * monitlint's guard helper (src/guard/helper.ts, package-managers.md §3) on the simulated host,
 * for `simulate --with-guard STRATEGY`. Each step mirrors a function of the shell script, and
 * every step that touches Monit goes through the simulated daemon as the script goes through the
 * real one: `monit status NAME` / `monit summary` (§7.2, answered only by a running daemon with
 * httpd), `monit unmonitor|monitor NAME` (§7.3: only queued; the request wakes a sleeping daemon, whose
 * next pass applies it first, §1.3/§1.4, while a pass under way applies it once it ends),
 * `monit reload` (§7.4, re-baselines checksums, §5.3), and stopping/starting the daemon
 * (`monit quit` and a new `monit`, which save and restore the state file, §6.5–§6.7). Nothing here
 * edits an outcome: the helper's waits take simulated time, and the package manager waits for the
 * hook (src/sim/simulate.ts holds the rest of the transaction back until the helper returns).
 *
 * The helper's markers live on the virtual host under the same /run directory as the real ones,
 * so a second pause (dpkg's hooks under apt, F17) and a resume without a pause (apk, F81) are the
 * no-ops they are on a real host. The owner binding is not simulated; the watchdog is, as the plan
 * puts it (plan.ts, WATCHDOG_MS): when the manager dies without its post hook (`--fail killed`,
 * apt's F9), a resume runs within the watchdog's one-second poll of its owner.
 */
import type { Config } from '../config/model.js';
import { monitTarget } from '../guard/affected.js';
import { STATE_DIR, type MonitTarget, type Strategy } from '../guard/types.js';
import type { Task } from './clock.js';
import type { VirtualHost } from './host.js';
import type { MonitDaemon } from './monit.js';

/** One `monit` CLI call, ms (§1.2: `monit summary` answered in about 10 ms). */
const CLI_MS = 10;
/** The helper's `sleep 0.1` between two polls. */
const NAP = 100;

/** What the helper runs against. */
export interface HelperContext {
  config: Config;
  host: VirtualHost;
  daemon: MonitDaemon;
  /** A timeline entry of the guard (source `guard`). */
  note: (kind: GuardEntryKind, detail: string, service?: string) => void;
}

/** Kinds of the guard's own timeline entries. `guard-fallback`: targeted could not use Monit's CLI. */
export type GuardEntryKind = 'guard' | 'guard-fallback' | 'guard-problem' | 'hook-done';

const file = (name: string): string => `${STATE_DIR}/${name}`;

const targets = new WeakMap<Config, MonitTarget>();

/**
 * What the generated helper knows of the control file (poll interval, pidfile, services, the
 * services a package upgrade affects): the same {@link monitTarget} `monitlint guard` writes into
 * the helper, computed once per configuration.
 */
function targetOf(config: Config): MonitTarget {
  let t = targets.get(config);
  if (t === undefined) {
    t = monitTarget(config, undefined, 'pause');
    targets.set(config, t);
  }
  return t;
}

function read(host: VirtualHost, name: string): string | undefined {
  return host.readText(file(name));
}

function write(host: VirtualHost, name: string, text: string): void {
  host.writeFile(file(name), text, { mode: 0o600 });
}

function clear(host: VirtualHost): void {
  for (const n of ['paused', 'owner', 'monitored', 'how']) host.unlink(file(n));
}

/** The helper run by one hook: `monit-pkg-guard pause|resume` with the generated strategy. */
export function* runHelper(op: 'pause' | 'resume', strategy: Strategy, cx: HelperContext): Task {
  if (op === 'pause') yield* doPause(strategy, cx);
  else yield* doResume(cx);
}

// ---- Monit as the helper sees it (helper.ts: monit_up, cli_works, service_state, …)

/** monit_up: the daemon runs (pidfile names a live process, or the service manager says so). */
function monitUp(cx: HelperContext): boolean {
  return cx.daemon.running;
}

/** cli_works: `monit summary` exits 0 (needs a running daemon with httpd, §7.2). */
function* cliWorks(cx: HelperContext): Generator<number, boolean, void> {
  yield CLI_MS;
  return cx.daemon.status().exit === 0;
}

/** service_state: the "monitoring status" line of `monit status NAME`; empty when the CLI cannot tell. */
function* serviceState(cx: HelperContext, name: string): Generator<number, string, void> {
  yield CLI_MS;
  return cx.daemon.status(name).monitoring ?? '';
}

const ON = new Set(['Monitored', 'Initializing', 'Waiting']);

/** wait_state: polls every 0.1 s until `name` is (on) or is not (off) monitored; at most `secs`. */
function* waitState(cx: HelperContext, name: string, secs: number, want: 'on' | 'off'): Generator<number, boolean, void> {
  for (let n = 0; n < secs * 10; n++) {
    const st = yield* serviceState(cx, name);
    if (want === 'off' ? st === 'Not monitored' : ON.has(st)) return true;
    yield NAP;
  }
  return false;
}

/** monitored_of: those of `names` monitored now, one `monit status` each. */
function* monitoredOf(cx: HelperContext, names: readonly string[]): Generator<number, string[], void> {
  const out: string[] = [];
  for (const n of names) if (ON.has(yield* serviceState(cx, n))) out.push(n);
  return out;
}

/** monit_stop (direct control: `monit quit`, then wait up to 60 s for the process to be gone). */
function* monitStop(cx: HelperContext): Generator<number, boolean, void> {
  if (!monitUp(cx)) return true;
  cx.daemon.cli('quit', 'guard');
  yield CLI_MS;
  for (let n = 0; n < 600 && monitUp(cx); n++) yield NAP;
  return !monitUp(cx);
}

/**
 * reload_and_wait: reload, then wait until the daemon has re-read its control file. The helper
 * sees that by the pidfile Monit re-creates after re-parsing (when the configuration names one)
 * or by the status header's uptime falling back to "0m"; with neither (no pidfile set, a daemon
 * younger than a minute) it sleeps two polls (helper.ts, reload_and_wait).
 */
function* reloadAndWait(cx: HelperContext): Generator<number, void, void> {
  const poll = targetOf(cx.config).pollSeconds;
  const pidfile = targetOf(cx.config).pidfile !== undefined;
  yield CLI_MS;
  const before = cx.daemon.status().uptimeMs;
  const minuteOld = before !== undefined && before >= 60_000;
  cx.daemon.cli('reload', 'guard');
  yield CLI_MS;
  if (!pidfile && !minuteOld) {
    yield (poll * 2 + 1) * 1000;
    return;
  }
  let since = CLI_MS; // ms since the reload request
  for (let n = 0; n < poll * 20 + 100; n++) {
    yield CLI_MS;
    since += CLI_MS;
    const up = cx.daemon.status().uptimeMs;
    if (up !== undefined) {
      if (pidfile && up <= since) return; // re-started since the request: the pidfile is new
      if (minuteOld && up < 60_000) return;
    }
    yield NAP;
    since += NAP;
  }
}

// ---- Strategies (helper.ts: pause_stop, targeted_unmonitor, remonitor, do_pause, do_resume)

function* pauseStop(cx: HelperContext): Generator<number, boolean, void> {
  if (!monitUp(cx)) return false;
  const monitored = (yield* cliWorks(cx)) ? yield* monitoredOf(cx, targetOf(cx.config).services) : [];
  write(cx.host, 'monitored', monitored.join('\n'));
  write(cx.host, 'how', 'stopped');
  cx.note('guard', `monit-pkg-guard: recorded as monitored: ${monitored.length > 0 ? monitored.join(', ') : 'nothing (the CLI cannot tell)'}; stopping Monit`);
  if (!(yield* monitStop(cx))) {
    cx.note('guard-problem', 'monit-pkg-guard: could not stop monit; leaving it running');
    return false;
  }
  return true;
}

function* targetedUnmonitor(cx: HelperContext): Generator<number, boolean, void> {
  if (!monitUp(cx)) return false;
  if (!(yield* cliWorks(cx))) {
    // helper.ts: no way to unmonitor (httpd missing or unreachable): pausing is safe.
    cx.note('guard-fallback', 'monit-pkg-guard: monit CLI does not answer; stopping monit for the transaction instead');
    return yield* pauseStop(cx);
  }
  const affected = targetOf(cx.config).affected;
  const monitored = yield* monitoredOf(cx, affected);
  write(cx.host, 'monitored', monitored.join('\n'));
  write(cx.host, 'how', 'unmonitored');
  cx.note('guard', `monit-pkg-guard: affected and monitored: ${monitored.length > 0 ? monitored.join(', ') : 'none'}`);
  for (const name of affected) {
    if (!monitored.includes(name)) continue;
    if (cx.daemon.cli(`unmonitor ${name}`, 'guard') !== 0) cx.note('guard-problem', `monit-pkg-guard: could not unmonitor ${name}`, name);
    yield CLI_MS;
  }
  // The CLI only queues the action (§7.3): wait until the daemon has applied each.
  const poll = targetOf(cx.config).pollSeconds;
  for (const name of monitored) {
    if (!(yield* waitState(cx, name, poll * 2 + 30, 'off'))) cx.note('guard-problem', `monit-pkg-guard: ${name} is still monitored`, name);
  }
  return true;
}

function* remonitor(cx: HelperContext): Generator<number, void, void> {
  const list = (read(cx.host, 'monitored') ?? '').split('\n').filter((n) => n !== '');
  if (list.length === 0) return;
  for (let n = 0; n < 100 && !(yield* cliWorks(cx)); n++) yield NAP;
  if (!(yield* cliWorks(cx))) {
    cx.note('guard-problem', 'monit-pkg-guard: monit CLI does not answer; cannot check monitoring states');
    return;
  }
  const poll = targetOf(cx.config).pollSeconds;
  for (const name of list) {
    let tries = 0;
    while (tries < 3) {
      if (ON.has(yield* serviceState(cx, name))) break;
      cx.daemon.cli(`monitor ${name}`, 'guard');
      yield CLI_MS;
      if (yield* waitState(cx, name, poll * 2 + 10, 'on')) break;
      tries++;
    }
    if (tries >= 3) cx.note('guard-problem', `monit-pkg-guard: could not monitor ${name} again`, name);
  }
}

function* doPause(strategy: Strategy, cx: HelperContext): Task {
  if (read(cx.host, 'paused') !== undefined) {
    cx.note('guard', 'monit-pkg-guard pause: already paused in this transaction; nothing to do');
    return;
  }
  write(cx.host, 'owner', 'the package manager');
  write(cx.host, 'paused', '');
  const paused = strategy === 'targeted' ? yield* targetedUnmonitor(cx) : yield* pauseStop(cx);
  if (!paused) {
    cx.note('guard', 'monit-pkg-guard pause: Monit is not running (or could not be stopped); nothing paused');
    clear(cx.host);
  }
}

function* doResume(cx: HelperContext): Task {
  if (read(cx.host, 'paused') === undefined) {
    cx.note('guard', 'monit-pkg-guard resume: not paused by the guard; Monit is left as it is');
    return;
  }
  switch (read(cx.host, 'how')) {
    case 'stopped':
      cx.note('guard', 'monit-pkg-guard: starting Monit again (the guard stopped it)');
      cx.daemon.start();
      yield CLI_MS;
      for (let n = 0; n < 100 && !monitUp(cx); n++) yield NAP;
      yield* remonitor(cx);
      break;
    case 'unmonitored':
      if (monitUp(cx)) {
        yield* reloadAndWait(cx);
        yield* remonitor(cx);
      }
      break;
    default:
      break;
  }
  clear(cx.host);
}

/** One outcome class in the comparison of an unguarded and a guarded sweep. */
export interface GuardEffectClass {
  kind: string;
  title: string;
  /** Share of phases (0–1) without the guard, and with it (0 when the guard removes it). */
  before: number;
  after: number;
  /** Whether the unguarded sweep shows the class at all (also only at the extra phases next to the steps). */
  unguarded: boolean;
}

/**
 * What the guard changes (`simulate --with-guard`, README "JSON"): the harmful classes of the
 * unguarded sweep that no guarded phase shows (`removes`), the harmful classes the guarded sweep
 * still or newly shows (`remains`), and whether any guarded phase is harmful.
 */
export interface GuardEffect {
  strategy: Strategy;
  removes: GuardEffectClass[];
  remains: GuardEffectClass[];
  /** Harmful before / after, as the exit code reports them. */
  harmfulBefore: boolean;
  harmfulAfter: boolean;
}

interface ClassLike {
  kind: string;
  title: string;
  harmful: boolean;
  share: number;
}

/** Compares the classes of the unguarded and the guarded sweep of the same transaction. */
export function guardEffect(strategy: Strategy, before: { harmful: boolean; classes: readonly ClassLike[] }, after: { harmful: boolean; classes: readonly ClassLike[] }): GuardEffect {
  const shareOf = (list: readonly ClassLike[], kind: string): number => list.find((c) => c.kind === kind)?.share ?? 0;
  const harmfulKinds = (list: readonly ClassLike[]): ClassLike[] => list.filter((c) => c.harmful);
  const stillThere = new Set(harmfulKinds(after.classes).map((c) => c.kind));
  return {
    strategy,
    removes: harmfulKinds(before.classes).filter((c) => !stillThere.has(c.kind)).map((c) => ({ kind: c.kind, title: c.title, before: c.share, after: 0, unguarded: true })),
    remains: harmfulKinds(after.classes).map((c) => ({ kind: c.kind, title: c.title, before: shareOf(before.classes, c.kind), after: c.share, unguarded: before.classes.some((b) => b.kind === c.kind) })),
    harmfulBefore: before.harmful,
    harmfulAfter: after.harmful,
  };
}
