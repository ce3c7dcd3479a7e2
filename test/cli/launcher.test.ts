/**
 * bin/monitlint, the launcher: it runs the bundle from a V8 start-up snapshot only when the
 * snapshot was built by the node on the PATH (another node would abort with a native trace), and
 * otherwise falls back to the plain bundle with the same results. User arguments never reach
 * node's own option parser.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFingerprint, SNAPSHOT_V8_FLAGS } from '../../scripts/bundle.js';
import { repoRoot } from '../support/corpus.js';

function run(bin: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/monitlint', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-launcher-'));
    writeFileSync(join(dir, 'ok.rc'), 'set daemon 30\ncheck process sshd matching "sshd"\n', { mode: 0o600 });
    writeFileSync(join(dir, 'bad.rc'), 'set daemon 30\ncheck process sshd matching\n', { mode: 0o600 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a start-up snapshot built by the node on the PATH', () => {
    const which = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
    expect(readFileSync(join(repoRoot, 'dist', 'monitlint.blob.id'), 'utf8').trim()).toBe(nodeFingerprint(which));
  });

  it('gives node the V8 flags the snapshot was built with, on both of its paths', () => {
    // node refuses a snapshot built under other V8 flags, so the launcher must pass the same.
    const launcher = readFileSync(join(repoRoot, 'bin', 'monitlint'), 'utf8');
    const execs = launcher.split('\n').filter((l) => /^\s*exec "\$node" /.test(l));
    expect(execs).toHaveLength(2);
    for (const line of execs) for (const flag of SNAPSHOT_V8_FLAGS) expect(line).toContain(` ${flag} `);
  });

  it('passes --version to monitlint, not to node', () => {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(join(repoRoot, 'bin', 'monitlint'), ['--version'], dir)).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('falls back to the plain bundle, with the same results, when the snapshot belongs to another node', () => {
    const copy = join(dir, 'pkg');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist'), { recursive: true });
    copyFileSync(join(repoRoot, 'bin', 'monitlint'), join(copy, 'bin', 'monitlint'));
    chmodSync(join(copy, 'bin', 'monitlint'), 0o755);
    copyFileSync(join(repoRoot, 'dist', 'monitlint.cjs'), join(copy, 'dist', 'monitlint.cjs'));
    // Garbage that would abort node if the launcher ever handed it over.
    writeFileSync(join(copy, 'dist', 'monitlint.blob'), 'not a snapshot');
    writeFileSync(join(copy, 'dist', 'monitlint.blob.id'), '/usr/bin/some-other-node 1 2 3\n');
    for (const args of [['check', 'ok.rc'], ['check', 'bad.rc'], ['check', '--format', 'json', 'ok.rc', 'bad.rc']]) {
      const viaSnapshot = run(join(repoRoot, 'bin', 'monitlint'), args, dir);
      const viaScript = run(join(copy, 'bin', 'monitlint'), args, dir);
      expect(viaScript).toEqual(viaSnapshot);
      expect(viaScript.stderr).not.toMatch(/Assertion failed|\n\s+at /);
    }
  });

  it('runs with NODE_OPTIONS set (V8 flags that would make node refuse the snapshot)', () => {
    const plain = run(join(repoRoot, 'bin', 'monitlint'), ['check', 'ok.rc'], dir);
    const r = spawnSync(join(repoRoot, 'bin', 'monitlint'), ['check', 'ok.rc'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(plain);
  });

  it('says how to build when the bundle is missing', () => {
    const copy = join(dir, 'unbuilt');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(join(repoRoot, 'bin', 'monitlint'), join(copy, 'bin', 'monitlint'));
    chmodSync(join(copy, 'bin', 'monitlint'), 0o755);
    const r = run(join(copy, 'bin', 'monitlint'), ['check', 'ok.rc'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/monitlint\.cjs is missing; run 'npm run build' first/);
  });
});
