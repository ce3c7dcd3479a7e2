/**
 * `monitlint simulate` as a user runs it: the sample scenario, the JSON schema, and bad input
 * (a scenario error gives file:line:col and exit 2; a config Monit rejects is reported as
 * `check` reports it and nothing is simulated).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../support/monitlint.js';
import { repoRoot } from '../support/corpus.js';

const sample = (f: string): string => join(repoRoot, 'samples', 'simulate', f);

describe('monitlint simulate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitlint-sim-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the timeline with each Monit action tied to its config line, and the final states', async () => {
    const r = await cli(['simulate', '--config', sample('mysql.monitrc'), '--scenario', sample('yum-update-mysql.yaml'), '--phase', '2', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+2\.000 {2}monit mysqld +restart +trying to restart \[.*mysql\.monitrc:5:1\]$/m);
    expect(r.stdout).toMatch(/^\s+34\.100 {2}monit mysql_bin +unmonitor +monitoring disabled \[.*mysql\.monitrc:13:27\]$/m);
    expect(r.stdout).toMatch(/mysqld +process +Not monitored \(pid \d+, runs a binary that is no longer the file on disk\)/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints the versioned JSON schema', async () => {
    const r = await cli(['simulate', '--config', sample('mysql.monitrc'), '--scenario', sample('yum-update-mysql.yaml'), '--phase', '7', '--format', 'json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as { schema: string; phase: number; entries: Array<Record<string, unknown>>; services: Array<Record<string, unknown>> };
    expect(t.schema).toBe('monitlint-timeline/1');
    expect(t.phase).toBe(7);
    expect(t.entries.find((e) => e.kind === 'unmonitor' && e.service === 'mysql_bin')).toMatchObject({ time: 7, source: 'monit', line: 13 });
    expect(t.services.map((s) => [s.name, s.monitor])).toEqual([['mysql_bin', 'not'], ['db1', 'yes'], ['mysqld', 'not']]);
  });

  it('a bad scenario: file:line:col, exit 2, nothing on stdout', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nuntil: 10\nevents:\n  - { at: 1, do: stop, unit: ghost }\n');
    const r = await cli(['simulate', '--config', sample('mysql.monitrc'), '--scenario', bad]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${bad}:4:30: no unit named 'ghost' in units\n` });
  });

  it('a missing scenario file or a bad phase: one line, exit 2', async () => {
    const r = await cli(['simulate', '--config', sample('mysql.monitrc'), '--scenario', join(dir, 'none.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none\.yaml: cannot read scenario: ENOENT\n$/);
    const p = await cli(['simulate', '--config', sample('mysql.monitrc'), '--scenario', sample('yum-update-mysql.yaml'), '--phase', '30']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--phase must be below the poll interval \(30 s\)/);
  });

  it('a config Monit would reject is reported as check reports it; nothing is simulated', async () => {
    const cfg = join(dir, 'bad.monitrc');
    writeFileSync(cfg, 'set daemon 30\ncheck process a with pidfile /run/a.pid\n  depends on nothere\n', { mode: 0o600 });
    const r = await cli(['simulate', '--config', cfg, '--scenario', sample('yum-update-mysql.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.monitrc:3:\d+: error: .*nothere/);
    expect(r.stdout).not.toMatch(/final service states/);
    expect(r.stderr).toMatch(/nothing simulated/);
  });
});
