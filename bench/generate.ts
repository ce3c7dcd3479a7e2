/**
 * Synthetic Monit control files for benchmarks: `generateConfig(n, seed)` returns a control file
 * with n services that `monit -t` (5.33) accepts on any Linux host.
 *
 * Choices that keep it host-independent and quiet:
 * - start/stop programs are `/bin/true` (a missing program is only a warning, but warnings are
 *   noise in a benchmark); no `check program` (its executable must exist);
 * - checksums carry an explicit `expect` MD5, so monit does not read the file at parse time;
 * - no uid/gid/owner names (users differ between hosts);
 * - `depends on` only names services defined earlier, so the graph is a DAG (no depend loop).
 *
 * Deterministic: the same (n, seed) always gives the same text. Imports nothing, so the
 * benchmark driver can use it as plain compiled JavaScript.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG; enough for picking variations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

const intBelow = (rand: Rand, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Rand, items: readonly T[]): T => items[intBelow(rand, items.length)] as T;

const KINDS = ['process', 'process', 'file', 'filesystem', 'host'] as const;
type Kind = (typeof KINDS)[number];

const GROUPS = ['web', 'db', 'cache', 'queue', 'storage', 'edge'] as const;

/** 32 hex digits derived from the PRNG: a syntactically valid MD5 for `expect`. */
function fakeMd5(rand: Rand): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += (intBelow(rand, 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return s;
}

function serviceName(i: number, kind: Kind): string {
  return `${kind.slice(0, 4)}${String(i).padStart(6, '0')}`;
}

function processCheck(name: string, i: number, rand: Rand): string[] {
  const port = 10000 + (i % 50000);
  return [
    `check process ${name} with pidfile /run/monitlint-bench/${name}.pid`,
    `  start program = "/bin/true ${name} start" with timeout 60 seconds`,
    `  stop program = "/bin/true ${name} stop"`,
    `  if failed host 127.0.0.1 port ${port} protocol http request "/health" with timeout 10 seconds for 2 cycles then restart`,
    `  if cpu > ${50 + intBelow(rand, 45)}% for ${1 + intBelow(rand, 5)} cycles then alert`,
    `  if totalmem > ${100 + intBelow(rand, 900)} MB for 5 cycles then restart`,
    `  if memory usage > ${50 + intBelow(rand, 40)}% then alert`,
    `  if 3 restarts within 5 cycles then unmonitor`,
  ];
}

function fileCheck(name: string, _i: number, rand: Rand): string[] {
  return [
    `check file ${name} with path /etc/monitlint-bench/${name}.conf`,
    `  if failed checksum and expect the sum ${fakeMd5(rand)} then alert`,
    `  if failed permission ${pick(rand, ['644', '640', '600', '0755'])} then alert`,
    `  if size > ${1 + intBelow(rand, 100)} MB then alert`,
    `  if timestamp > ${1 + intBelow(rand, 48)} hours then alert`,
  ];
}

function filesystemCheck(name: string, _i: number, rand: Rand): string[] {
  return [
    `check filesystem ${name} with path /`,
    `  if space usage > ${70 + intBelow(rand, 25)}% for 5 times within 15 cycles then alert`,
    `  if space free < ${1 + intBelow(rand, 20)} GB then alert`,
    `  if inode usage > ${70 + intBelow(rand, 25)}% then alert`,
  ];
}

function hostCheck(name: string, i: number, rand: Rand): string[] {
  return [
    `check host ${name} with address 127.0.0.1`,
    `  if failed port ${1024 + (i % 60000)} type tcp with timeout ${1 + intBelow(rand, 15)} seconds then alert`,
    `  if failed port 80 protocol http request "/" then alert`,
  ];
}

const BODIES: Record<Kind, (name: string, i: number, rand: Rand) => string[]> = {
  process: processCheck,
  file: fileCheck,
  filesystem: filesystemCheck,
  host: hostCheck,
};

/** Up to two distinct earlier services, mostly near ones (like real files), sometimes none. */
function dependencies(i: number, names: readonly string[], rand: Rand): string[] {
  if (i === 0 || rand() < 0.5) return [];
  const deps = new Set<string>();
  const count = 1 + intBelow(rand, 2);
  for (let k = 0; k < count; k++) {
    const back = 1 + intBelow(rand, Math.min(i, 20));
    deps.add(names[i - back] as string);
  }
  return [...deps];
}

/** A control file with `n` services, reproducible from `seed`. */
export function generateConfig(n: number, seed = 1): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const rand = prng(seed);
  const out: string[] = [
    `# monitlint benchmark input: ${n} services, seed ${seed}`,
    'set daemon 30',
    'set log syslog',
    '',
  ];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(rand, KINDS);
    const name = serviceName(i, kind);
    names.push(name);
    out.push(...BODIES[kind](name, i, rand));
    out.push(`  group ${pick(rand, GROUPS)}`);
    const deps = dependencies(i, names, rand);
    if (deps.length > 0) out.push(`  depends on ${deps.join(', ')}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
