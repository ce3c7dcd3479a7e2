/**
 * `monitlint simulate`: wiring only.
 *
 *   simulate [--config FILE] --scenario FILE [--phase S]                  one scenario, one phase (issue 4)
 *   simulate [--config FILE] (--package NAME... | --package-file PKG...)  a package transaction, swept over
 *            [--manager M|auto] [--distro D] [--phase S] [--step S]        every phase of Monit's cycle (issue 5)
 *
 * Reads the control file (default /etc/monitrc, then /etc/monit/monitrc) and checks it as `check`
 * does; a config Monit would reject is reported and nothing is simulated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { checkFile, isUnreadable } from '../check/api.js';
import type { Config } from '../config/model.js';
import { formatConcise } from '../report/check-report.js';
import { formatSweepJson, formatSweepText } from '../report/sweep-report.js';
import { formatTimelineJson, formatTimelineText } from '../report/timeline-report.js';
import { PackageFileError } from '../sim/packages/package-file.js';
import { DEFAULT_DISTRO, DISTROS, findDistro, findProfile, PROFILES } from '../sim/packages/profiles.js';
import { buildWorld, specFromProfile, type PackageSpec } from '../sim/packages/world.js';
import { failureProblem, FAILURES, MANAGERS, type ConffilePolicy, type Manager, type PlanFailure } from '../sim/plans/plan.js';
import { parseScenario, ScenarioError } from '../sim/scenario.js';
import { simulate } from '../sim/simulate.js';
import { guardEffect } from '../sim/guard.js';
import { pollOf, runPhase, sweep, type SweepResult } from '../sim/sweep.js';
import { isStrategy, STRATEGIES, type Strategy } from '../guard/types.js';
import type { Timeline } from '../sim/timeline.js';
import { colourLevel } from './color.js';
import { EXIT } from './exit.js';
import { detectHostManager, installedSpec, readPackageFile } from './package-tools.js';
import { realFs } from './real-fs.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface SimulateCliOptions {
  config?: string;
  scenario?: string;
  package?: string[];
  packageFile?: string[];
  manager: string;
  distro?: string;
  phase?: string;
  step: string;
  conffiles: ConffilePolicy;
  withGuard?: boolean | string;
  fail?: PlanFailure;
  monitStopped?: boolean;
  host?: boolean;
  format: 'text' | 'json';
  color?: boolean;
}

const DEFAULT_CONFIGS = ['/etc/monitrc', '/etc/monit/monitrc'];

/** Adds the `simulate` command; `setCode` receives its exit code. */
export function registerSimulate(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('simulate')
    .description('simulate what Monit does on a virtual host during a package upgrade (every phase of its cycle) or a scenario')
    .option('--config <file>', `the Monit control file (default: ${DEFAULT_CONFIGS.join(', then ')})`)
    .option('--scenario <file>', 'a scenario (YAML or JSON; see README "simulate")')
    .option('--package <name...>', `built-in package profiles to upgrade together: ${PROFILES.map((p) => p.id).join(', ')}`)
    .option('--package-file <file...>', 'real package files to upgrade together (.deb via dpkg-deb, .rpm via rpm)')
    .option('--manager <manager>', `the package manager: ${MANAGERS.join(', ')} or auto (this host's)`, 'auto')
    .option('--distro <id>', `the distribution (default: the manager's usual one): ${DISTROS.map((d) => d.id).join(', ')}`)
    .option('--phase <seconds>', "simulate only this phase: seconds from t = 0 to Monit's first pass at or after it, 0 ≤ S < poll")
    .option('--step <seconds>', 'distance between two phases of the sweep', '0.1')
    .addOption(new Option('--conffiles <policy>', "what the admin did to the package's configuration files").choices(['untouched', 'edited', 'edited-take-new']).default('edited'))
    .option('--host', 'read --package NAME from this host\'s package database (dpkg-query, rpm -q) instead of a built-in profile')
    .option('--with-guard [strategy]', `simulate monitlint's guard in the manager's hooks with this strategy (${STRATEGIES.join(' or ')}; bare: pause, the guard's default) and show which outcome classes it removes`)
    .option('--monit-stopped', 'Monit is not running when the transaction starts (the admin stopped it): a guard must leave it stopped')
    .addOption(new Option('--fail <what>', 'make the transaction go wrong (see README "simulate --with-guard")').choices([...FAILURES]))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action((opts: SimulateCliOptions) => {
      setCode(runSimulate(opts, io));
    });
}

function fail(io: Io, msg: string): number {
  io.stderr(`monitlint: ${msg}\n`);
  return EXIT.usage;
}

function runSimulate(opts: SimulateCliOptions, io: Io): number {
  const packageMode = (opts.package?.length ?? 0) > 0 || (opts.packageFile?.length ?? 0) > 0;
  if (opts.scenario !== undefined && packageMode) return fail(io, '--scenario cannot be combined with --package or --package-file');
  if (opts.scenario === undefined && !packageMode) return fail(io, 'simulate needs --package NAME, --package-file FILE or --scenario FILE');
  // A scenario writes its own events (a `guard` event runs the helper, README "Scenario format").
  if (opts.scenario !== undefined && (opts.withGuard !== undefined || opts.fail !== undefined || opts.monitStopped === true)) return fail(io, '--with-guard, --fail and --monit-stopped apply to --package and --package-file; a scenario states its own events');
  const phase = opts.phase === undefined ? undefined : Number(opts.phase);
  if (phase !== undefined && (!Number.isFinite(phase) || phase < 0)) return fail(io, `--phase must be a number of seconds ≥ 0, got '${opts.phase ?? ''}'`);
  const config = opts.config ?? DEFAULT_CONFIGS.find((f) => existsSync(f));
  if (config === undefined) return fail(io, `no control file: give --config FILE (none of ${DEFAULT_CONFIGS.join(', ')} exists)`);

  const cwd = process.cwd();
  const checked = checkFile(config, { fs: realFs, cwd });
  if (isUnreadable(checked)) return fail(io, `${checked.file}: ${checked.error}`);
  if (!checked.accepted || checked.parsed.parseErrors.length > 0) {
    io.stdout(formatConcise([{ file: checked.file, accepted: checked.accepted, diagnostics: checked.diagnostics }]));
    io.stderr(`monitlint: ${checked.file}: Monit would not start with this control file; nothing simulated\n`);
    // A package sweep uses exit 1 for "a phase is harmful", so a rejected config is bad input there.
    return packageMode ? EXIT.usage : EXIT.findings;
  }
  const cfg = checked.parsed.config;
  const poll = pollOf(cfg);
  if (phase !== undefined && phase >= poll) return fail(io, `--phase must be below the poll interval (${poll} s), got ${phase}`);
  const color = colourLevel(opts.color) === 1;
  try {
    return opts.scenario !== undefined ? runScenario(cfg, opts.scenario, phase ?? 0, opts.format, color, io) : runPackages(cfg, opts, phase, color, io);
  } catch (e) {
    // A bug in the simulator must still end in one line and exit 2, never a stack trace.
    return fail(io, `internal error while simulating: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function runScenario(cfg: Config, file: string, phase: number, format: 'text' | 'json', color: boolean, io: Io): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(io, `${file}: cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let scenario;
  try {
    scenario = parseScenario(file, text);
  } catch (e) {
    if (e instanceof ScenarioError) {
      io.stderr(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const timeline = simulate(cfg, scenario, { phase });
  io.stdout(format === 'json' ? formatTimelineJson(timeline) : formatTimelineText(timeline, { color }));
  return EXIT.ok;
}

function runPackages(cfg: Config, opts: SimulateCliOptions, phase: number | undefined, color: boolean, io: Io): number {
  let manager: Manager;
  let distroId = opts.distro;
  if (opts.manager === 'auto') {
    const d = detectHostManager();
    if (d === undefined) return fail(io, '--manager auto: no known package manager on this host; give --manager');
    manager = d.manager;
    distroId ??= d.distro;
  } else if ((MANAGERS as readonly string[]).includes(opts.manager)) {
    manager = opts.manager as Manager;
  } else {
    return fail(io, `unknown package manager '${opts.manager}' (expected one of: ${MANAGERS.join(', ')}, auto)`);
  }
  const distro = findDistro(distroId ?? DEFAULT_DISTRO[manager]);
  if (distro === undefined) return fail(io, `unknown distribution '${distroId ?? ''}' (expected one of: ${DISTROS.map((d) => d.id).join(', ')})`);
  const step = Number(opts.step);
  if (!Number.isFinite(step) || step <= 0) return fail(io, `--step must be a number of seconds > 0, got '${opts.step}'`);

  const specs: PackageSpec[] = [];
  for (const name of opts.host === true ? [] : opts.package ?? []) {
    const p = findProfile(name);
    if (p === undefined) return fail(io, `unknown package '${name}' (built-in profiles: ${PROFILES.map((x) => x.id).join(', ')}; or give --package-file)`);
    const spec = specFromProfile(p, distro);
    if (spec === undefined) return fail(io, `package '${name}' has no profile for ${distro.title}`);
    specs.push(spec);
  }
  for (const name of opts.host === true ? opts.package ?? [] : []) {
    try {
      specs.push(installedSpec(name, manager, distro));
    } catch (e) {
      if (e instanceof PackageFileError) return fail(io, e.message);
      throw e;
    }
  }
  for (const file of opts.packageFile ?? []) {
    try {
      specs.push(readPackageFile(file));
    } catch (e) {
      if (e instanceof PackageFileError) return fail(io, e.message);
      throw e;
    }
  }

  let strategy: Strategy | undefined;
  if (opts.withGuard === true) strategy = 'pause'; // the guard's own default (monitlint guard --strategy)
  else if (typeof opts.withGuard === 'string') {
    if (!isStrategy(opts.withGuard)) return fail(io, `--with-guard: unknown strategy '${opts.withGuard}' (expected one of: ${STRATEGIES.join(', ')})`);
    strategy = opts.withGuard;
  }
  if (opts.fail !== undefined) {
    const problem = failureProblem(manager, opts.fail);
    if (problem !== undefined) return fail(io, problem);
  }
  const base = { manager, distro, conffiles: opts.conffiles, until: 0, ...(opts.fail !== undefined ? { failure: opts.fail } : {}), ...(opts.monitStopped === true ? { monitRunning: false } : {}) };
  const world = buildWorld(cfg, specs, { ...base, ...(strategy !== undefined ? { guard: strategy } : {}) });
  const total = (phase !== undefined ? 1 : Math.max(1, Math.round(pollOf(cfg) / step))) * (strategy !== undefined ? 2 : 1);
  // A progress indicator on a terminal only, for sweeps that take a while.
  const tty = process.stderr.isTTY === true && opts.format === 'text' && total >= 100;
  let done0 = 0;
  const run = (w: typeof world): SweepResult => sweep(cfg, w, {
    step,
    ...(phase !== undefined ? { phases: [phase] } : {}),
    ...(tty ? { onProgress: (done: number, n: number) => { const d = done0 + done; if (d % 20 === 0 || done === n) io.stderr(`\rsimulating phase ${d}/${total}${d >= total ? '\r\x1b[K' : ''}`); if (done === n) done0 += n; } } : {}),
  });
  // With a guard, the same transaction without it first: what the guard removes is the difference.
  const unguarded = strategy !== undefined ? run(buildWorld(cfg, specs, base)) : undefined;
  const result = run(world);
  const timelines = new Map<number, Timeline>();
  for (const k of result.classes) if (!timelines.has(k.representative)) timelines.set(k.representative, runPhase(cfg, world, k.representative).timeline);
  const input = { result, matches: world.matches, timelines, files: cfg.files, ...(strategy !== undefined && unguarded !== undefined ? { guard: guardEffect(strategy, unguarded, result) } : {}) };
  io.stdout(opts.format === 'json' ? formatSweepJson(input) : formatSweepText(input, { color }));
  return result.harmful ? EXIT.findings : EXIT.ok;
}
