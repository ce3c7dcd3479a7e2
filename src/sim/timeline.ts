/**
 * The simulator's output: a timeline of host events interleaved with Monit's passes and actions,
 * and the final state of every service. This shape is the versioned JSON schema of
 * `monitlint simulate --format json` (README, "simulate"); bump {@link TIMELINE_SCHEMA} on any
 * incompatible change.
 */

export const TIMELINE_SCHEMA = 'monitlint-timeline/1';

/** Who caused an entry: the Monit daemon, the host (scenario, service manager), or a guard hook. */
export type Source = 'monit' | 'host' | 'guard';

/**
 * Kinds of Monit entries. The action kinds (`restart`, `start`, `stop`, `unmonitor`, `monitor`,
 * `exec`, `alert`) are what the real-daemon harness compares, per service, with Monit's log.
 */
export type MonitKind =
  | 'daemon-start' | 'daemon-stop' | 'reload' | 'start-delay' | 'pass' | 'skip' | 'paused'
  | 'failed' | 'succeeded' | 'changed' | 'warning'
  | 'restart' | 'start' | 'stop' | 'unmonitor' | 'monitor' | 'exec' | 'alert'
  | 'start-failed' | 'stop-failed' | 'cli' | 'state-saved' | 'restart-limit';

export interface TimelineEntry {
  /** Seconds from the scenario's t = 0 (negative during the warm-up), millisecond precision. */
  time: number;
  source: Source;
  service?: string;
  kind: string;
  detail: string;
  /** The config line behind a Monit action or test (file, line, column). */
  file?: string;
  line?: number;
  column?: number;
}

/** The state of one service when the simulation ends. */
export interface FinalServiceState {
  name: string;
  type: string;
  /** not | yes | init, as `monit summary` calls them ("Not monitored", "OK", "Initializing"). */
  monitor: 'not' | 'yes' | 'init';
  waiting: boolean;
  /** The error bitmap of spec §0.4 (0 = OK). */
  status: number;
  pid?: number;
  /** For a process check: the inode of the executable the running process was started from, and the path's inode now. */
  exeInode?: number;
  pathInode?: number;
}

export interface Timeline {
  schema: typeof TIMELINE_SCHEMA;
  config: string;
  scenario: string;
  /** The phase used: seconds from t = 0 to the first Monit pass at or after it. */
  phase: number;
  pollSeconds: number;
  entries: TimelineEntry[];
  services: FinalServiceState[];
}

/** The action kinds the harness compares with Monit's log. */
export const ACTION_KINDS: ReadonlySet<string> = new Set(['restart', 'start', 'stop', 'unmonitor', 'monitor', 'exec']);

/** Per service, the sequence of actions Monit took (the unit of comparison with a real daemon). */
export function actionSequences(entries: readonly TimelineEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    if (e.source !== 'monit' || e.service === undefined || !ACTION_KINDS.has(e.kind)) continue;
    const list = out.get(e.service) ?? [];
    list.push(e.kind);
    out.set(e.service, list);
  }
  return out;
}
