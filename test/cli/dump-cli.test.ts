/**
 * `monitlint check --dump` through the CLI entry point: the service list of an accepted file
 * before Monit's "Control file syntax OK", none for a rejected file (as with `monit -v -t`), and a
 * `dump` string per accepted file in JSON. It calls `main` in-process (the launcher itself is
 * covered by check-cli.test.ts), so it needs no build of dist/.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('monitlint check --dump', () => {
  let dir = '';
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o600);
    return join(dir, name);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-dump-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the service list of an accepted file, then "Control file syntax OK"', async () => {
    const f = write('ok.rc', 'set daemon 30\ncheck process sshd matching "sshd"\n  group ssh\n');
    const r = await run(['check', '--no-host-checks', '--dump', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'The service list contains the following entries:',
        '',
        'Process Name          = sshd',
        ' Group                = ssh',
        ' Match                = sshd',
        ' Monitoring mode      = active',
        ' On reboot            = start',
        ' Existence            = if does not exist then restart',
        '',
        `System Name           = ${hostname()}`,
        ' Monitoring mode      = active',
        ' On reboot            = start',
        '',
        '-'.repeat(79),
        'Control file syntax OK',
        '',
      ].join('\n'),
    );
  });

  it('prints no service list for a rejected file', async () => {
    const f = write('bad.rc', 'check process a matching "a"\n depends on zzz\n');
    const r = await run(['check', '--no-host-checks', '--dump', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('The service list');
  });

  it('adds a dump string to accepted files in JSON, and none to rejected ones', async () => {
    const a = write('a.rc', 'check file f with path /etc/hostname\n');
    const b = write('b.rc', 'check process a matching "a"\n depends on zzz\n');
    const r = await run(['check', '--no-host-checks', '--dump', '--format', 'json', a, b]);
    const data = JSON.parse(r.stdout) as Array<{ file: string; accepted: boolean; dump?: string }>;
    expect(data[0]?.dump).toContain('File Name             = f\n Path                 = /etc/hostname\n');
    expect(data[1]).not.toHaveProperty('dump');
  });

  it('reads checksummed files through --root', async () => {
    mkdirSync(join(dir, 'root/etc'), { recursive: true });
    writeFileSync(join(dir, 'root/etc/app.bin'), 'payload\n');
    const f = write('sum.rc', 'check file app with path /etc/app.bin\n  if failed checksum then alert\n');
    const r = await run(['check', '--no-host-checks', '--dump', '--root', join(dir, 'root'), f]);
    const md5 = createHash('md5').update('payload\n').digest('hex');
    expect(r.stdout).toContain(` Checksum             = if failed ${md5}(MD5) then alert\n`);
  });

  it('leaves the output unchanged without --dump', async () => {
    const f = write('plain.rc', 'set daemon 30\n');
    expect((await run(['check', '--no-host-checks', '--format', 'json', f])).stdout).not.toContain('"dump"');
  });
});
