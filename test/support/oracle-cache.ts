/**
 * A disk cache for oracle runs, so that comparing against monit over the whole corpus is fast
 * on the second local run.
 *
 * What is stored is the *raw* run (exit code and output); it is parsed again on every load, so a
 * change to the parser in monit.ts never serves stale classifications. The key covers everything
 * known to change monit's output: the file's bytes and name, the monit version, the uid, the
 * sandbox mode, the options, and the host's users and groups (a large share of the corpus
 * verdicts depend on which users exist). Anything else on the host (say, a newly installed
 * /etc/init.d script) is not in the key; set MONITLINT_ORACLE_CACHE=0 to bypass the cache.
 *
 * In CI the cache is never read: a CI run must have asked the real program (a fresh clone has no
 * node_modules/.cache anyway, but this does not rely on that).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { repoRoot } from './corpus.js';
import {
  currentUid,
  detectSandbox,
  findMonit,
  isCI,
  mapPool,
  monitVersion,
  runMonitTRaw,
  toResult,
  type MonitInput,
  type MonitResult,
  type RawMonitRun,
  type RunMonitOptions,
} from './monit.js';

/** Bump when the stored format or the way runs are made changes. */
const CACHE_SCHEMA = 'monitlint-oracle-v1';

export const cacheDir: string = join(repoRoot, 'node_modules', '.cache', 'monitlint-oracle');

export interface CacheStats {
  hits: number;
  misses: number;
}

/** Reads are off in CI and when MONITLINT_ORACLE_CACHE=0. */
export function cacheReadsEnabled(): boolean {
  return !isCI() && process.env.MONITLINT_ORACLE_CACHE !== '0';
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

let hostFingerprint: string | undefined;

/** The parts of the host that monit -t consults most: users, groups, host name. */
function hostState(): string {
  hostFingerprint ??= createHash('sha256')
    .update(readOr('/etc/passwd', ''))
    .update('\0')
    .update(readOr('/etc/group', ''))
    .update('\0')
    .update(hostname())
    .digest('hex');
  return hostFingerprint;
}

function inputBytes(input: MonitInput): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : readFileSync(input.path);
}

/** sha256 over the content, monit's version string, the uid and the rest of the run's setup. */
export function cacheKey(content: Buffer, name: string, opts: RunMonitOptions, bin: string): string {
  return createHash('sha256')
    .update(content)
    .update('\0')
    .update(
      JSON.stringify([CACHE_SCHEMA, monitVersion(bin), currentUid(), detectSandbox(), hostState(), name, opts.verbose === true, opts.cwd ?? null, opts.timeoutMs ?? null]),
    )
    .digest('hex');
}

function isRawRun(v: unknown): v is RawMonitRun {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    (typeof r.exitCode === 'number' || r.exitCode === null) &&
    typeof r.timedOut === 'boolean' &&
    typeof r.output === 'string' &&
    typeof r.sandbox === 'string' &&
    typeof r.durationMs === 'number'
  );
}

function load(key: string): RawMonitRun | null {
  try {
    const v: unknown = JSON.parse(readFileSync(join(cacheDir, `${key}.json`), 'utf8'));
    return isRawRun(v) ? v : null;
  } catch {
    return null;
  }
}

/** Write-then-rename, so a concurrent reader never sees half a file. */
function store(key: string, run: RawMonitRun): void {
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `${key}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(run));
  renameSync(tmp, join(cacheDir, `${key}.json`));
}

function nameOf(input: MonitInput, opts: RunMonitOptions): string {
  return opts.name ?? (typeof input === 'string' ? 'monitrc' : basename(input.path));
}

/** runMonitT through the cache. Timed-out runs are not stored (they may be a busy machine). */
export async function cachedRunMonitT(input: MonitInput, opts: RunMonitOptions = {}, stats?: CacheStats): Promise<MonitResult> {
  const bin = opts.monitBin ?? findMonit();
  if (bin === null) throw new Error('monit not found');
  const name = nameOf(input, opts);
  const key = cacheKey(inputBytes(input), name, opts, bin);
  const hit = cacheReadsEnabled() ? load(key) : null;
  if (hit !== null) {
    if (stats) stats.hits++;
    return toResult(hit, opts.verbose === true);
  }
  if (stats) stats.misses++;
  // The name is passed on so the copy is named as the key says, whatever the input is.
  const raw = await runMonitTRaw(input, { ...opts, name, monitBin: bin });
  if (!raw.timedOut) store(key, raw);
  return toResult(raw, opts.verbose === true);
}

/** Many files through the cache, `concurrency` monit processes at a time, results in order. */
export async function cachedRunMonitTBatch(
  paths: readonly string[],
  concurrency = 2,
  opts: RunMonitOptions = {},
): Promise<{ results: MonitResult[]; stats: CacheStats; elapsedMs: number }> {
  const stats: CacheStats = { hits: 0, misses: 0 };
  const started = performance.now();
  const results = await mapPool(paths, concurrency, (p) => cachedRunMonitT({ path: p }, opts, stats));
  return { results, stats, elapsedMs: performance.now() - started };
}
