/**
 * The command line: commander wiring only. Parses options, calls the stages, picks the reporter,
 * sets the exit code. The only module that touches `process`, the terminal and the real disk.
 */
import { cpus, hostname } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { checkFile, isUnreadable } from '../check/api.js';
import { mapPath } from '../config/load.js';
import { formatConcise, formatJson, type CheckedFile } from '../report/check-report.js';
import { dumpHostFromFs, dumpServiceList } from '../report/dump.js';
import { EXIT } from './exit.js';
import { registerGuard } from './guard.js';
import { registerLint } from './lint.js';
import { realFs } from './real-fs.js';
import { resolvesHostName } from './real-host.js';
import { registerSimulate } from './simulate.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('monitlint')
    .description('Lint Monit control files with monit -t parity, and keep Monit safe beside package managers.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('check')
    .description('check each FILE as its own control file, as `monit -t -c FILE` would')
    .argument('<file...>', 'control files')
    .option('--root <dir>', 'map absolute paths (includes, programs, files) into this directory')
    .option('--no-host-checks', 'skip the checks that depend on this machine (users, programs, log directory, file permissions)')
    .addOption(new Option('--format <format>', 'output format').choices(['concise', 'json']).default('concise'))
    .option('--dump', 'also print the service list of each accepted file, as `monit -v -t` does')
    .action((files: string[], opts: CheckCliOptions) => {
      code = runCheck(files, opts, io);
    });

  registerLint(program, io, (c) => { code = c; });
  registerSimulate(program, io, (c) => { code = c; });
  registerGuard(program, io, (c) => { code = c; });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  return code;
}

interface CheckCliOptions {
  root?: string;
  hostChecks: boolean;
  format: 'concise' | 'json';
  dump?: boolean;
}

function runCheck(files: string[], opts: CheckCliOptions, io: Io): number {
  const cwd = process.cwd();
  const results: CheckedFile[] = [];
  let unreadable = false;
  for (const file of files) {
    const r = checkFile(file, {
      fs: realFs,
      cwd,
      ...(opts.root ? { root: opts.root } : {}),
      ...(opts.hostChecks ? { host: { uid: process.getuid?.() ?? 0, hostname: hostname(), resolves: resolvesHostName } } : {}),
    });
    if (isUnreadable(r)) {
      io.stderr(`monitlint: ${r.file}: ${r.error}\n`);
      unreadable = true;
      continue;
    }
    const checked: CheckedFile = { file: r.file, accepted: r.accepted, diagnostics: r.diagnostics };
    // Like monit -v -t, a rejected file has no service list.
    if (opts.dump && r.accepted) {
      const host = dumpHostFromFs(realFs, { hostname: hostname(), cpuCount: cpus().length, mapPath: (p) => mapPath(p, { cwd, ...(opts.root ? { root: opts.root } : {}) }) });
      checked.dump = dumpServiceList(r.parsed.config, host);
    }
    results.push(checked);
  }
  io.stdout(opts.format === 'json' ? formatJson(results) : formatConcise(results));
  if (unreadable) return EXIT.usage;
  return results.every((r) => r.accepted) ? EXIT.ok : EXIT.findings;
}
