/**
 * `monitlint [PATH...]` as a user runs it: the default command, stdin, --print-config, rule pages,
 * exit codes whatever the format, and bad input as one line with exit 2.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINT_FORMATS } from '../../src/report/lint-report.js';
import { repoRoot } from '../support/corpus.js';

const bin = join(repoRoot, 'bin', 'monitlint');

function run(args: string[], cwd: string, input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 30_000, input: input ?? '', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('monitlint lint', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-lint-'));
    writeFileSync(join(dir, 'race.monitrc'), 'set daemon 30\ncheck file f with path /usr/bin/f\n  if failed checksum then unmonitor\n');
    writeFileSync(join(dir, 'clean.monitrc'), 'set daemon 30\nset log syslog\ncheck system web\n  if loadavg (5min) > 4 then alert\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lints a file given without a command, while "check" still checks', () => {
    const lint = run(['race.monitrc'], dir);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('race.monitrc:3:13: warning:');
    expect(lint.stdout).toContain('[ML301 checksum-race]');
    const check = run(['check', '--no-host-checks', 'race.monitrc'], dir);
    expect(check.stdout).toBe('Control file syntax OK\n');
  });

  it('exits 0 on a clean file and prints the summary line', () => {
    const r = run(['lint', 'clean.monitrc'], dir);
    expect(r).toMatchObject({ code: 0, stdout: '1 file linted: 0 errors, 0 warnings, 0 infos; 0 files not fully parsed\n' });
  });

  it.each(LINT_FORMATS.map((f) => [f]))('keeps the exit status in format %s', (format) => {
    expect(run(['--format', format, 'race.monitrc'], dir).code).toBe(1);
    expect(run(['--format', format, 'clean.monitrc'], dir).code).toBe(0);
  });

  it('reads - from stdin under --stdin-filename', () => {
    const r = run(['-', '--stdin-filename', 'conf.d/x.conf'], dir, 'check file f with path /usr/bin/f\n  if failed checksum then unmonitor\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('conf.d/x.conf:2:13: warning:');
  });

  it('reports a missing path and an unknown option on one line with exit 2', () => {
    const missing = run(['nothere.monitrc'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('monitlint: nothere.monitrc: No such file or directory\n');
    const bad = run(['--format', 'xml', 'race.monitrc'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('    at ');
  });

  it('prints the configuration that applies to a file, and config errors with line and column', () => {
    const sub = join(dir, 'proj');
    mkdirSync(join(sub, 'conf.d'), { recursive: true });
    writeFileSync(join(sub, '.monitlint.yaml'), 'failure-threshold: error\nrules:\n  no-restart-limit: off\n');
    writeFileSync(join(sub, 'conf.d', '.monitlint.yaml'), 'extend: ../.monitlint.yaml\nrules:\n  ML301: error\n');
    const r = run(['--print-config', 'proj/conf.d/a.conf'], dir);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout) as { rules: Record<string, string>; 'failure-threshold': string; 'config-files': string[] };
    expect(cfg.rules).toEqual({ ML301: 'error', ML306: 'off' });
    expect(cfg['failure-threshold']).toBe('error');
    expect(cfg['config-files']).toHaveLength(2);
    writeFileSync(join(sub, 'bad.yaml'), 'rules:\n  ML9999: off\n');
    const bad = run(['--config', 'proj/bad.yaml', 'race.monitrc'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2:3: unknown rule 'ML9999'/);
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', '.monitlint.yaml'), 'rules: [\n');
    writeFileSync(join(dir, 'broken', 'a.monitrc'), 'set daemon 30\ncheck file f with path /usr/bin/f\n  if failed checksum then unmonitor\n');
    const broken = run(['broken/a.monitrc'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^monitlint: broken\/\.monitlint\.yaml:\d+:\d+: /);
    expect(run(['--no-config', 'broken/a.monitrc'], dir).code).toBe(1);
  });

  it('with --root, a fragment given alone is linted through the root that includes it', () => {
    const repo = join(dir, 'mirror');
    mkdirSync(join(repo, 'etc/monit/conf.d'), { recursive: true });
    writeFileSync(join(repo, 'etc/monit/monitrc'), 'set daemon 30\nset log syslog\ninclude /etc/monit/conf.d/*.conf\n');
    writeFileSync(join(repo, 'etc/monit/conf.d/app.conf'), 'check process app with pidfile /run/app.pid\n  start program = "/usr/local/bin/app"\n  stop program = "/usr/local/bin/app stop"\n  if 3 restarts within 5 cycles then alert\n  depends on app_bin\n');
    writeFileSync(join(repo, 'etc/monit/conf.d/bin.conf'), 'check file app_bin with path /usr/local/bin/app\n');
    writeFileSync(join(repo, 'etc/monit/conf.d/orphan.conf'), 'check process o with pidfile /run/o.pid\n  start program = "/usr/local/bin/o"\n  stop program = "/usr/local/bin/o stop"\n  if 3 restarts within 5 cycles then alert\n  depends on nowhere\n');
    const alone = run(['mirror/etc/monit/conf.d/app.conf'], dir);
    expect(alone.stdout).toContain("info: Depending service 'app_bin' is not defined");
    const known = run(['--root', 'mirror', 'mirror/etc/monit/conf.d/app.conf'], dir);
    expect(known.stdout).toBe('1 file linted: 0 errors, 0 warnings, 0 infos; 0 files not fully parsed\n');
    expect(known.code).toBe(0);
    // Included by the root, the orphan's unknown dependency is Monit's error again.
    const orphan = run(['--root', 'mirror', 'mirror/etc/monit/conf.d/orphan.conf'], dir);
    expect(orphan.stdout).toContain("/etc/monit/conf.d/orphan.conf:5:14: error: Depending service 'nowhere' is not defined in the control file [ML202 dependency-error]");
    expect(orphan.code).toBe(1);
  });

  it('--host: a world-writable start program is an ML405 error, a root-only one is not', () => {
    const app = join(dir, 'app');
    mkdirSync(app, { mode: 0o755 });
    writeFileSync(join(app, 'start.sh'), '#!/bin/sh\n', { mode: 0o777 });
    chmodSync(join(app, 'start.sh'), 0o777);
    writeFileSync(join(app, 'stop.sh'), '#!/bin/sh\n');
    chmodSync(join(app, 'stop.sh'), 0o755);
    chmodSync(app, 0o755);
    writeFileSync(join(dir, 'w.monitrc'), `set daemon 30\ncheck process app with pidfile /run/app.pid\n  start program = "${app}/start.sh"\n  stop program = "${app}/stop.sh"\n`);
    const r = run(['--host', '--format', 'json', 'w.monitrc'], dir);
    const doc = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string; line: number }> }> };
    const found = doc.files[0]?.diagnostics.filter((d) => d.code === 'ML405').map((d) => d.line);
    expect(found).toEqual([3]);
    expect(run(['w.monitrc'], dir).stdout).not.toContain('ML405');
  });

  it('lists the rules and prints a rule page; an unknown rule exits 2', () => {
    const list = run(['rules'], dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ML301 {2}checksum-race/m);
    const page = run(['rule', 'checksum-race'], dir);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('ML301 checksum-race (warning)');
    expect(page.stdout).toContain('Triggers it:');
    expect(run(['rule', 'ML999'], dir).code).toBe(2);
  });
});
