/**
 * `monitlint guard` as a user runs it (the shipped bin/monitlint): the three output modes, the
 * manifest that makes --uninstall exact, manager detection, and bad input that must give a
 * one-line message and exit 2 without writing anything.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../src/guard/manifest.js';
import { HELPER_PATH, MANAGERS } from '../../src/guard/types.js';
import { repoRoot } from '../support/corpus.js';

const bin = join(repoRoot, 'bin', 'monitlint');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under dir, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => statSync(join(dir, p)).isFile()).sort();
}

describe('monitlint guard', () => {
  let dir = '';
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o600);
    return name;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-guard-cli-'));
    write('httpd.rc', 'set daemon 10\nset httpd unixsocket /run/monit.sock\n  allow admin:pw\ncheck file sshd_bin with path /usr/sbin/sshd\n  if failed checksum then unmonitor\ncheck process sshd with pidfile /run/sshd.pid\n  depends on sshd_bin\n');
    write('nohttpd.rc', 'set daemon 10\ncheck process sshd with pidfile /run/sshd.pid\n');
    write('tcp-public.rc', 'set httpd port 2812 and use address 192.0.2.7\n  allow admin:pw\ncheck process sshd with pidfile /run/sshd.pid\n');
    write('bad.rc', 'set daemon 30\ncheck process p matching "x"\n  if cpu > 50 then alert\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(MANAGERS)('--print --manager %s shows the helper and the hooks with their destinations and modes', (manager) => {
    const r = run(['guard', '--manager', manager, '--config', 'httpd.rc', '--print'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^==> ${HELPER_PATH} \\(mode 0755\\): shared guard helper`, 'm'));
    expect(r.stdout).toContain(`MONIT_CONF=${join(dir, 'httpd.rc')}\n`);
    expect(r.stdout.match(/^==> /gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it('--strategy targeted names exactly the affected services in the helper', () => {
    const r = run(['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', 'httpd.rc', '--print'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("AFFECTED='sshd_bin\nsshd'\n");
    expect(r.stdout).toContain('STRATEGY=targeted\n');
  });

  it('--out DIR writes the tree with the install modes', () => {
    const out = join(dir, 'tree');
    const r = run(['guard', '--manager', 'apt', '--out', out], dir);
    expect(r.code).toBe(0);
    expect(tree(out)).toEqual(['etc/apt/apt.conf.d/00monit-pkg-guard', 'etc/apt/apt.conf.d/99zz-monit-pkg-guard', 'etc/dpkg/dpkg.cfg.d/monit-pkg-guard', 'usr/local/libexec/monit-pkg-guard']);
    expect(statSync(join(out, HELPER_PATH)).mode & 0o777).toBe(0o755);
    expect(statSync(join(out, 'etc/dpkg/dpkg.cfg.d/monit-pkg-guard')).mode & 0o777).toBe(0o644);
    expect(r.stdout).toContain(`wrote ${join(out, HELPER_PATH)} (mode 0755)`);
  });

  it('--install --root writes atomically, records a manifest, and --uninstall removes exactly that', () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc/apt/apt.conf.d'), { recursive: true });
    writeFileSync(join(root, 'etc/apt/apt.conf.d/50other'), 'APT::Other "1";\n');
    let r = run(['guard', '--manager', 'pacman', '--install', '--root', root], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`installed ${join(root, '/etc/pacman.d/hooks/zz-monit-guard-pre.hook')} (mode 0644)`);
    // Switching managers replaces the files of the earlier install.
    r = run(['guard', '--manager', 'apt', '--install', '--root', root], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`removed ${join(root, '/etc/pacman.d/hooks/zz-monit-guard-pre.hook')}`);
    const manifest = JSON.parse(readFileSync(join(root, MANIFEST_PATH), 'utf8')) as { manager: string; files: Array<{ path: string }> };
    expect(manifest.manager).toBe('apt');
    expect(manifest.files.map((f) => f.path)).toContain('/etc/dpkg/dpkg.cfg.d/monit-pkg-guard');
    expect(tree(root).filter((p) => p.includes('.monitlint-'))).toEqual([]); // no temporary left
    // An administrator edits one file: --uninstall keeps it, says so, exits 1, keeps the manifest.
    writeFileSync(join(root, 'etc/apt/apt.conf.d/00monit-pkg-guard'), '// mine now\n');
    r = run(['guard', '--uninstall', '--root', root], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kept');
    expect(existsSync(join(root, HELPER_PATH))).toBe(false);
    rmSync(join(root, 'etc/apt/apt.conf.d/00monit-pkg-guard'));
    r = run(['guard', '--uninstall', '--root', root], dir);
    expect(r.code).toBe(0);
    expect(tree(root)).toEqual(['etc/apt/apt.conf.d/50other']);
    // The directories the installs created are gone too; the pre-existing one stays.
    expect((readdirSync(root, { recursive: true }) as string[]).sort()).toEqual(['etc', 'etc/apt', 'etc/apt/apt.conf.d', 'etc/apt/apt.conf.d/50other']);
  });

  it('--manager auto finds the package manager of the root', () => {
    const root = join(dir, 'arch');
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    writeFileSync(join(root, 'usr/bin/pacman'), '');
    chmodSync(join(root, 'usr/bin/pacman'), 0o755);
    const r = run(['guard', '--out', join(dir, 'arch-out'), '--root', root], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zz-monit-guard-post.hook');
    expect(run(['guard', '--print', '--root', join(dir, 'empty-root')], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('give --manager') });
  });

  it.each([
    [['guard', '--manager', 'apt'], 'give exactly one of --print, --out DIR, --install, --uninstall'],
    [['guard', '--manager', 'apt', '--print', '--install'], 'give exactly one of'],
    [['guard', '--manager', 'brew', '--print'], "argument 'brew' is invalid"],
    [['guard', '--manager', 'apt', '--strategy', 'targeted', '--print'], 'needs --config FILE'],
    [['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', 'nohttpd.rc', '--print'], "nohttpd.rc: --strategy targeted refused: the configuration has no 'set httpd'"],
    [['guard', '--manager', 'apt', '--strategy', 'targeted', '--config', 'tcp-public.rc', '--print'], 'listens only on 192.0.2.7'],
    [['guard', '--manager', 'apt', '--config', 'bad.rc', '--print'], "bad.rc:3:15: error: syntax error 'then'"],
    [['guard', '--manager', 'apt', '--config', 'missing.rc', '--print'], 'missing.rc: cannot read control file: No such file or directory'],
    [['guard', '--uninstall', '--root', '/nonexistent-root'], 'nothing to remove'],
  ])('bad input %j: a clear message, exit 2, nothing written', (args, message) => {
    const before = tree(dir);
    const r = run(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
    expect(tree(dir)).toEqual(before);
  });
});
