/**
 * The oracle: runs the real `monit -t` (Monit 5.33) on a control file and reports what it said,
 * split into errors and warnings, so tests can hold monitlint to monit's verdicts.
 *
 * Facts about monit 5.33 this module is built on (each checked by experiment on this machine):
 *
 * - `monit -t` refuses a control file that is not owned by the effective user or has permission
 *   bits beyond 0700, so every input is first copied into a fresh temporary directory, mode 0600,
 *   under its original basename.
 * - monit prints the control file as its *real path* (`/tmp/monitlint-oracle-XXXX/0008.monitrc:114:
 *   …`) even when `-c` is relative. The corpus verdicts show it as `0008.monitrc:114: …`, so the
 *   temporary directory prefix is stripped from the output.
 * - Relative `include` paths resolve against the process cwd; monit runs with cwd = the temporary
 *   directory unless the caller says otherwise.
 * - There is no option to choose the id file: `-i` is the short form of `--id` ("print Monit's
 *   unique ID") and makes monit skip the syntax check altogether. The id file is `~/.monit.id` of
 *   the passwd entry (not $HOME) unless the control file says `set idfile`. `-p` (pid file) and
 *   `-s` (state file) do exist and are pointed into the temporary directory.
 * - `monit -t` *writes*: it creates the id file and opens (creates) the log file named in the
 *   control file (`set logfile /var/log/monit.log`, `set idfile /var/lib/monit/id`, …; the corpus
 *   is full of those). To keep every run from touching the machine, and from seeing what an earlier
 *   run left behind, monit runs in a private mount namespace in which the whole file tree is a
 *   throwaway overlay (see `SANDBOX_SCRIPT`), like the corpus verdicts were made. Where that is not
 *   possible (no root, no user namespaces) it runs unsandboxed after a loud warning.
 * - Errors and warnings are printed alike (`FILE:LINE: MESSAGE 'TEXT'` or a bare message); the
 *   exit status is 1 if any error was counted. Which message is a warning is decided by the
 *   catalogue `WARNING_PATTERNS` (monit's `yywarning*()`/`LogWarning`/`LogInfo` calls), and a
 *   message not in the catalogue is a warning exactly when the file was accepted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

// ---------------------------------------------------------------------------------------------
// Environment: CI detection and loud warnings (shared with corpus.ts)
// ---------------------------------------------------------------------------------------------

/** CI sets CI=true; a developer may export CI=0/false to opt out of the strict behaviour. */
export function isCI(): boolean {
  const v = process.env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

const warnedAlready = new Set<string>();

/** A warning that is hard to miss in test output, printed once per process per key. */
export function warnLoudly(key: string, lines: readonly string[]): void {
  if (warnedAlready.has(key)) return;
  warnedAlready.add(key);
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n\n`);
}

// ---------------------------------------------------------------------------------------------
// Finding monit
// ---------------------------------------------------------------------------------------------

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** PATH lookup, like `command -v`. */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * The monit binary: `$MONIT_BIN` if set (a path, or a name looked up on PATH), else `monit` on
 * PATH; null if that is not an executable file. A MONIT_BIN that is wrong is not silently
 * replaced by another monit.
 */
export function findMonit(): string | null {
  const fromEnv = process.env.MONIT_BIN;
  if (fromEnv === undefined || fromEnv === '') return findExecutable('monit');
  if (!fromEnv.includes('/')) return findExecutable(fromEnv);
  return isExecutableFile(fromEnv) ? fromEnv : null;
}

const MISSING_MONIT = [
  'monit was not found (looked at $MONIT_BIN, then PATH).',
  'Tests that compare monitlint with the real `monit -t` are SKIPPED.',
  'Install it (Debian: apt-get install monit) or set MONIT_BIN=/path/to/monit.',
  'In CI (CI is set) this is an error, not a skip.',
];

/**
 * The monit binary, or null (after a loud warning) when it is missing on a developer machine.
 * In CI a missing monit throws: the parity tests must fail there, never silently skip.
 */
export function requireMonit(): string | null {
  const bin = findMonit();
  if (bin !== null) return bin;
  if (isCI()) throw new Error(`monit is required in CI: ${MISSING_MONIT[0]}`);
  warnLoudly('missing-monit', MISSING_MONIT);
  return null;
}

/**
 * `describe` for tests that need the real monit. The body receives the monit path.
 * Missing monit: locally the suite is skipped (after a loud warning); in CI the suite holds one
 * failing test that says why. Note that vitest still calls the body of a skipped suite to collect
 * its tests, so the body must only register tests and hooks, never run monit itself.
 */
export function monitSuite(name: string, body: (monitBin: string) => void): void {
  requiringSuite(name, 'the real monit', requireMonit, body);
}

/**
 * `describe` for tests that need `what`: `require` returns it, null to skip locally (after its own
 * loud warning), or throws in CI, which becomes one failing test that says why.
 */
export function requiringSuite<T>(name: string, what: string, require: () => T | null, body: (value: T) => void): void {
  let value: T | null;
  try {
    value = require();
  } catch (err) {
    describe(name, () => {
      it(`needs ${what}`, () => {
        throw err;
      });
    });
    return;
  }
  describe.skipIf(value === null)(name, () => {
    if (value !== null) body(value);
  });
}

const versionCache = new Map<string, string>();

/** First line of `monit -V`, e.g. `This is Monit version 5.33.0`. Part of the cache key. */
export function monitVersion(bin: string = findMonitOrThrow()): string {
  const cached = versionCache.get(bin);
  if (cached !== undefined) return cached;
  const r = spawnSync(bin, ['-V'], { encoding: 'utf8', timeout: 10_000 });
  const line = `${r.stdout ?? ''}`.split('\n')[0]?.trim() ?? '';
  if (r.status !== 0 || line === '') throw new Error(`${bin} -V failed: ${r.stderr ?? r.error?.message ?? ''}`);
  versionCache.set(bin, line);
  return line;
}

function findMonitOrThrow(): string {
  const bin = findMonit();
  if (bin === null) throw new Error(MISSING_MONIT[0]);
  return bin;
}

// ---------------------------------------------------------------------------------------------
// The sandbox
// ---------------------------------------------------------------------------------------------

/**
 * - `mount-ns`: root; a private mount namespace (`unshare --mount`).
 * - `userns`: not root; a user namespace mapped to root plus a mount namespace. monit then runs
 *   as uid 0 inside it, which is also how the corpus verdicts were made.
 * - `none`: no isolation; monit may create the log and id files the control file names.
 */
export type SandboxMode = 'mount-ns' | 'userns' | 'none';

/**
 * Runs inside the new mount namespace. Arguments: STORE CWD {rbind|mirror PATH}… -- COMMAND….
 * STORE (an empty directory inside our temporary directory) gets a tmpfs that holds the upper
 * layers; `/` and every other real mount become overlays whose writes land there and vanish with
 * the namespace; /proc and /sys are bound as they are. Then monit runs chrooted into that copy,
 * so every path (including its cwd) is the same as outside. Its stderr goes to its stdout so the
 * order of the two streams is kept, as in a terminal (and as in VERDICTS_OUTPUT.tsv); the
 * script's own complaints stay on stderr.
 *
 * A mount that cannot be mirrored is left as the empty directory of the root overlay: writes
 * there are still caught by that overlay, so a failure costs fidelity, never isolation.
 * The default id file is created in the copy if missing, because the corpus host had one
 * (otherwise every run would print `New Monit id`).
 */
const SANDBOX_SCRIPT = `
set -eu
PATH=$PATH:/usr/sbin:/sbin
store=$1; cwd=$2; shift 2
root=$store/root
mount -t tmpfs -o mode=0700 monitlint-oracle "$store"
mkdir "$store/upper" "$store/work" "$root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$store/upper,workdir=$store/work" "$root"
n=0
overlay() {
  n=$((n + 1)); mkdir "$store/u$n" "$store/w$n"
  mount -t overlay overlay -o "lowerdir=$1,upperdir=$store/u$n,workdir=$store/w$n" "$root$1"
}
robind() { mount --bind "$1" "$root$1" && mount -o remount,bind,ro "$root$1"; }
while [ "$1" != "--" ]; do
  case $1 in
    rbind) if [ -d "$root$2" ]; then mount --rbind "$2" "$root$2"; fi ;;
    mirror)
      if [ -d "$2" ]; then overlay "$2" 2>/dev/null || robind "$2" 2>/dev/null || true
      elif [ -e "$root$2" ]; then robind "$2" 2>/dev/null || true
      fi ;;
  esac
  shift 2
done
shift
home=$(getent passwd "$(id -u)" | cut -d: -f6) || home=
if [ -n "$home" ] && [ -d "$root$home" ] && [ ! -e "$root$home/.monit.id" ]; then
  printf '%s\\n' 6d6f6e69746c696e74206f7261636c65 > "$root$home/.monit.id"
  chmod 600 "$root$home/.monit.id"
fi
exec chroot "$root" /bin/sh -c 'cd "$1" && shift && exec "$@" 2>&1' sh "$cwd" "$@"
`;

/** Decodes the octal escapes (`\\040` for a space) of /proc/self/mountinfo. */
function unescapeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Mount points that need mirroring, parents before children, from /proc/self/mountinfo. */
function mirrorPlan(): string[] {
  let info: string;
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const plan: string[] = ['rbind', '/proc', 'rbind', '/sys'];
  const seen = new Set<string>();
  for (const line of info.split('\n')) {
    const field = line.split(' ')[4];
    if (field === undefined) continue;
    const mp = unescapeMountPath(field);
    // `/` is the base overlay; /proc and /sys come with their submounts via rbind; paths with
    // `,` or `:` cannot be written into overlay's mount options.
    if (mp === '/' || /^\/(proc|sys)(\/|$)/.test(mp) || /[,:\n]/.test(mp) || seen.has(mp)) continue;
    seen.add(mp);
    plan.push('mirror', mp);
  }
  return plan;
}

function unshareArgs(mode: SandboxMode): string[] {
  const common = ['--mount', '--propagation', 'private'];
  return mode === 'userns' ? ['--user', '--map-root-user', ...common] : common;
}

/** argv that runs `command` with cwd `cwd`, sandboxed per `mode`, stderr merged into stdout. */
function wrapCommand(mode: SandboxMode, store: string, cwd: string, command: readonly string[]): string[] {
  if (mode === 'none') return ['/bin/sh', '-c', 'cd "$1" && shift && exec "$@" 2>&1', 'sh', cwd, ...command];
  const unshare = findExecutable('unshare') ?? 'unshare';
  return [unshare, ...unshareArgs(mode), '--', '/bin/sh', '-c', SANDBOX_SCRIPT, 'monitlint-sandbox', store, cwd, ...mirrorPlan(), '--', ...command];
}

/** True if `mode` works here: a trial run must see the overlay, not the real file tree. */
function sandboxWorks(mode: SandboxMode): boolean {
  if (findExecutable('unshare') === null) return false;
  const dir = mkdtempSync(join(tmpdir(), 'monitlint-probe-'));
  try {
    const store = join(dir, '.sandbox');
    mkdirSync(store);
    const marker = join(dir, 'written-inside');
    const argv = wrapCommand(mode, store, dir, ['/bin/sh', '-c', ': > "$1" && echo ok', 'sh', marker]);
    const r = spawnSync(argv[0] ?? 'unshare', argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
    let leaked = true;
    try {
      statSync(marker);
    } catch {
      leaked = false;
    }
    return r.status === 0 && r.stdout.trim() === 'ok' && !leaked;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let sandboxMode: SandboxMode | undefined;

/**
 * The isolation this process uses for monit runs, chosen once. `MONITLINT_ORACLE_SANDBOX`
 * (mount-ns | userns | none) forces a mode.
 */
export function detectSandbox(): SandboxMode {
  if (sandboxMode !== undefined) return sandboxMode;
  const forced = process.env.MONITLINT_ORACLE_SANDBOX;
  if (forced === 'mount-ns' || forced === 'userns' || forced === 'none') {
    sandboxMode = forced;
  } else {
    const candidates: SandboxMode[] = process.getuid?.() === 0 ? ['mount-ns', 'userns'] : ['userns'];
    sandboxMode = candidates.find((m) => sandboxWorks(m)) ?? 'none';
  }
  if (sandboxMode === 'none') {
    warnLoudly('no-sandbox', [
      'monit -t runs WITHOUT a sandbox (no mount namespace could be made here).',
      'Control files that name a log file or an id file (set logfile /var/log/monit.log,',
      'set idfile /var/lib/monit/id, ...) make monit create those files on this machine,',
      'and results can depend on what earlier runs left behind. Run as root, or enable',
      'unprivileged user namespaces, to get isolated and reproducible oracle runs.',
    ]);
  }
  return sandboxMode;
}

// ---------------------------------------------------------------------------------------------
// Running monit -t
// ---------------------------------------------------------------------------------------------

export interface MonitDiagnostic {
  /** File as monit printed it, the temporary directory stripped (`0008.monitrc`). */
  file?: string;
  line?: number;
  /** The message without the `FILE:LINE: ` prefix; continuation lines joined with a space. */
  message: string;
  /** The trailing quoted token, `password` for `syntax error 'password'`. */
  token?: string;
  /** True if the message is in the catalogue; false if only the exit status classified it. */
  catalogued: boolean;
}

export interface MonitResult {
  /** null when monit was killed (timeout) or could not be started. */
  exitCode: number | null;
  accepted: boolean;
  timedOut: boolean;
  /** stdout and stderr as one stream, in order, temporary directory stripped. */
  output: string;
  errors: MonitDiagnostic[];
  warnings: MonitDiagnostic[];
  /** With `verbose`: the lines between `The service list contains the following entries:` and the `----` rule. */
  serviceList?: string[];
  sandbox: SandboxMode;
  durationMs: number;
}

export interface RunMonitOptions {
  /** `monit -v -t`: adds `serviceList`. */
  verbose?: boolean;
  /** Working directory of monit (relative includes resolve against it); default the temp dir. */
  cwd?: string;
  /** Basename of the copy; default the input's basename, or `monitrc` for text. */
  name?: string;
  /** Default 10 s, as for the corpus verdicts. */
  timeoutMs?: number;
  monitBin?: string;
}

export type MonitInput = string | { path: string };

/** What one monit process did, before parsing. */
export interface RawMonitRun {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  sandbox: SandboxMode;
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function inputBytes(input: MonitInput): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : readFileSync(input.path);
}

function copyName(input: MonitInput, opts: RunMonitOptions): string {
  if (opts.name !== undefined) return opts.name;
  return typeof input === 'string' ? 'monitrc' : basename(input.path);
}

interface Spawned {
  code: number | null;
  timedOut: boolean;
  /** What the wrapper itself wrote to stderr (monit's own stderr is merged into stdout). */
  stderr: string;
}

/**
 * spawn with a hard timeout (SIGKILL). stdout goes to `outFile`, opened for appending: it must be
 * a real file (or pipe), not the socket Node's 'pipe' gives, because `set logfile /dev/stdout`
 * makes monit open /proc/self/fd/1, and opening a socket that way fails with ENXIO
 * (`Error opening the log file '/dev/stdout' for writing -- No such device or address`).
 * O_APPEND keeps monit's two writers to that file (stdout and the reopened log) from
 * overwriting each other.
 */
function spawnWithTimeout(argv: readonly string[], outFile: string, timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve) => {
    const [cmd, ...args] = argv;
    const outFd = openSync(outFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(cmd ?? '/bin/false', args, { stdio: ['ignore', outFd, 'pipe'] });
    } finally {
      closeSync(outFd); // the child has its own copy
    }
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * Runs `monit [-v] -t -c NAME` on a private copy of the input and returns the raw result.
 * Exported for the cache, which stores raw runs and parses them on every load.
 */
export async function runMonitTRaw(input: MonitInput, opts: RunMonitOptions = {}): Promise<RawMonitRun> {
  const bin = opts.monitBin ?? findMonitOrThrow();
  const mode = detectSandbox();
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'monitlint-oracle-')));
  try {
    const name = copyName(input, opts);
    const file = join(dir, name);
    writeFileSync(file, inputBytes(input), { mode: 0o600 });
    chmodSync(file, 0o600); // the umask may have narrowed it; monit only needs <= 0700
    const store = join(dir, '.sandbox');
    mkdirSync(store);
    const cwd = opts.cwd ?? dir;
    // A relative -c is what the corpus used; it needs cwd = dir, else give the absolute path.
    const controlArg = cwd === dir ? name : file;
    const monitArgs = [bin, ...(opts.verbose === true ? ['-v'] : []), '-t', '-c', controlArg, '-p', join(dir, 'monit.pid'), '-s', join(dir, 'monit.state')];
    const started = performance.now();
    const outFile = join(dir, '.output');
    const r = await spawnWithTimeout(wrapCommand(mode, store, cwd, monitArgs), outFile, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const durationMs = performance.now() - started;
    if (r.stderr.trim() !== '' && !r.timedOut) {
      // Only the sandbox script writes to stderr (monit's stderr is merged into stdout).
      throw new Error(`monit sandbox (${mode}) failed: ${r.stderr.trim()}`);
    }
    const output = readFileSync(outFile, 'utf8').split(`${dir}/`).join('');
    return { exitCode: r.timedOut ? null : r.code, timedOut: r.timedOut, output, sandbox: mode, durationMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `monit -t` on the input (text, or `{path}`) and classifies what it printed. */
export async function runMonitT(input: MonitInput, opts: RunMonitOptions = {}): Promise<MonitResult> {
  return toResult(await runMonitTRaw(input, opts), opts.verbose === true);
}

/** Builds the parsed result from a raw run. */
export function toResult(raw: RawMonitRun, verbose: boolean): MonitResult {
  const parsed = parseMonitOutput(raw.output, raw.exitCode, verbose);
  return {
    exitCode: raw.exitCode,
    accepted: raw.exitCode === 0,
    timedOut: raw.timedOut,
    output: raw.output,
    errors: parsed.errors,
    warnings: parsed.warnings,
    ...(verbose ? { serviceList: parsed.serviceList } : {}),
    sandbox: raw.sandbox,
    durationMs: raw.durationMs,
  };
}

/** Runs many inputs, `concurrency` at a time; results are in input order. */
export async function runMonitTBatch(paths: readonly string[], concurrency = 2, opts: RunMonitOptions = {}): Promise<MonitResult[]> {
  return mapPool(paths, concurrency, (p) => runMonitT({ path: p }, opts));
}

/** Promise pool: at most `limit` calls of `fn` in flight, results in input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Parsing and classifying monit's output
// ---------------------------------------------------------------------------------------------

/**
 * Messages that are warnings or notes in monit 5.33: they never make `monit -t` fail.
 * Sources: monit's `yywarning()`/`yywarning2()` calls in p.y and l.l, its LogWarning/LogInfo
 * calls around the id file and M/Monit, the spec (§2, §4.15, §4.16, §8, §9.5, §11) and the
 * corpus README. Every entry that occurs in the corpus occurs there in an accepted file
 * (checked by oracle.test.ts against VERDICTS_OUTPUT.tsv).
 */
export const WARNING_PATTERNS: readonly RegExp[] = [
  /^Program does not exist:/,
  /^Program is not executable:/,
  /^Include failed -- /,
  /^Include loop detected when trying to include /,
  /^Cannot compute a checksum for file /,
  /^checksum: file .* is not regular file$/,
  /^invalid allow option/,
  /^Skipping '.*' -- .*present in ACL already$/,
  /^Credentials for user .* were already added, entry ignored/,
  /^PAM group .* was added already, entry ignored/,
  /^htpasswd file \(.*\) has no usable credentials/,
  /^SIP max forward is outside the range/,
  /^We don't recommend setting the Connection header/,
  /^The '(every|address)' (statement|option) can be specified only once/,
  /statistics? is not available on this system/,
  /is not exposed on this system/,
  /^Cannot activate service check\. The process status engine was disabled/,
  /^M\/Monit (enabled but|registration with credentials enabled)/,
  /^New Monit id: /,
  /^Stored in '/,
  /^Error opening the idfile /,
  // -v only (debug output while parsing `allow`).
  /^Adding '.*' -- host resolved to /,
];

/** Whether a message (without `FILE:LINE: `) is a catalogued warning. */
export function isCataloguedWarning(message: string): boolean {
  return WARNING_PATTERNS.some((re) => re.test(message));
}

const SYNTAX_OK = 'Control file syntax OK';
const LOCATED = /^([^\s'][^']*?):(\d+): (.*)$/;
// A log record echoed by `set logfile /dev/stdout`: `[date] info     : …` here, `    : …` in the
// corpus output. It repeats a message already printed, so it is not a diagnostic of its own.
const LOG_ECHO = /^(\[[^\]]*\]\s+\w+\s*|\s+):\s/;
const NOTE_HEAD = /^\s*(New Monit id: |Stored in ')/;

/** A continuation of the previous message: an indented line (`'check host' … incomplete`,
 * the token of `The 'address' option …`), or the second line of the poll-time error. */
function isContinuation(line: string): boolean {
  return (/^\s/.test(line) && !NOTE_HEAD.test(line)) || line.startsWith('as a number (> 0)');
}

interface RawMessage {
  file?: string;
  line?: number;
  message: string;
}

/**
 * The lines of monit's output that carry diagnostics: without the success line, the `-v` report
 * and log records echoed by `set logfile /dev/stdout` (with their indented continuation lines).
 */
function diagnosticLines(output: string, verbose: boolean): string[] {
  let lines = output.split('\n');
  if (verbose) {
    const cut = lines.findIndex((l) => l === 'Runtime constants:');
    if (cut >= 0) lines = lines.slice(0, cut);
  }
  const kept: string[] = [];
  let inEcho = false;
  for (const l of lines) {
    if (LOG_ECHO.test(l)) inEcho = true;
    else if (!(inEcho && /^\s/.test(l))) inEcho = false;
    if (inEcho || l.trim() === '' || l === SYNTAX_OK || l.startsWith('Monit ID: ')) continue;
    kept.push(l);
  }
  return kept;
}

/** Groups output lines into messages and splits off `FILE:LINE: `. */
export function splitMessages(output: string, verbose = false): RawMessage[] {
  const messages: RawMessage[] = [];
  for (const line of diagnosticLines(output, verbose)) {
    const last = messages[messages.length - 1];
    if (last !== undefined && isContinuation(line)) {
      last.message = `${last.message} ${line.trim()}`;
      continue;
    }
    const m = LOCATED.exec(line);
    if (m !== null) messages.push({ file: m[1] ?? '', line: Number(m[2]), message: m[3] ?? '' });
    else messages.push({ message: line.trim() });
  }
  return messages;
}

function withToken(raw: RawMessage, catalogued: boolean): MonitDiagnostic {
  const tok = /'([^']*)'$/.exec(raw.message);
  return {
    ...(raw.file !== undefined ? { file: raw.file } : {}),
    ...(raw.line !== undefined ? { line: raw.line } : {}),
    message: raw.message,
    ...(tok !== null ? { token: tok[1] ?? '' } : {}),
    catalogued,
  };
}

/** The `-v` service list section, without surrounding blank lines. */
export function extractServiceList(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('The service list contains the following entries:'));
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^-{10,}/.test(l));
  const section = end < 0 ? rest : rest.slice(0, end);
  while (section.length > 0 && section[0]?.trim() === '') section.shift();
  while (section.length > 0 && section[section.length - 1]?.trim() === '') section.pop();
  return section;
}

/**
 * Splits monit's output into errors and warnings. A catalogued warning is a warning; any other
 * message is an error if monit rejected the file, and a warning if it accepted it (monit cannot
 * accept a file it found an error in).
 */
export function parseMonitOutput(output: string, exitCode: number | null, verbose = false): { errors: MonitDiagnostic[]; warnings: MonitDiagnostic[]; serviceList: string[] } {
  const errors: MonitDiagnostic[] = [];
  const warnings: MonitDiagnostic[] = [];
  for (const raw of splitMessages(output, verbose)) {
    if (isCataloguedWarning(raw.message)) warnings.push(withToken(raw, true));
    else if (exitCode === 0) warnings.push(withToken(raw, false));
    else errors.push(withToken(raw, false));
  }
  return { errors, warnings, serviceList: verbose ? extractServiceList(output) : [] };
}

/** uid of this process (part of the cache key: verdicts differ for root and non-root). */
export function currentUid(): number {
  return process.getuid?.() ?? userInfo().uid;
}
