/**
 * The process entry of the shipped bundle (dist/monitlint.cjs), run by bin/monitlint.
 *
 * Start-up is most of a one-file run, so the bundle doubles as a V8 start-up snapshot builder
 * (`node --build-snapshot`, see scripts/bundle.ts): while the snapshot is built, the parser is
 * constructed (Chevrotain's grammar analysis) and the heap is frozen; a run from the snapshot
 * starts with all of that done and only calls `main`. Without a usable snapshot the same file
 * runs as a plain script. Nothing here may read the environment, the terminal or the clock at
 * module load: in a snapshot those values would be the build machine's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { lex } from '../../grammar/lexer.js';
import { parseTokens } from '../../grammar/parser.js';
import { main } from './main.js';

function run(args: string[]): void {
  main(args).then(
    (code) => {
      process.exitCode = code;
      // Done: leave now rather than let node tear the heap down object by object (~30 ms after
      // a 20,000-service file). Only when nothing is still queued for stdout or stderr (on Linux
      // pipes and files are written synchronously, so this is the usual case); else node exits
      // by itself once the writes are done.
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    },
    (err: unknown) => {
      // main maps every expected failure to a message and an exit code; this is the last guard.
      process.stderr.write(`monitlint: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * Statements most control files use. Parsing them while the snapshot is built makes Chevrotain
 * build the lookahead functions of those productions (it does so lazily, grammar/lazy-lookahead.ts),
 * so they are in the snapshot too. Only speed depends on this text, never a result.
 */
const WARM_UP = `
set daemon 30 with start delay 10
set log syslog
set pidfile /var/run/monit.pid
set mailserver localhost port 25
set alert root@localhost not on { instance }
set httpd unixsocket /run/monit.sock allow localhost allow admin:secret
check system localhost
  if loadavg (5min) > 4 for 3 cycles then alert
  if memory usage > 90% then alert
check process sshd with pidfile /var/run/sshd.pid
  start program = "/usr/sbin/service ssh start" with timeout 60 seconds
  stop program = "/usr/sbin/service ssh stop"
  if failed host 127.0.0.1 port 22 protocol ssh with timeout 5 seconds for 2 cycles then restart
  if cpu > 80% for 5 cycles then alert
  if 5 restarts within 5 cycles then unmonitor
  depends on sshd_bin
  group ssh
check file sshd_bin with path /usr/sbin/sshd
  if failed checksum then unmonitor
  if failed permission 755 then unmonitor
  if failed uid root then unmonitor
check filesystem rootfs with path /
  if space usage > 90% then alert
check host web with address 127.0.0.1
  if failed port 80 protocol http request "/" then alert
check program backup with path "/usr/local/bin/backup" every "0 3 * * *"
  if status != 0 then alert
include /etc/monit/conf.d/*
`;

/**
 * Runs `check` and `lint` once on a small file while the snapshot is built, output discarded, so
 * that V8 has compiled the code of the whole command path (commander, the loader, the checks,
 * the reporters) and the snapshot keeps it: a one-service check then starts about 5 ms sooner
 * (README, "Speed"). Only options that leave this machine alone: no host checks, no
 * `.monitlint.yaml` lookup, nothing cached across runs.
 */
async function warmUpCommands(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'monitlint-snapshot-'));
  try {
    const file = join(dir, 'monitrc');
    writeFileSync(file, 'set daemon 30\ncheck process sshd with pidfile /var/run/sshd.pid\n  if failed port 22 then restart\n', { mode: 0o600 });
    const discard = { stdout: () => {}, stderr: () => {} };
    for (let i = 0; i < 2; i++) {
      await main(['check', '--no-host-checks', file], discard);
      await main(['lint', '--no-config', '--format', 'concise', file], discard);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (startupSnapshot.isBuildingSnapshot()) {
  parseTokens(lex('/etc/monitrc', WARM_UP).tokens);
  void warmUpCommands();
  // From a snapshot, argv is [node, ...args]: the launcher passes `--` and no script path.
  startupSnapshot.setDeserializeMainFunction(() => run(process.argv.slice(1)));
} else {
  run(process.argv.slice(2));
}
