/** The engine's own duties: internal errors, suppressions, fragment mode, includes. */
import { describe, expect, it } from 'vitest';
import { defineRule } from '../../src/lint/types.js';
import { RULES } from '../../src/lint/rules/index.js';
import { brief, lintString } from './support.js';

const boom = defineRule({
  code: 'ML599',
  name: 'boom',
  severity: 'warning',
  title: 'throws',
  rationale: 'test rule',
  bad: '',
  good: '',
  appliesTo: ['service'],
  check() {
    throw new Error('kaboom');
  },
});

describe('engine', () => {
  it('turns an exception in a rule into one ML000 internal-error finding and flags the run', () => {
    const r = lintString('set daemon 30\ncheck system a\ncheck system b\n', { rules: [...RULES, boom] });
    expect(r.internalError).toBe(true);
    const errs = r.diagnostics.filter((d) => d.code === 'ML000');
    expect(errs).toHaveLength(1);
    expect(errs[0]?.message).toContain('ML599 boom failed: kaboom');
  });

  it('reports the checker findings (parity) and never calls a file that did not parse clean', () => {
    const r = lintString('set daemon 30\ncheck process x with pidfile /x\n   if failed port then restart\n');
    expect(r.fullyParsed).toBe(false);
    expect(r.diagnostics.some((d) => d.code === 'ML101' && d.severity === 'error')).toBe(true);
  });

  it('in fragment mode, an unknown dependency is information, not an error', () => {
    const text = 'check process a with pidfile /a\n  start program = "/bin/a"\n  stop program = "/bin/a"\n  if 3 restarts within 5 cycles then alert\n  depends on b\n';
    const root = lintString(text);
    expect(root.diagnostics.find((d) => d.code === 'ML202')?.severity).toBe('error');
    const frag = lintString(text, { fragment: true });
    expect(frag.diagnostics.find((d) => d.code === 'ML202')?.severity).toBe('info');
    expect(frag.diagnostics.some((d) => d.code === 'ML505')).toBe(false);
  });

  it('reports findings inside included files with the include chain', () => {
    const r = lintString('set daemon 30\ninclude /etc/monit.d/*.conf\n', {
      files: { '/etc/monit.d/a.conf': 'check file f with path /usr/bin/f\n  if failed checksum then unmonitor\n' },
    });
    const d = r.diagnostics.find((x) => x.code === 'ML301');
    expect(d?.span.file).toBe('/etc/monit.d/a.conf');
    expect(d?.includedFrom?.[0]?.line).toBe(2);
  });

  it('applies per-rule severities and off', () => {
    const text = 'set log syslog\ncheck system web\n  if loadavg (5min) > 4 then alert\n';
    expect(brief(lintString(text))).toEqual(["1:1 ML505"]);
    expect(lintString(text, { settings: new Map([['ML505', 'error']]) }).diagnostics[0]?.severity).toBe('error');
    expect(lintString(text, { settings: new Map([['ML505', 'off']]) }).diagnostics).toEqual([]);
  });
});

describe('trivia (comments and includes the lexer records)', () => {
  it('a # inside a quoted value is not a comment; include patterns are found quoted or bare', async () => {
    const { collectTrivia } = await import('../../src/lint/trivia.js');
    const r = lintString('set daemon 30 # poll\ncheck file x with path "/srv/a#b"\n  if failed checksum then alert\ninclude "/etc/monit/conf.d/*.conf"\ninclude /etc/x/*\n');
    const t = collectTrivia(r.parsed.files, r.parsed.trivia);
    expect(t.comments.map((c) => `${c.span.line}:${c.span.column} ${c.text}`)).toEqual(['1:15  poll']);
    expect(t.includes.map((i) => `${i.patternSpan.line}:${i.patternSpan.column} ${i.pattern}`)).toEqual(['4:9 /etc/monit/conf.d/*.conf', '5:9 /etc/x/*']);
  });
});

describe('suppressions', () => {
  const race = 'set daemon 30\ncheck file f with path /usr/bin/f\n';

  it('ignore= silences the next statement only, by code or by name', () => {
    const text = `${race}  # monitlint ignore=ML301 -- vendor binary pinned\n  if failed checksum then unmonitor\n  if failed checksum then unmonitor\n`;
    expect(brief(lintString(text)).filter((x) => x.endsWith('ML301'))).toEqual(['5:13 ML301']);
    const byName = text.replace('ML301', 'checksum-race');
    expect(brief(lintString(byName)).filter((x) => x.endsWith('ML301'))).toEqual(['5:13 ML301']);
  });

  it('a statement directive before a check does not widen to the service', () => {
    const text = `set daemon 30\n# monitlint ignore=ML301\ncheck file f with path /usr/bin/f\n  if failed checksum then unmonitor\n`;
    const r = lintString(text);
    expect(brief(r)).toContain('4:13 ML301');
    expect(brief(r)).toContain('2:20 ML003');
  });

  it('service ignore= covers one check entry, global ignore= the file', () => {
    const two = 'check file f with path /usr/bin/f\n  if failed checksum then unmonitor\ncheck file g with path /usr/bin/g\n  if failed checksum then unmonitor\n';
    const svc = lintString(`set daemon 30\n# monitlint service ignore=ML301\n${two}`);
    expect(brief(svc).filter((x) => x.endsWith('ML301'))).toEqual(['6:13 ML301']);
    const glob = lintString(`set daemon 30\n# monitlint global ignore=ML301\n${two}`);
    expect(brief(glob).filter((x) => x.endsWith('ML301'))).toEqual([]);
  });

  it('reports unknown, unsuppressible, malformed and unused directives', () => {
    const text = `${race}  # monitlint ignore=ML999,ML201\n  if failed checksum then unmonitor\n# monitlint ignroe=ML301\n# monitlint ignore=ML507\ncheck system s\n`;
    const r = brief(lintString(text));
    expect(r).toContain('3:22 ML001');
    expect(r).toContain('3:28 ML001');
    expect(r).toContain('5:1 ML002');
    expect(r).toContain('6:20 ML003');
  });

  it('--no-inline-config ignores every directive', () => {
    const text = `${race}  # monitlint ignore=ML301\n  if failed checksum then unmonitor\n# monitlint bogus\n`;
    const r = brief(lintString(text, { inlineConfig: false }));
    expect(r).toContain('4:13 ML301');
    expect(r.some((x) => /ML00\d$/.test(x))).toBe(false);
  });

  it('cannot suppress parity findings', () => {
    const text = 'set daemon 30\n# monitlint ignore=ML201\ncheck system a\ncheck system a\n';
    const r = lintString(text);
    expect(r.diagnostics.some((d) => d.code === 'ML201')).toBe(true);
  });
});
