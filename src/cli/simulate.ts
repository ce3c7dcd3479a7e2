/**
 * `monitlint simulate --config FILE --scenario FILE [--phase S] [--format text|json]`: wiring only.
 * Reads the two files from the real disk, checks the config as `check` does (a config Monit would
 * reject is reported and nothing is simulated), then runs the simulator on its virtual host.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { checkFile, isUnreadable } from '../check/api.js';
import { formatConcise } from '../report/check-report.js';
import { formatTimelineJson, formatTimelineText } from '../report/timeline-report.js';
import { parseScenario, ScenarioError } from '../sim/scenario.js';
import { simulate } from '../sim/simulate.js';
import { colourLevel } from './color.js';
import { EXIT } from './exit.js';
import { realFs } from './real-fs.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface SimulateCliOptions {
  config: string;
  scenario: string;
  phase: string;
  format: 'text' | 'json';
  color?: boolean;
}

/** Adds the `simulate` command; `setCode` receives its exit code. */
export function registerSimulate(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('simulate')
    .description('simulate what Monit does on a virtual host while a scenario (e.g. a package upgrade) runs')
    .requiredOption('--config <file>', 'the Monit control file')
    .requiredOption('--scenario <file>', 'the scenario (YAML or JSON; see README "simulate")')
    .option('--phase <seconds>', "seconds from t = 0 to Monit's first pass at or after it, 0 ≤ S < poll", '0')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action((opts: SimulateCliOptions) => {
      setCode(runSimulate(opts, io));
    });
}

function runSimulate(opts: SimulateCliOptions, io: Io): number {
  const cwd = process.cwd();
  const phase = Number(opts.phase);
  if (!Number.isFinite(phase) || phase < 0) {
    io.stderr(`monitlint: --phase must be a number of seconds ≥ 0, got '${opts.phase}'\n`);
    return EXIT.usage;
  }
  const checked = checkFile(opts.config, { fs: realFs, cwd });
  if (isUnreadable(checked)) {
    io.stderr(`monitlint: ${checked.file}: ${checked.error}\n`);
    return EXIT.usage;
  }
  if (!checked.accepted || checked.parsed.parseErrors.length > 0) {
    io.stdout(formatConcise([{ file: checked.file, accepted: checked.accepted, diagnostics: checked.diagnostics }]));
    io.stderr(`monitlint: ${checked.file}: Monit would not start with this control file; nothing simulated\n`);
    return EXIT.findings;
  }
  let text: string;
  try {
    text = readFileSync(opts.scenario, 'utf8');
  } catch (e) {
    io.stderr(`monitlint: ${opts.scenario}: cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return EXIT.usage;
  }
  let scenario;
  try {
    scenario = parseScenario(opts.scenario, text);
  } catch (e) {
    if (e instanceof ScenarioError) {
      io.stderr(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const poll = checked.parsed.config.settings.daemon?.interval.value ?? 120;
  if (phase >= poll) {
    io.stderr(`monitlint: --phase must be below the poll interval (${poll} s), got ${phase}\n`);
    return EXIT.usage;
  }
  let timeline;
  try {
    timeline = simulate(checked.parsed.config, scenario, { phase });
  } catch (e) {
    // A bug in the simulator must still end in one line and exit 2, never a stack trace.
    io.stderr(`monitlint: internal error while simulating: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
  io.stdout(opts.format === 'json' ? formatTimelineJson(timeline) : formatTimelineText(timeline, { color: colourLevel(opts.color) === 1 }));
  return EXIT.ok;
}
