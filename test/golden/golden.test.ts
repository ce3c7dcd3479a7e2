/**
 * Golden tests (STYLE.md, actionlint): each `cases/<case>.monitrc` is linted by the real CLI with
 * the arguments in `<case>.args` (if any), from this folder; each `dirs/<case>/` is linted as a
 * directory. The output and exit status must equal `<case>.out`. `UPDATE_GOLDEN=1` rewrites them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';

const here = join(repoRoot, 'test/golden');
const bin = join(repoRoot, 'bin', 'monitlint');
const update = process.env.UPDATE_GOLDEN === '1';

function runCli(args: string[]): string {
  const r = spawnSync(bin, args, {
    cwd: here,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  return `${r.stdout}${r.stderr ? `[stderr] ${r.stderr}` : ''}[exit ${r.status}]\n`;
}

const cases = [
  ...readdirSync(join(here, 'cases'))
    .filter((f) => f.endsWith('.monitrc'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.monitrc'.length);
      const argsFile = join(here, 'cases', `${name}.args`);
      const extra = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
      return { name: `cases/${name}`, args: ['--format', 'concise', ...extra, `cases/${f}`], out: join(here, 'cases', `${name}.out`) };
    }),
  ...readdirSync(join(here, 'dirs'))
    .sort()
    .map((d) => {
      const argsFile = join(here, 'dirs', `${d}.args`);
      const extra = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
      return { name: `dirs/${d}`, args: ['--format', 'concise', ...extra, `dirs/${d}`], out: join(here, 'dirs', `${d}.out`) };
    })
    .filter((c) => !c.name.endsWith('.out') && !c.name.endsWith('.args')),
];

describe('golden', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = runCli(c.args);
    if (update || !existsSync(c.out)) {
      if (!update) throw new Error(`${c.out} is missing; run with UPDATE_GOLDEN=1 to create it`);
      writeFileSync(c.out, got);
    }
    expect(got).toBe(readFileSync(c.out, 'utf8'));
  });
});
