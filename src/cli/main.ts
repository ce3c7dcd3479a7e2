/**
 * The command line: commander wiring only. Parses options, calls the stages, picks the reporter,
 * sets the exit code. The only module that touches `process`, the terminal and the real disk.
 */
import { hostname } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { checkFile, isUnreadable } from '../check/api.js';
import { formatConcise, formatJson, type CheckedFile } from '../report/check-report.js';
import { EXIT } from './exit.js';
import { registerGuard } from './guard.js';
import { realFs } from './real-fs.js';
import { resolvesHostName } from './real-host.js';

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
    .action((files: string[], opts: { root?: string; hostChecks: boolean; format: 'concise' | 'json' }) => {
      code = runCheck(files, opts, io);
    });

  registerGuard(program, io, (c) => { code = c; });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  return code;
}

function runCheck(files: string[], opts: { root?: string; hostChecks: boolean; format: 'concise' | 'json' }, io: Io): number {
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
    results.push({ file: r.file, accepted: r.accepted, diagnostics: r.diagnostics });
  }
  io.stdout(opts.format === 'json' ? formatJson(results) : formatConcise(results));
  if (unreadable) return EXIT.usage;
  return results.every((r) => r.accepted) ? EXIT.ok : EXIT.findings;
}
