/**
 * `monitlint check` as a user runs it: output formats, exit codes, and bad input that must give a
 * one-line message with the path and exit 2, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';

const bin = join(repoRoot, 'bin', 'monitlint');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('monitlint check', () => {
  let dir = '';
  const write = (name: string, text: string | Buffer, mode = 0o600): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    chmodSync(p, mode);
    return name;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says "Control file syntax OK" and exits 0 for an accepted file', () => {
    const f = write('ok.rc', 'set daemon 30\ncheck process sshd matching "sshd"\n');
    const r = run(['check', '--no-host-checks', f], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'Control file syntax OK\n' });
  });

  it('prints FILE:LINE:COL: error: message and exits 1 for a rejected file', () => {
    const f = write('bad.rc', 'set daemon 30\ncheck process p matching "x"\n  if cpu > 50 then alert\n');
    const r = run(['check', '--no-host-checks', f], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("bad.rc:3:15: error: syntax error 'then'\n");
  });

  it('prints one JSON array with an object per file', () => {
    const a = write('a.rc', 'set daemon 30\n');
    const b = write('b.rc', 'check process a matching "a"\n depends on zzz\n');
    const r = run(['check', '--no-host-checks', '--format', 'json', a, b], dir);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as Array<{ file: string; accepted: boolean; diagnostics: Array<{ line: number; message: string }> }>;
    expect(data.map((x) => [x.file, x.accepted])).toEqual([['a.rc', true], ['b.rc', false]]);
    expect(data[1]?.diagnostics[0]).toMatchObject({ line: 2, severity: 'error', message: "Depending service 'zzz' is not defined in the control file" });
  });

  it('rejects a control file that others can read, as monit -t does, unless host checks are off', () => {
    const f = write('wide.rc', 'set daemon 30\n', 0o644);
    expect(run(['check', f], dir).stdout).toContain("permission 0644 is wrong, maximum 0700 allowed");
    expect(run(['check', '--no-host-checks', f], dir).code).toBe(0);
  });

  it('follows includes in reverse sorted order and detects a loop', () => {
    mkdirSync(join(dir, 'conf.d'), { recursive: true });
    write('conf.d/a.cfg', 'check process a matching "a"\n');
    write('conf.d/b.cfg', 'check process a matching "again"\n');
    const f = write('inc.rc', `include ${join(dir, 'conf.d')}/*.cfg\n`);
    const r = run(['check', '--no-host-checks', f], dir);
    expect(r.code).toBe(1);
    // b.cfg is read first, so the duplicate is reported in a.cfg.
    expect(r.stdout).toContain('a.cfg:1:15: error: Service name conflict, a already defined');
    write('loop.cfg', `include ${join(dir, 'loop.cfg')}\ncheck process l matching "l"\n`);
    const l = write('loop.rc', `include ${join(dir, 'loop.cfg')}\n`);
    const lr = run(['check', '--no-host-checks', l], dir);
    expect(lr.stdout).toContain('Include loop detected');
  });

  it('handles a 100-deep include chain', () => {
    for (let i = 0; i < 100; i++) write(`chain${i}.cfg`, i < 99 ? `include ${join(dir, `chain${i + 1}.cfg`)}\n` : 'check process deep matching "d"\n');
    const f = write('chain.rc', `include ${join(dir, 'chain0.cfg')}\n`);
    expect(run(['check', '--no-host-checks', f], dir)).toMatchObject({ code: 0 });
  });

  const badInputs: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => 'nope.rc', /nope\.rc: cannot read control file: No such file or directory/],
    ['a directory', () => { mkdirSync(join(dir, 'adir'), { recursive: true }); return 'adir'; }, /adir: is a directory/],
    ['a binary file', () => write('bin.rc', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), /bin\.rc: binary file/],
    ['a 50 MB file', () => write('big.rc', Buffer.alloc(50 * 1024 * 1024, 0x23)), /big\.rc: file is too large/],
  ];
  for (const [what, make, message] of badInputs) {
    it(`gives a one-line message and exit 2 for ${what}`, () => {
      const r = run(['check', make()], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('gives a one-line message and exit 2 for a file it may not read', () => {
    // Root reads everything, so as root the check runs as nobody, from a copy of the launcher and
    // the self-contained bundle in a world-readable directory (the checkout may not be).
    const asRoot = process.getuid?.() === 0;
    const d = mkdtempSync(join(tmpdir(), 'monitlint-unreadable-'));
    try {
      chmodSync(d, 0o755);
      mkdirSync(join(d, 'bin'));
      mkdirSync(join(d, 'dist'));
      copyFileSync(bin, join(d, 'bin', 'monitlint'));
      chmodSync(join(d, 'bin', 'monitlint'), 0o755);
      copyFileSync(join(repoRoot, 'dist', 'monitlint.cjs'), join(d, 'dist', 'monitlint.cjs'));
      chmodSync(join(d, 'dist', 'monitlint.cjs'), 0o644);
      writeFileSync(join(d, 'secret.rc'), 'set daemon 30\n');
      chmodSync(join(d, 'secret.rc'), 0o000);
      const r = spawnSync(join(d, 'bin', 'monitlint'), ['check', 'secret.rc'], { cwd: d, encoding: 'utf8', timeout: 30_000, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^monitlint: secret\.rc: cannot read control file: Permission denied\n$/);
      expect(r.stdout).toBe('');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('reads a file with non-UTF-8 bytes as Monit does (bytes are word characters)', () => {
    const f = write('latin1.rc', Buffer.from('check process caf\xe9 matching "x"\n', 'latin1'));
    expect(run(['check', '--no-host-checks', f], dir).code).toBe(0);
  });

  it('exits 2 with a usage message for an unknown option', () => {
    const r = run(['check', '--frobnicate', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });
});
