/**
 * The lint benchmark of issue 3, run by `npm run bench` after the check table:
 * 1. the whole plain corpus (`../shared/corpus/files`) in one `monitlint` run, beside a shell loop
 *    of `monit -t` over the same files (target: at least 5× faster);
 * 2. `monitlint lint` on the 20,000-service configuration beside `monitlint check` on it
 *    (target: within 2×).
 * Prints a table and writes bench/results/lint-latest.json. Node built-ins and ./generate.js only.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateConfig } from './generate.js';

interface Timing {
  wallMs: number | null;
  exitCode: number | null;
}

function time(cmd: string, args: readonly string[], cwd: string, okCodes: readonly number[]): Timing {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, maxBuffer: 512 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { wallMs: r.status !== null && okCodes.includes(r.status) ? wallMs : null, exitCode: r.status };
}

function corpusFiles(root: string): string | null {
  const shared = process.env.MONITLINT_SHARED;
  const dir = join(shared !== undefined && shared !== '' ? resolve(shared) : resolve(root, '../shared'), 'corpus', 'files');
  return existsSync(dir) ? dir : null;
}

const fmt = (ms: number | null): string => (ms === null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b === 0 ? 'n/a' : `${(a / b).toFixed(1)}x`);

export function runLintBench(root: string, monit: string | null): void {
  const scratch = mkdtempSync(join(tmpdir(), 'monitlint-lintbench-'));
  const bin = join(root, 'bin', 'monitlint');
  const result: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  try {
    const src = corpusFiles(root);
    if (src === null) console.log('\nlint bench: corpus not found (../shared/corpus), corpus rows skipped');
    else {
      // monit -t refuses files wider than 0700: give both tools the same private copies.
      const dir = join(scratch, 'corpus');
      mkdirSync(dir);
      const names = readdirSync(src).filter((n) => n.endsWith('.monitrc')).sort();
      for (const n of names) {
        copyFileSync(join(src, n), join(dir, n));
        chmodSync(join(dir, n), 0o600);
      }
      writeFileSync(join(scratch, 'monit.id'), '6d6f6e69746c696e7462656e63686d6b\n', { mode: 0o600 });
      const lint = time(bin, ['--no-config', '--format', 'concise', dir], scratch, [0, 1]);
      let loop: Timing = { wallMs: null, exitCode: null };
      if (monit !== null) {
        const script = `for f in "$1"/*.monitrc; do "$2" -t -c "$f" -p "$3/monit.pid" -s "$3/monit.state" >/dev/null 2>&1; done; exit 0`;
        loop = time('sh', ['-c', script, 'sh', dir, monit, scratch], scratch, [0]);
      }
      result.corpus = { files: names.length, monitlintMs: lint.wallMs, monitLoopMs: loop.wallMs };
      console.log(`\nlint bench: ${names.length} corpus files`);
      console.log(`  monitlint (one run)     ${fmt(lint.wallMs)}`);
      console.log(`  monit -t (shell loop)   ${fmt(loop.wallMs)}`);
      console.log(`  speed-up                ${ratio(loop.wallMs, lint.wallMs)} (target >= 5x)`);
    }
    const big = join(scratch, 'bench-20000.monitrc');
    writeFileSync(big, generateConfig(20_000, 1), { mode: 0o600 });
    const check = time(bin, ['check', '--no-host-checks', big], scratch, [0, 1]);
    const lint = time(bin, ['lint', '--no-config', '--format', 'concise', big], scratch, [0, 1]);
    result.big = { services: 20_000, checkMs: check.wallMs, lintMs: lint.wallMs };
    console.log('lint bench: 20000 services');
    console.log(`  monitlint check         ${fmt(check.wallMs)}`);
    console.log(`  monitlint lint          ${fmt(lint.wallMs)}`);
    console.log(`  lint / check            ${ratio(lint.wallMs, check.wallMs)} (target <= 2x)`);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'lint-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
