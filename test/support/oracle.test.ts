/**
 * Sanity checks of the oracle itself: that monit.ts reads monit's output the way the corpus
 * authors did, and that the real monit on this machine still gives the recorded verdicts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listPlainFiles, readVerdictOutputs, readVerdicts, requireCorpus, type Verdict, type VerdictClass } from './corpus.js';
import { monitSuite, monitVersion, requiringSuite, parseMonitOutput, runMonitT, WARNING_PATTERNS, type MonitResult } from './monit.js';
import { cachedRunMonitTBatch, cacheReadsEnabled } from './oracle-cache.js';

/** Quoted values and ids replaced, so messages can be grouped by kind. */
function messageKind(message: string): string {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/[0-9a-f]{32}/g, '…')
    .replace(/(^|\s)\/\S*/g, '$1/…');
}

/** A plain-text table: numbers right-aligned, text left-aligned. */
function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_h, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_h, i) => rows.every((r) => typeof r[i] === 'number'));
  const fmt = (r: readonly string[]): string =>
    r.map((c, i) => (numeric[i] === true ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [fmt(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

/** A suite that needs the corpus: skipped locally without it, one failing test in CI. */
function corpusSuite(name: string, body: () => void): void {
  requiringSuite(name, 'the corpus', requireCorpus, () => body());
}

corpusSuite('reading monit output (VERDICTS_OUTPUT.tsv, no monit needed)', () => {
  let verdicts: Map<string, Verdict>;
  let outputs: Map<string, { exitCode: number; output: string }>;
  beforeAll(() => {
    verdicts = readVerdicts();
    outputs = readVerdictOutputs();
  });

  it('has a verdict and an output for each plain file', () => {
    const ids = listPlainFiles().map((f) => f.id);
    expect(ids.length).toBe(1358);
    expect(ids.filter((id) => !verdicts.has(id) || !outputs.has(id))).toEqual([]);
  });

  it('finds an error in every rejected output and only catalogued warnings in accepted ones', () => {
    const problems: string[] = [];
    for (const [id, { exitCode, output }] of outputs) {
      const p = parseMonitOutput(output, exitCode);
      if (exitCode !== 0 && p.errors.length === 0) problems.push(`${id}: rejected, no error found`);
      for (const w of p.warnings) if (!w.catalogued) problems.push(`${id}: accepted with an uncatalogued message: ${w.message}`);
      for (const e of p.errors) if (e.catalogued) problems.push(`${id}: catalogued warning taken as error: ${e.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('reads the first error exactly as VERDICTS.tsv recorded it', () => {
    const problems: string[] = [];
    for (const [id, v] of verdicts) {
      if (v.exitCode === 0) continue;
      const first = parseMonitOutput(outputs.get(id)?.output ?? '', v.exitCode).errors[0];
      const got = [first?.file, first?.line, first?.message];
      const want = [v.errorFile, v.errorLine, v.errorMessage];
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${id}: got ${JSON.stringify(got)}, VERDICTS.tsv ${JSON.stringify(want)}`);
    }
    expect(problems).toEqual([]);
  });

  it('counts errors and warnings as VERDICTS.tsv does, but for two documented differences', () => {
    // The corpus counted the second line of a log record echoed by `set logfile /dev/stdout`
    // (` Stored in …` after `    :  New Monit id: …`) as a warning of its own, and did not count
    // `The 'address' option can be specified only once` (not in its list, yet a warning: the
    // file is accepted). monit.ts drops the echo and counts the address warning.
    const unexplained: string[] = [];
    let same = 0;
    for (const [id, v] of verdicts) {
      const out = outputs.get(id)?.output ?? '';
      const p = parseMonitOutput(out, v.exitCode);
      if (p.errors.length === v.errors && p.warnings.length === v.warnings) {
        same++;
        continue;
      }
      const explained = /\n\s+:\s/.test(out) || out.includes("The 'address' option can be specified only once");
      if (!explained) unexplained.push(`${id}: ${p.errors.length}/${p.warnings.length} vs ${v.errors}/${v.warnings}`);
    }
    console.log(`error/warning counts equal to VERDICTS.tsv: ${same} of ${verdicts.size}`);
    expect(unexplained).toEqual([]);
  });

  it('prints the message catalogue with its evidence', () => {
    // Evidence that a kind of message is a warning: a file with it was accepted. Evidence that it
    // is an error: a rejected file in which it is the only message that is not a warning.
    const inAccepted = new Map<string, number>();
    const soleError = new Map<string, number>();
    for (const { exitCode, output } of outputs.values()) {
      const p = parseMonitOutput(output, exitCode);
      if (exitCode === 0) for (const w of new Set(p.warnings.map((d) => messageKind(d.message)))) inAccepted.set(w, (inAccepted.get(w) ?? 0) + 1);
      const only = p.errors.length === 1 ? p.errors[0] : undefined;
      if (only !== undefined) soleError.set(messageKind(only.message), (soleError.get(messageKind(only.message)) ?? 0) + 1);
    }
    const rows = [...inAccepted].sort((a, b) => b[1] - a[1]).map(([k, n]) => ['warning', n, k.slice(0, 90)] as const);
    const errs = [...soleError].sort((a, b) => b[1] - a[1]).map(([k, n]) => ['error', n, k.slice(0, 90)] as const);
    console.log(`\nmessage kinds (files as evidence)\n${table(['class', 'files', 'message'], [...rows, ...errs])}`);
    expect(WARNING_PATTERNS.length).toBeGreaterThan(0);
  });
});

/**
 * Catalogued warnings (most of which the corpus never shows), each made to happen on the real
 * monit. Each text is a function of a scratch directory, so that a file monit creates lands there
 * even if no sandbox could be made.
 */
const WARNING_PROBES: Record<string, (scratch: string) => string> = {
  'Program is not executable': () => 'set daemon 30\ncheck process a matching "x"\n start program = "/etc/passwd"\n',
  "The 'every' statement": () => 'set daemon 30\ncheck process a matching "x"\n every 2 cycles\n every 3 cycles\n',
  "The 'address' option": () => 'set daemon 30\nset httpd port 2812 address 127.0.0.1 address localhost allow localhost\n',
  'Connection header': () => 'set daemon 30\ncheck host h address 127.0.0.1\n if failed port 80 protocol http http headers [Connection: keep-alive] then alert\n',
  'SIP max forward': () => 'set daemon 30\ncheck host h address 127.0.0.1\n if failed port 5060 type udp protocol sip and maxforward 300 then alert\n',
  'htpasswd file': () => 'set daemon 30\nset httpd port 2812 allow md5 /etc/hostname\n',
  'PAM group': () => 'set daemon 30\nset httpd port 2812 allow @users allow @users\n',
  'M/Monit enabled but no httpd': () => 'set daemon 30\nset mmonit http://a:b@127.0.0.1:8080/collector\n',
  'M/Monit enabled but Monit httpd is using unix socket': () => 'set daemon 30\nset httpd unixsocket /tmp/x.sock allow localhost\nset mmonit http://a:b@127.0.0.1:8080/collector\n',
  'Include loop detected': () => 'set daemon 30\ninclude loop.monitrc\n',
  'New Monit id': (scratch) => `set daemon 30\nset idfile ${scratch}/probe.id\n`,
  'Error opening the idfile': () => 'set daemon 30\nset idfile /nonexistent/dir/id\n',
};

monitSuite('the oracle on the real monit', (bin) => {
  it('reports its version', () => {
    console.log(`oracle: ${bin}: ${monitVersion(bin)}`);
    expect(monitVersion(bin)).toMatch(/^This is Monit version 5\./);
  });

  it.each(Object.entries(WARNING_PROBES))('accepts a file whose only message is a warning: %s', async (what, text) => {
    const scratch = mkdtempSync(join(tmpdir(), 'monitlint-probe-'));
    let r: MonitResult;
    try {
      r = await runMonitT(text(scratch), { name: 'loop.monitrc' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    expect(r.accepted, r.output).toBe(true);
    expect(r.warnings.map((w) => w.message).join('\n')).toContain(what);
    expect(r.warnings.every((w) => w.catalogued), r.output).toBe(true);
  });

  it('reports errors with file and line as the corpus shows them', async () => {
    const r = await runMonitT('set daemon 30\ncheck process a matching "x"\n  if cpu >50% then alert\n', { name: '0001.monitrc' });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toEqual([{ file: '0001.monitrc', line: 3, message: "syntax error '>50'", token: '>50', catalogued: false }]);
    expect(r.output).toBe("0001.monitrc:3: syntax error '>50'\n");
  });

  it('lists the services with -v', async () => {
    const r = await runMonitT('set daemon 30\ncheck process web matching "nginx"\ncheck file f path /etc/hosts\n', { verbose: true });
    expect(r.accepted).toBe(true);
    expect(r.serviceList?.filter((l) => /^\S.* Name +=/.test(l))).toEqual(expect.arrayContaining([expect.stringMatching(/^Process Name += web$/), expect.stringMatching(/^File Name += f$/)]));
  });

  it('leaves no log or id file behind (sandbox)', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'monitlint-sandbox-test-'));
    try {
      const r = await runMonitT(`set daemon 30\nset logfile ${dir}/monit.log\nset idfile ${dir}/monit.id\n`);
      if (r.sandbox === 'none') ctx.skip();
      expect(r.accepted, r.output).toBe(true);
      expect(r.output).toContain(`Stored in '${dir}/monit.id'`);
      expect([existsSync(join(dir, 'monit.log')), existsSync(join(dir, 'monit.id'))]).toEqual([false, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const CLASS_ORDER: readonly VerdictClass[] = ['ok', 'syntax', 'semantic', 'host-dependent'];

monitSuite('live monit agrees with VERDICTS.tsv', () => {
  let verdicts: Map<string, Verdict>;
  let files: { id: string; path: string }[];
  let results: MonitResult[];
  beforeAll(async () => {
    if (requireCorpus() === null) return;
    verdicts = readVerdicts();
    files = listPlainFiles();
    const run = await cachedRunMonitTBatch(files.map((f) => f.path), 2);
    results = run.results;
    console.log(
      `oracle run over ${files.length} corpus files: ${(run.elapsedMs / 1000).toFixed(1)} s, ` +
        `${run.stats.misses} monit runs, ${run.stats.hits} from cache${cacheReadsEnabled() ? '' : ' (cache reads off)'}, sandbox ${results[0]?.sandbox ?? '?'}`,
    );
  });

  function rows(): { id: string; v: Verdict; r: MonitResult }[] {
    return files.map((f, i) => ({ id: f.id, v: verdicts.get(f.id) as Verdict, r: results[i] as MonitResult }));
  }

  it('prints the agreement table', (ctx) => {
    if (results === undefined) ctx.skip();
    const byClass = CLASS_ORDER.map((cls) => {
      const rs = rows().filter((x) => x.v.cls === cls);
      const agree = rs.filter((x) => x.r.accepted === (x.v.exitCode === 0));
      const sameFirst = rs.filter((x) => x.v.exitCode === 0 || x.r.errors[0]?.message === x.v.errorMessage);
      return [cls, rs.length, agree.length, rs.length - agree.length, sameFirst.length] as const;
    });
    const all = rows();
    const total = ['all', all.length, ...[2, 3, 4].map((i) => byClass.reduce((s, r) => s + Number(r[i]), 0))] as const;
    console.log(`\noracle agreement (live monit vs VERDICTS.tsv)\n${table(['class', 'files', 'same verdict', 'differs', 'same 1st error'], [...byClass, total])}`);
    expect(all.every((x) => x.r.timedOut === false)).toBe(true);
  });

  it('gives the recorded verdict for every ok, syntax and semantic file', (ctx) => {
    if (results === undefined) ctx.skip();
    const wrong = rows()
      .filter((x) => x.v.cls !== 'host-dependent' && x.r.accepted !== (x.v.exitCode === 0))
      .map((x) => `${x.id} (${x.v.cls}): VERDICTS.tsv exit ${x.v.exitCode}, live exit ${x.r.exitCode}: ${x.r.errors[0]?.message ?? x.r.output.trim()}`);
    expect(wrong).toEqual([]);
  });

  it('prints why host-dependent verdicts differ here (never fails)', (ctx) => {
    if (results === undefined) ctx.skip();
    const reasons = new Map<string, number>();
    for (const x of rows()) {
      if (x.v.cls !== 'host-dependent' || x.r.accepted === (x.v.exitCode === 0)) continue;
      const why = x.r.accepted ? `accepted here; corpus: ${messageKind(x.v.errorMessage ?? '')}` : `rejected here: ${messageKind(x.r.errors[0]?.message ?? '')}`;
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    const list = [...reasons].sort((a, b) => b[1] - a[1]);
    console.log(list.length === 0 ? 'host-dependent files: all verdicts as recorded' : `\nhost-dependent differences\n${table(['reason', 'files'], list.map(([k, n]) => [k, n]))}`);
  });
});
