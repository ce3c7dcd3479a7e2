/**
 * Benchmark: `monit -t` against `monitlint check` on generated control files of growing size.
 *
 *   npm run bench          (= tsc, then node --expose-gc dist/bench/run.js)
 *
 * Prints a table and writes bench/results/latest.json. Imports only Node built-ins and
 * ./generate.js, so it runs from dist/ without the test tree. monitlint is run through its CLI
 * as a child process; when that fails (not built yet, crash, timeout) its cells read n/a.
 *
 * Peak memory is the child's own peak RSS, read by a small parent that reaps it:
 * - GNU time (`/usr/bin/time -f %M`), if installed; or
 * - python3 with os.wait4(), which returns the rusage of exactly that child.
 * Either way the number is ru_maxrss of the child, which on Linux also covers the memory image
 * the child had between fork and exec, i.e. a copy of the wrapper. So a measurement cannot be
 * below the wrapper's own size: the "floor" printed with the table (about 1 MB for GNU time,
 * about 10 MB for python3). Node itself cannot be the reaper: a child forked from this
 * process would inherit this process's RSS as its floor.
 *
 * Environment: MONITLINT_BENCH_SIZES=1,100 overrides the sizes (for a quick try);
 * MONITLINT_BENCH_RSS=gnu-time|python3-wait4|none forces a way to read peak RSS;
 * MONIT_BIN chooses the monit binary.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConfig } from './generate.js';
import { runLintBench } from './lint.js';

const SIZES = [1, 2500, 5000, 10_000, 20_000];
/** Every size runs three times and reports medians, 20,000 too (monit alone takes about 12 s
 * there): the 10x target is judged at 20,000, and one run of either program can be an outlier. */
const RUNS = 3;
const SEED = 1;
const CHILD_TIMEOUT_MS = 120_000;

/** The repository root: the nearest directory above this file with a package.json (this file
 * runs as <root>/dist/bench/run.js, or as <root>/bench/run.ts under tsx). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the repository root (no package.json above this file)');
    dir = up;
  }
  return dir;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------
// Measuring one child process
// ------------------------------------------------------------------------------------------

type RssMethod = 'gnu-time' | 'python3-wait4' | 'none';

interface Measurement {
  wallMs: number;
  peakKb: number | null;
  exitCode: number | null;
  timedOut: boolean;
  stderrTail: string;
}

/** python3: fork, exec, wait4 the child; report its ru_maxrss (KB) and wall time to a file. */
const PY_WAIT4 = `
import os, sys, time
out = sys.argv[1]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = (time.perf_counter() - t0) * 1000
with open(out, "w") as f:
    f.write("%d %.3f\\n" % (ru.ru_maxrss, wall))
sys.exit(os.waitstatus_to_exitcode(status))
`;

function isGnuTime(path: string): boolean {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return `${r.stdout}${r.stderr}`.includes('GNU');
}

function chooseRssMethod(): RssMethod {
  const forced = process.env.MONITLINT_BENCH_RSS;
  if (forced === 'gnu-time' || forced === 'python3-wait4' || forced === 'none') return forced;
  if (isGnuTime('/usr/bin/time')) return 'gnu-time';
  const py = onPath('python3');
  if (py !== null && spawnSync(py, ['-c', 'import os; os.wait4'], { timeout: 5000 }).status === 0) return 'python3-wait4';
  return 'none';
}

function tail(s: string, lines = 3): string {
  return s.trim().split('\n').slice(-lines).join('\n');
}

/** Runs argv once under the RSS wrapper; wall time is taken around the child only where possible. */
function measureOnce(argv: readonly string[], method: RssMethod, scratch: string, cwd: string): Measurement {
  const report = join(scratch, 'rss-report');
  rmSync(report, { force: true });
  // coreutils `timeout` is the innermost wrapper: killing the RSS wrapper from here would leave
  // the measured process running. It exits 124 when the time is up.
  const limited = ['timeout', '--kill-after=5', String(CHILD_TIMEOUT_MS / 1000), ...argv];
  let cmd: string[];
  if (method === 'gnu-time') cmd = ['/usr/bin/time', '-f', '%M', '-o', report, ...limited];
  else if (method === 'python3-wait4') cmd = ['python3', '-c', PY_WAIT4, report, ...limited];
  else cmd = limited;
  const started = process.hrtime.bigint();
  // The outer timeout is only a last resort should a wrapper itself hang.
  const r = spawnSync(cmd[0] ?? '', cmd.slice(1), { cwd, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS + 15_000, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 });
  let wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let peakKb: number | null = null;
  try {
    const fields = readFileSync(report, 'utf8').trim().split(/\s+/);
    // GNU time may print "Command exited with non-zero status N" before the number.
    const kb = Number(method === 'gnu-time' ? fields[fields.length - 1] : fields[0]);
    if (Number.isFinite(kb) && kb > 0) peakKb = kb;
    // python's own wall time leaves out its start-up (about 20 ms).
    if (method === 'python3-wait4' && fields[1] !== undefined) wallMs = Number(fields[1]);
  } catch {
    // no report: the wrapper was killed or is missing
  }
  const timedOut = r.status === 124 || (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT');
  return { wallMs, peakKb, exitCode: r.status, timedOut, stderrTail: tail(`${r.stderr ?? ''}${r.error ? String(r.error) : ''}`) };
}

interface Summary {
  /** Median wall time in ms, null if any run failed. */
  wallMs: number | null;
  /** Highest peak RSS seen over the runs, KB. */
  peakKb: number | null;
  runs: number;
  exitCodes: (number | null)[];
  ok: boolean;
  error?: string;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs argv `runs` times; `okCodes` are the exit codes that count as a completed run. */
function measure(argv: readonly string[], runs: number, okCodes: readonly number[], method: RssMethod, scratch: string, cwd: string): Summary {
  const ms: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage(); // keep this process's garbage from competing with the child
    const m = measureOnce(argv, method, scratch, cwd);
    ms.push(m);
    if (m.timedOut || m.exitCode === null || !okCodes.includes(m.exitCode)) break; // no point repeating a failure
  }
  const ok = ms.length === runs && ms.every((m) => !m.timedOut && m.exitCode !== null && okCodes.includes(m.exitCode));
  const peaks = ms.map((m) => m.peakKb).filter((k): k is number => k !== null);
  const last = ms[ms.length - 1];
  return {
    wallMs: ok ? median(ms.map((m) => m.wallMs)) : null,
    peakKb: ok && peaks.length > 0 ? Math.max(...peaks) : null,
    runs: ms.length,
    exitCodes: ms.map((m) => m.exitCode),
    ok,
    ...(ok || last === undefined ? {} : { error: last.timedOut ? `timed out after ${CHILD_TIMEOUT_MS / 1000} s` : `exit ${String(last.exitCode)}: ${last.stderrTail}` }),
  };
}

// ------------------------------------------------------------------------------------------
// The benchmark
// ------------------------------------------------------------------------------------------

interface Row {
  n: number;
  bytes: number;
  monit: Summary;
  monitlint: Summary;
}

interface Context {
  root: string;
  monit: string | null;
  method: RssMethod;
  scratch: string;
}

/**
 * Writes the n-service file. The idfile line points monit at a pre-created id file in the
 * scratch directory, so that `monit -t` neither creates ~/.monit.id nor logs "New Monit id".
 */
function writeInput(ctx: Context, n: number): { file: string; bytes: number } {
  const idFile = join(ctx.scratch, 'monit.id');
  writeFileSync(idFile, '6d6f6e69746c696e7462656e63686d6b\n', { mode: 0o600 });
  const text = `set idfile ${idFile}\n${generateConfig(n, SEED)}`;
  const file = join(ctx.scratch, `bench-${n}.monitrc`);
  writeFileSync(file, text, { mode: 0o600 }); // monit -t refuses files wider than 0700
  return { file, bytes: Buffer.byteLength(text) };
}

function runSize(ctx: Context, n: number): Row {
  const { file, bytes } = writeInput(ctx, n);
  const runs = RUNS;
  const monitArgv = ctx.monit === null ? null : [ctx.monit, '-t', '-c', file, '-p', join(ctx.scratch, 'monit.pid'), '-s', join(ctx.scratch, 'monit.state')];
  const monit: Summary = monitArgv === null ? { wallMs: null, peakKb: null, runs: 0, exitCodes: [], ok: false, error: 'monit not found' } : measure(monitArgv, runs, [0], ctx.method, ctx.scratch, ctx.scratch);
  if (monitArgv !== null && !monit.ok) process.stderr.write(`warning: monit did not accept the ${n}-service file: ${monit.error ?? ''}\n`);
  // Exit 1 would mean "findings"; a crash, a missing build or a usage error is 2 or more.
  const monitlint = measure([join(ctx.root, 'bin', 'monitlint'), 'check', '--no-host-checks', file], runs, [0, 1], ctx.method, ctx.scratch, ctx.root);
  rmSync(file, { force: true });
  return { n, bytes, monit, monitlint };
}

// ------------------------------------------------------------------------------------------
// Output
// ------------------------------------------------------------------------------------------

const fmtMs = (ms: number | null): string => (ms === null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtMb = (kb: number | null): string => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)}`);
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
const fmtRatio = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(2)}x`);

function printTable(rows: readonly Row[]): void {
  const header = ['n', 'monit wall', 'monit peak MB', 'monitlint wall', 'monitlint peak MB', 'monit/monitlint'];
  const body = rows.map((r) => [String(r.n), fmtMs(r.monit.wallMs), fmtMb(r.monit.peakKb), fmtMs(r.monitlint.wallMs), fmtMb(r.monitlint.peakKb), fmtRatio(ratio(r.monit.wallMs, r.monitlint.wallMs))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

/** monitlint's time per service beyond its fixed start-up (the 1-service time). */
function perService(row: Row | undefined, one: Row | undefined): number | null {
  if (row === undefined || row.monitlint.wallMs === null) return null;
  const fixed = one?.monitlint.wallMs ?? 0;
  return (row.monitlint.wallMs - fixed) / Math.max(1, row.n - (one ? 1 : 0));
}

/**
 * Start-up: `node -e 0` and monitlint on a 1-service file, alternated so that both see the same
 * machine load, ROUNDS times each; medians of plain wall time (no RSS wrapper around either).
 */
function startupComparison(ctx: Context): { nodeMs: number; monitlintMs: number; rounds: number } {
  const ROUNDS = 21;
  const file = join(ctx.scratch, 'startup.monitrc');
  writeFileSync(file, 'check process sshd matching "sshd"\n', { mode: 0o600 });
  const wall = (cmd: string, args: string[]): number => {
    const t0 = process.hrtime.bigint();
    spawnSync(cmd, args, { cwd: ctx.scratch, stdio: 'ignore', timeout: 30_000 });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const nodeMs: number[] = [];
  const monitlintMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    collectGarbage();
    nodeMs.push(wall(process.execPath, ['-e', '0']));
    monitlintMs.push(wall(join(ctx.root, 'bin', 'monitlint'), ['check', '--no-host-checks', file]));
  }
  return { nodeMs: median(nodeMs), monitlintMs: median(monitlintMs), rounds: ROUNDS };
}

function main(): void {
  const root = repoRoot();
  const sizes = process.env.MONITLINT_BENCH_SIZES?.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 0) ?? SIZES;
  const monit = process.env.MONIT_BIN !== undefined && process.env.MONIT_BIN !== '' ? process.env.MONIT_BIN : onPath('monit');
  const method = chooseRssMethod();
  const scratch = mkdtempSync(join(tmpdir(), 'monitlint-bench-'));
  const ctx: Context = { root, monit, method, scratch };
  const started = Date.now();
  try {
    const monitVersion = monit === null ? null : (spawnSync(monit, ['-V'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '').split('\n')[0] ?? null;
    const floor = measure(['/bin/true'], 1, [0], method, scratch, scratch).peakKb;
    const nodeBaseline = measure([process.execPath, '-e', '0'], 5, [0], method, scratch, scratch);
    console.log(`monit: ${monitVersion ?? 'not found'}; node ${process.version}; peak RSS via ${method}${floor === null ? '' : ` (floor ${fmtMb(floor)} MB)`}`);
    const rows: Row[] = [];
    for (const n of sizes) {
      process.stderr.write(`n=${n} ...\n`);
      rows.push(runSize(ctx, n));
    }
    console.log('');
    printTable(rows);
    const one = rows.find((r) => r.n === 1);
    const startup = startupComparison(ctx);
    const startupRatio = ratio(startup.monitlintMs, startup.nodeMs);
    const linearity = ratio(perService(rows.find((r) => r.n === 20_000), one), perService(rows.find((r) => r.n === 2500), one));
    const at20000 = rows.find((r) => r.n === 20_000);
    console.log('');
    console.log(`start-up (medians of ${startup.rounds} alternated runs): node -e 0 ${fmtMs(startup.nodeMs)}, monitlint on 1 service ${fmtMs(startup.monitlintMs)}: ${fmtRatio(startupRatio)} (target <= 1.50x)`);
    console.log(`linearity: monitlint time per service beyond start-up, at 20000 / at 2500 = ${fmtRatio(linearity)} (1.00x = linear)`);
    if (at20000) console.log(`at 20000 services: monit -t / monitlint = ${fmtRatio(ratio(at20000.monit.wallMs, at20000.monitlint.wallMs))} (target >= 10x)`);
    for (const r of rows) if (!r.monitlint.ok) console.log(`monitlint n=${r.n}: n/a (${r.monitlint.error ?? 'failed'})`);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      monit: monitVersion,
      rssMethod: method,
      rssFloorKb: floor,
      seed: SEED,
      nodeBaseline,
      startup,
      rows,
      monitlintStartupVsNode: startupRatio,
      linearity20000vs2500: linearity,
      totalSeconds: (Date.now() - started) / 1000,
    };
    const outDir = join(root, 'bench', 'results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${join(outDir, 'latest.json')} (${result.totalSeconds.toFixed(0)} s in all)`);
    runLintBench(root, monit);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
