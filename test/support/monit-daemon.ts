/**
 * The harness that proves the simulator against the REAL Monit 5.33 daemon (issue 4).
 *
 * For one scenario it:
 * 1. makes a private directory with a control file (`set daemon 1`, private pidfile, statefile,
 *    idfile and logfile, httpd on a unix socket), a watched "binary", a tiny dummy daemon that
 *    listens on a free 127.0.0.1 port, and start/stop scripts for it;
 * 2. starts the dummy, then `monit -v -I` (foreground), waits until a pass has seen the dummy;
 * 3. performs the scenario's steps for real at their times (stop/start scripts, renames, chmod,
 *    kill -9, `monit` CLI commands, quitting and starting the daemon);
 * 4. reads Monit's log and returns, per service, the sequence of actions it took, and the phase
 *    that actually occurred (the first logged pass at or after t = 0, to the log's 1 s
 *    resolution).
 * The test then runs the simulator on the same control file and the same scenario (as YAML) with
 * that phase and compares the sequences.
 *
 * Every process started here is stopped by its pid (the dummy's keeper and server record their
 * pids; monit's own pid comes from spawn). Nothing listens beyond 127.0.0.1. Monit needs no
 * sandbox: every file it writes is named in the control file and lies in the private directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One step of a scenario, done for real by the harness and described to the simulator as YAML. */
export type HarnessStep =
  | { at: number; do: 'stop' | 'start' | 'kill' }
  /** The dummy keeps running but closes its listening socket (SIGUSR2). */
  | { at: number; do: 'unlisten' }
  | { at: number; do: 'replace'; content: string }
  | { at: number; do: 'chmod'; mode: number }
  | { at: number; do: 'chown'; uid: number; gid: number }
  /** Delete the watched binary / write it back with its original content and mode. */
  | { at: number; do: 'remove' | 'restore' }
  | { at: number; do: 'monit'; command: string }
  | { at: number; do: 'monit-stop' | 'monit-start' | 'monit-reload' }
  /**
   * A real `dpkg -i` of version 2 of a package built in the test (version 1 is installed before
   * Monit starts), with a private --root. Its prerm stops the dummy, its postinst starts it; the
   * times they log become the simulator's stop / replace (rename) / start events.
   */
  | { at: number; do: 'dpkg-upgrade' };

export interface HarnessScenario {
  name: string;
  /** The watched binary is installed by dpkg (needs a `dpkg-upgrade` step). */
  dpkg?: boolean;
  /** Seconds after t = 0 when the observation ends. */
  until: number;
  steps: HarnessStep[];
  /** The dummy's start script exits without starting anything (a broken package). */
  brokenStart?: boolean;
  /** Replaces the file check's rules (default: checksum, permission 755, uid root, each unmonitor). */
  fileLines?: string[];
  /** Extra lines for the process check (e.g. a restart limit). */
  processLines?: string[];
  /** The dummy dies this many seconds after each start (a crash loop; its pidfile stays). */
  dieAfter?: number;
  /** The dummy ignores SIGTERM: its stop script cannot stop it. */
  stubborn?: boolean;
  /** Stop-program timeout in seconds (default Monit's 30). */
  stopTimeout?: number;
  /** Start-program timeout in seconds (default Monit's 30). */
  startTimeout?: number;
}

export interface RealRun {
  /** Per service, the actions Monit logged in [t0, t0 + until]. */
  actions: Map<string, string[]>;
  /** Their times in seconds from t0 (the log has a 1 s resolution). */
  actionTimes: Map<string, number[]>;
  /** Seconds from t0 to the first pass logged at or after it. */
  phase: number;
  log: string;
  config: string;
  configPath: string;
  scenarioYaml: string;
}

const DUMMY = `
'use strict';
const { fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const [mode, port, pidfile, pidlog] = process.argv.slice(2);
if (mode === 'keeper') {
  // The keeper is the server's parent, so the server is reaped at once when it dies (a zombie
  // would still count as running for Monit, spec §2.1, §2.12).
  const child = fork(__filename, ['server', port, pidfile, pidlog], { stdio: 'ignore' });
  fs.appendFileSync(pidlog, process.pid + '\\n' + child.pid + '\\n');
  child.on('exit', () => process.exit(0));
  process.on('SIGTERM', () => { if (!process.env.DUMMY_STUBBORN) child.kill('SIGTERM'); });
} else {
  const server = net.createServer((c) => c.end('dummy\\n'));
  server.on('error', () => process.exit(3));
  server.listen(Number(port), '127.0.0.1', () => fs.writeFileSync(pidfile, process.pid + '\\n'));
  const die = Number(process.env.DUMMY_DIE_AFTER || 0);
  if (die > 0) setTimeout(() => process.exit(1), die * 1000);
  // Closing the listener must not end the process: a timer keeps it alive.
  process.on('SIGUSR2', () => { setInterval(() => undefined, 1 << 30); server.close(); });
  process.on('SIGTERM', () => {
    if (process.env.DUMMY_STUBBORN) return;
    try { if (fs.readFileSync(pidfile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(pidfile); } catch {}
    process.exit(0);
  });
}
`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The control file used for both the real daemon and the simulator. */
export function binPath(dir: string, scn: HarnessScenario): string {
  return scn.dpkg === true ? `${dir}/root/usr/sbin/monitlint-dummy` : `${dir}/bin`;
}

export function harnessConfig(dir: string, port: number, scn: HarnessScenario): string {
  const timeout = scn.startTimeout !== undefined ? ` with timeout ${scn.startTimeout} seconds` : '';
  const stopTimeout = scn.stopTimeout !== undefined ? ` with timeout ${scn.stopTimeout} seconds` : '';
  return [
    'set daemon 1',
    `set logfile ${dir}/monit.log`,
    `set pidfile ${dir}/monit.pid`,
    `set statefile ${dir}/monit.state`,
    `set idfile ${dir}/monit.id`,
    `set httpd unixsocket ${dir}/monit.sock`,
    '  allow admin:harness',
    '',
    `check file dbin with path ${binPath(dir, scn)}`,
    ...(scn.fileLines ?? ['if failed checksum then unmonitor', 'if failed permission 755 then unmonitor', 'if failed uid root then unmonitor']).map((l) => `  ${l}`),
    '',
    `check process dummy with pidfile ${dir}/d.pid`,
    `  start program = "${dir}/start.sh"${timeout}`,
    `  stop program = "${dir}/stop.sh"${stopTimeout}`,
    `  if failed host 127.0.0.1 port ${port} then restart`,
    ...(scn.processLines ?? []).map((l) => `  ${l}`),
    '  depends on dbin',
    '',
  ].join('\n');
}

/** The same scenario for the simulator. */
export function harnessScenarioYaml(dir: string, port: number, scn: HarnessScenario, steps: readonly HarnessStep[] = scn.steps): string {
  const bin = binPath(dir, scn);
  const ev = (s: HarnessStep): string => {
    switch (s.do) {
      case 'stop': case 'start':
        return `  - { at: ${s.at}, do: ${s.do}, unit: dummy }`;
      case 'kill':
        return `  - { at: ${s.at}, do: kill, unit: dummy }`;
      case 'unlisten':
        return `  - { at: ${s.at}, do: unlisten, unit: dummy }`;
      case 'replace':
        return `  - { at: ${s.at}, do: replace, path: ${bin}, content: ${JSON.stringify(s.content)} }`;
      case 'chmod':
        return `  - { at: ${s.at}, do: chmod, path: ${bin}, mode: "${s.mode.toString(8).padStart(4, '0')}" }`;
      case 'dpkg-upgrade':
        throw new Error('a dpkg-upgrade step is described to the simulator by the events it logged');
      case 'remove':
        return `  - { at: ${s.at}, do: remove, path: ${bin} }`;
      case 'restore':
        return `  - { at: ${s.at}, do: write, path: ${bin}, content: "binary v1", mode: "0755" }`;
      case 'chown':
        return `  - { at: ${s.at}, do: chown, path: ${bin}, uid: ${s.uid}, gid: ${s.gid} }`;
      case 'monit':
        return `  - { at: ${s.at}, do: monit, command: ${JSON.stringify(s.command)} }`;
      default:
        return `  - { at: ${s.at}, do: ${s.do} }`;
    }
  };
  return [
    'version: 1',
    `until: ${scn.until}`,
    'files:',
    `  ${bin}: { content: "binary v1", mode: "0755" }`,
    'units:',
    '  dummy:',
    `    exec: ${bin}`,
    `    pidfile: ${dir}/d.pid`,
    `    port: ${port}`,
    '    start_time: 0.3',
    '    port_delay: 0.25',
    '    stop_time: 0.1',
    '    start_waits: false',
    '    command_time: 0.5',
    ...(scn.brokenStart === true ? ['    broken: true', '    broken_exit: 0'] : []),
    ...(scn.dieAfter !== undefined ? [`    die_after: ${scn.dieAfter}`] : []),
    ...(scn.stubborn === true ? ['    unkillable: true'] : []),
    'programs:',
    `  - { match: "${dir}/start.sh", unit: dummy, op: start }`,
    `  - { match: "${dir}/stop.sh", unit: dummy, op: stop }`,
    steps.length === 0 ? 'events: []' : 'events:',
    ...steps.map(ev),
    '',
  ].join('\n');
}

const LOG_LINE = /^\[([^\]]+)\]\s+\w+\s*: '([^']+)' (.*)$/;

/** Maps one log message to an action kind of the timeline (src/sim/timeline.ts ACTION_KINDS). */
export function logAction(message: string): string | undefined {
  if (message === 'trying to restart') return 'restart';
  if (message.startsWith('start: ')) return 'start';
  if (message.startsWith('stop: ')) return 'stop';
  if (message === 'monitoring disabled') return 'unmonitor';
  if (message === 'monitoring enabled') return 'monitor';
  if (message.startsWith('exec: ')) return 'exec';
  return undefined;
}

/** Per-service actions in the log between two times (ms since the epoch), and the first pass time. */
export function parseMonitLog(log: string, fromMs: number, toMs: number, services: readonly string[]): { actions: Map<string, string[]>; times: Map<string, number[]>; firstPassMs: number | undefined } {
  const actions = new Map<string, string[]>();
  const times = new Map<string, number[]>();
  let firstPassMs: number | undefined;
  for (const line of log.split('\n')) {
    const m = LOG_LINE.exec(line);
    if (m === null) continue;
    const t = Date.parse((m[1] ?? '').replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    if (Number.isNaN(t) || t < Math.floor(fromMs / 1000) * 1000 || t > toMs) continue;
    const name = m[2] ?? '';
    if (!services.includes(name)) continue;
    // dbin is first in every pass (§1.5): its first line at or after t0 marks a pass.
    if (firstPassMs === undefined && name === 'dbin' && t >= fromMs - 999) firstPassMs = t;
    const kind = logAction(m[3] ?? '');
    if (kind === undefined) continue;
    const list = actions.get(name) ?? [];
    list.push(kind);
    actions.set(name, list);
    times.set(name, [...(times.get(name) ?? []), (t - fromMs) / 1000]);
  }
  return { actions, times, firstPassMs };
}

/** Builds version `version` of the package with dpkg-deb; returns the .deb path. */
function buildDeb(dir: string, version: string): string {
  const pkg = join(dir, `pkg-${version}`);
  const times = join(dir, 'dpkg-times');
  mkdirSync(join(pkg, 'DEBIAN'), { recursive: true });
  mkdirSync(join(pkg, 'usr', 'sbin'), { recursive: true });
  writeFileSync(join(pkg, 'usr', 'sbin', 'monitlint-dummy'), `binary v${version}`);
  chmodSync(join(pkg, 'usr', 'sbin', 'monitlint-dummy'), 0o755);
  writeFileSync(join(pkg, 'DEBIAN', 'control'), [
    'Package: monitlint-dummy', `Version: ${version}`, 'Architecture: all', 'Maintainer: monitlint tests <tests@invalid>',
    'Description: stand-in daemon for the monitlint simulator harness', '',
  ].join('\n'));
  // The old package's prerm stops the daemon (as systemd's deb helpers do), the new postinst
  // starts it; both sleep so that Monit's 1 s passes land between the steps.
  writeFileSync(join(pkg, 'DEBIAN', 'prerm'), [
    '#!/bin/sh', 'if [ "$1" = upgrade ]; then', `  echo "stop $(date +%s.%N)" >> ${times}`, `  ${dir}/stop.sh`, '  sleep 1.5',
    `  echo "replace $(date +%s.%N)" >> ${times}`, 'fi', 'exit 0', '',
  ].join('\n'), { mode: 0o755 });
  writeFileSync(join(pkg, 'DEBIAN', 'postinst'), [
    '#!/bin/sh', 'if [ "$1" = configure ] && [ -n "$2" ]; then', '  sleep 1.5', `  echo "start $(date +%s.%N)" >> ${times}`, `  ${dir}/start.sh`, 'fi', 'exit 0', '',
  ].join('\n'), { mode: 0o755 });
  chmodSync(join(pkg, 'DEBIAN', 'prerm'), 0o755);
  chmodSync(join(pkg, 'DEBIAN', 'postinst'), 0o755);
  const deb = join(dir, `monitlint-dummy_${version}_all.deb`);
  const r = spawnSync('dpkg-deb', ['--root-owner-group', '--build', pkg, deb], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`dpkg-deb --build failed: ${r.stderr}`);
  return deb;
}

/** `dpkg -i` into the private root (own admin directory; scripts run without chroot). */
function dpkgInstall(dir: string, deb: string): void {
  const root = join(dir, 'root');
  const r = spawnSync('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-not-root', `--log=${join(dir, 'dpkg.log')}`, '-i', deb], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`dpkg -i ${deb} failed: ${r.stderr}${r.stdout}`);
}

function killPid(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Runs one scenario against the real daemon. */
export async function runReal(monitBin: string, scn: HarnessScenario): Promise<RealRun> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'monitlint-harness-')));
  const port = await freePort();
  const node = process.execPath;
  const config = harnessConfig(dir, port, scn);
  const configPath = join(dir, 'monitrc');
  writeFileSync(configPath, config, { mode: 0o600 });
  chmodSync(configPath, 0o600);
  writeFileSync(join(dir, 'bin'), 'binary v1');
  chmodSync(join(dir, 'bin'), 0o755);
  let debV2: string | undefined;
  if (scn.dpkg === true) {
    for (const sub of ['root/var/lib/dpkg/updates', 'root/var/lib/dpkg/info', 'root/usr/sbin']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'root/var/lib/dpkg/status'), '');
    writeFileSync(join(dir, 'dpkg-times'), '');
    dpkgInstall(dir, buildDeb(dir, '1.0'));
    debV2 = buildDeb(dir, '2.0');
  }
  writeFileSync(join(dir, 'dummy.cjs'), DUMMY);
  writeFileSync(join(dir, 'pids'), '');
  writeFileSync(join(dir, 'start.sh'), [
    '#!/bin/sh',
    `[ -f ${dir}/broken ] && exit 0`,
    `if [ -f ${dir}/d.pid ] && kill -0 "$(cat ${dir}/d.pid)" 2>/dev/null; then exit 0; fi`,
    `${scn.stubborn === true ? 'DUMMY_STUBBORN=1 ' : ''}${scn.dieAfter !== undefined ? `DUMMY_DIE_AFTER=\${DUMMY_DIE_AFTER-${scn.dieAfter}} ` : ''}${node} ${dir}/dummy.cjs keeper ${port} ${dir}/d.pid ${dir}/pids </dev/null >/dev/null 2>&1 &`,
    'sleep 0.5',
    'exit 0',
    '',
  ].join('\n'), { mode: 0o755 });
  writeFileSync(join(dir, 'stop.sh'), [
    '#!/bin/sh',
    `[ -f ${dir}/d.pid ] || exit 0`,
    `pid=$(cat ${dir}/d.pid)`,
    'kill "$pid" 2>/dev/null',
    'i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done',
    'exit 0',
    '',
  ].join('\n'), { mode: 0o755 });
  let monit: ChildProcess | undefined;
  const startMonit = (): ChildProcess => {
    const p = spawn(monitBin, ['-v', '-I', '-c', configPath], { stdio: 'ignore', cwd: dir });
    p.on('error', () => undefined);
    return p;
  };
  const stopMonit = async (): Promise<void> => {
    if (monit?.pid === undefined || monit.exitCode !== null) return;
    const p = monit;
    const done = new Promise<void>((r) => p.once('exit', () => r()));
    killPid(p.pid as number, 'SIGTERM');
    await Promise.race([done, sleep(5000)]);
    if (p.exitCode === null) killPid(p.pid as number);
  };
  const cli = (command: string): void => {
    spawnSync(monitBin, ['-c', configPath, ...command.split(/\s+/)], { timeout: 10_000, stdio: 'ignore', cwd: dir });
  };
  try {
    // The dummy that runs before Monit starts lives on (no crash loop yet).
    spawnSync(join(dir, 'start.sh'), [], { timeout: 10_000, env: { ...process.env, DUMMY_DIE_AFTER: '0' } });
    for (let i = 0; i < 50 && !existsSync(join(dir, 'd.pid')); i++) await sleep(100);
    if (scn.brokenStart === true) writeFileSync(join(dir, 'broken'), '');
    monit = startMonit();
    // Warm-up: wait until a pass has seen the running dummy, then two more seconds.
    const logPath = join(dir, 'monit.log');
    for (let i = 0; i < 100; i++) {
      if (existsSync(logPath) && readFileSync(logPath, 'utf8').includes("'dummy' process is running")) break;
      await sleep(100);
    }
    await sleep(2000);
    const t0 = Date.now();
    /** What the simulator is told: the steps, with a dpkg upgrade expanded into what it logged. */
    const simSteps: HarnessStep[] = [];
    for (const step of [...scn.steps].sort((a, b) => a.at - b.at)) {
      if (step.do !== 'dpkg-upgrade') simSteps.push(step);
      const wait = t0 + step.at * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      switch (step.do) {
        case 'stop':
          spawnSync(join(dir, 'stop.sh'), [], { timeout: 10_000 });
          break;
        case 'start':
          spawnSync(join(dir, 'start.sh'), [], { timeout: 10_000 });
          break;
        case 'kill': {
          const pid = Number(readFileSync(join(dir, 'd.pid'), 'utf8').trim());
          if (pid > 0) killPid(pid);
          break;
        }
        case 'unlisten': {
          const pid = Number(readFileSync(join(dir, 'd.pid'), 'utf8').trim());
          if (pid > 0) killPid(pid, 'SIGUSR2');
          break;
        }
        case 'replace':
          writeFileSync(join(dir, 'bin.new'), step.content, { mode: 0o755 });
          chmodSync(join(dir, 'bin.new'), 0o755);
          renameSync(join(dir, 'bin.new'), join(dir, 'bin'));
          break;
        case 'chmod':
          chmodSync(binPath(dir, scn), step.mode);
          break;
        case 'chown':
          chownSync(binPath(dir, scn), step.uid, step.gid);
          break;
        case 'remove':
          rmSync(binPath(dir, scn));
          break;
        case 'restore':
          writeFileSync(binPath(dir, scn), 'binary v1', { mode: 0o755 });
          chmodSync(binPath(dir, scn), 0o755);
          break;
        case 'monit':
          cli(step.command);
          break;
        case 'monit-stop':
          await stopMonit();
          break;
        case 'monit-start':
          monit = startMonit();
          break;
        case 'monit-reload':
          cli('reload');
          break;
        case 'dpkg-upgrade': {
          if (debV2 === undefined) throw new Error('a dpkg-upgrade step needs dpkg: true');
          dpkgInstall(dir, debV2);
          const rel = (x: string): number => Math.round(Number(x) * 1000 - t0) / 1000;
          for (const line of readFileSync(join(dir, 'dpkg-times'), 'utf8').split('\n')) {
            const [what, when] = line.split(' ');
            if (when === undefined) continue;
            if (what === 'stop' || what === 'start') simSteps.push({ at: rel(when), do: what });
            if (what === 'replace') simSteps.push({ at: rel(when), do: 'replace', content: 'binary v2.0' });
          }
          break;
        }
        default: {
          const never: never = step;
          throw new Error(`unknown step ${JSON.stringify(never)}`);
        }
      }
    }
    const end = t0 + scn.until * 1000;
    if (end > Date.now()) await sleep(end - Date.now());
    const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    const { actions, times: actionTimes, firstPassMs } = parseMonitLog(log, t0, end, ['dbin', 'dummy']);
    const phase = firstPassMs === undefined ? 0 : Math.min(0.999, Math.max(0, (firstPassMs - t0) / 1000));
    const scenarioYaml = harnessScenarioYaml(dir, port, scn, simSteps.sort((a, b) => a.at - b.at));
    return { actions, actionTimes, phase, log, config, configPath, scenarioYaml };
  } finally {
    await stopMonit();
    const pids = existsSync(join(dir, 'pids')) ? readFileSync(join(dir, 'pids'), 'utf8').split('\n').map(Number).filter((n) => n > 0) : [];
    for (const pid of pids) killPid(pid);
    rmSync(dir, { recursive: true, force: true });
  }
}
