/**
 * bin/monitlint, the launcher: it runs the bundle from a V8 start-up snapshot only when the
 * snapshot was built by the node on the PATH (another node would abort with a native trace), and
 * otherwise falls back to the plain bundle with the same results. User arguments never reach
 * node's own option parser.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('runs the commands that load memfs and yaml from its own dist/vendor, also when moved or reached through a symlink', () => {
    // The snapshot was built in repoRoot/dist; a copy elsewhere must load the vendor files beside
    // its own blob (src/vendor.ts reads the blob's path, not the directory the snapshot was built in).
    const copy = join(dir, 'moved');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(join(repoRoot, 'bin', 'monitlint'), join(copy, 'bin', 'monitlint'));
    chmodSync(join(copy, 'bin', 'monitlint'), 0o755);
    mkdirSync(join(copy, 'dist'));
    for (const f of ['monitlint.cjs', 'monitlint.blob', 'monitlint.blob.id', 'vendor']) cpSync(join(repoRoot, 'dist', f), join(copy, 'dist', f), { recursive: true });
    const link = join(dir, 'bin-link');
    symlinkSync(join(copy, 'bin', 'monitlint'), link);
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'ok.rc'), 'set daemon 30\ncheck process sshd matching "sshd"\n', { mode: 0o600 });
    writeFileSync(join(project, '.monitlint.yaml'), 'rules:\n  ML304: off\n');
    const scenario = ['simulate', '--config', join(repoRoot, 'samples', 'simulate', 'mysql.monitrc'), '--scenario', join(repoRoot, 'samples', 'simulate', 'yum-update-mysql.yaml'), '--format', 'json'];
    const lint = ['lint', '--format', 'json', 'ok.rc'];
    for (const args of [scenario, lint]) {
      const original = run(join(repoRoot, 'bin', 'monitlint'), args, project);
      expect(original.stderr).toBe('');
      expect(original.stdout.length).toBeGreaterThan(0);
      expect(run(join(copy, 'bin', 'monitlint'), args, project)).toEqual(original);
      expect(run(link, args, project)).toEqual(original);
    }
    // Proof that the copy loads its own vendor files: spoil one, and only the copy notices.
    writeFileSync(join(copy, 'dist', 'vendor', 'yaml.cjs'), "throw new Error('the moved copy of yaml');\n");
    const spoiled = run(join(copy, 'bin', 'monitlint'), lint, project);
    expect(spoiled.code).toBe(2);
    expect(spoiled.stderr).toContain('the moved copy of yaml');
    expect(run(join(repoRoot, 'bin', 'monitlint'), lint, project).code).not.toBe(2);
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
