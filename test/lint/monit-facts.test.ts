/**
 * The facts some rules rest on, checked against the real Monit 5.33 (the oracle): where a rule
 * says "Monit does X", this test makes Monit show X, and monitlint report the rule there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lintFile, isUnreadable } from '../../src/lint/api.js';
import { realFs } from '../../src/cli/real-fs.js';
import { monitSuite, runMonitT } from '../support/monit.js';
import { lintString } from './support.js';

monitSuite('rule facts against monit -t', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'monitlint-facts-'));
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'conf.d', 'app.conf'), 'check process app with pidfile /run/app.pid\n');
    // What dpkg leaves when the admin kept an edited conffile (package-managers.md §4).
    writeFileSync(join(dir, 'conf.d', 'app.conf.dpkg-old'), 'check process app with pidfile /run/app.pid\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ML307: a leftover matched by include dir/* makes Monit refuse the configuration; dir/*.conf does not', async () => {
    const wide = `set daemon 30\ninclude ${dir}/conf.d/*\n`;
    const narrow = `set daemon 30\ninclude ${dir}/conf.d/*.conf\n`;
    const monitWide = await runMonitT(wide);
    expect(monitWide.accepted).toBe(false);
    expect(monitWide.output).toContain('Service name conflict, app already defined');
    expect((await runMonitT(narrow)).accepted).toBe(true);

    const w = join(dir, 'wide.monitrc');
    writeFileSync(w, wide);
    const r = lintFile(w, { fs: realFs, cwd: dir });
    if (isUnreadable(r)) throw new Error(r.error);
    expect(r.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['ML201', 'ML307']));
    const n = lintString(narrow);
    expect(n.diagnostics.filter((d) => d.code === 'ML307')).toEqual([]);
  });

  it('ML307 leaves out what Monit skips itself: names ending in ~ and hidden swap files', async () => {
    const d = mkdtempSync(join(tmpdir(), 'monitlint-facts-'));
    try {
      mkdirSync(join(d, 'conf.d'));
      for (const n of ['app.conf', 'app.conf~', '.app.conf.swp']) writeFileSync(join(d, 'conf.d', n), 'check process app with pidfile /run/app.pid\n');
      expect((await runMonitT(`set daemon 30\ninclude ${d}/conf.d/*\n`)).accepted).toBe(true);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
    const r = lintString('set daemon 30\ninclude /etc/monit/conf.d/*\n').diagnostics.find((x) => x.code === 'ML307');
    expect(r?.message).not.toMatch(/~|\.swp/);
  });

  it('ML308: Monit reads then timeout as then unmonitor', async () => {
    const text = 'set daemon 30\ncheck process a with pidfile /run/a.pid\n  start program = "/bin/true"\n  stop program = "/bin/true"\n  if 3 restarts within 5 cycles then timeout\n';
    const m = await runMonitT(text, { verbose: true });
    expect(m.output).toMatch(/If restarted 3 times within 5 cycle\(s\) then unmonitor/);
    expect(lintString(text).diagnostics.map((d) => d.code)).toContain('ML308');
  });

  it('ML501: of several resource conditions in one if, Monit keeps only the last', async () => {
    const text = 'set daemon 30\ncheck process w with pidfile /run/w.pid\n  if cpu > 90% and memory > 80% then alert\n';
    const m = await runMonitT(text, { verbose: true });
    expect(m.output).toMatch(/Memory usage limit\s+= if greater than 80\.0% then alert/);
    expect(m.output).not.toMatch(/CPU usage limit/i);
    const d = lintString(text).diagnostics.filter((x) => x.code === 'ML501');
    expect(d.map((x) => `${x.span.line}:${x.span.column}`)).toEqual(['3:6']);
  });
});
