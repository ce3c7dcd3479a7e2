/**
 * Every lint format on one run with findings in a root and an included file: SARIF validated
 * against the official 2.1.0 schema (shipped in @microsoft/jest-sarif, MIT), GitHub escaping,
 * well-formed XML, the JSON schema version, deterministic output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatGithub, escapeData, escapeProperty } from '../../src/report/github.js';
import { formatLintJson } from '../../src/report/lint-json.js';
import { formatConcise, type LintRun } from '../../src/report/lint-report.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';
import { formatCheckstyle, formatJunit } from '../../src/report/xml.js';
import { lintString } from '../lint/support.js';

const require = createRequire(import.meta.url);

/**
 * The final SARIF 2.1.0 schema (rtm.5) is written in draft-04, which differs from Ajv's default
 * draft-07 here only in the name of the root's `id` keyword.
 */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  // One pattern of the schema (the language tag) is not valid with the `u` flag.
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
}

function sampleRun(): LintRun {
  const root = 'set daemon 30\ninclude /etc/monit/conf.d/*.conf\nset httpd port 2812 allow admin:monit\n';
  const frag = 'check file f with path /usr/bin/f\n  if failed checksum then unmonitor # a, b: "c" <d> & 100%\n';
  const r = lintString(root, { files: { '/etc/monit/conf.d/f.conf': frag } });
  const sources = new Map(r.parsed.config.files.map((f) => [f.path, f.text]));
  return { files: [{ file: r.file, fullyParsed: r.fullyParsed, accepted: r.accepted, fragment: r.fragment, diagnostics: r.diagnostics }], sources, version: '0.1.0' };
}

describe('formats', () => {
  const run = sampleRun();

  it('has findings in the root and in the included file', () => {
    const files = new Set(run.files[0]?.diagnostics.map((d) => d.span.file));
    expect(files).toEqual(new Set(['/etc/monitrc', '/etc/monit/conf.d/f.conf']));
  });

  it('sarif is valid SARIF 2.1.0 with codes as ruleId, helpUri and include chains as related locations', () => {
    const validate = sarifValidator();
    const doc = JSON.parse(formatSarif(run)) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }>; relatedLocations?: unknown[] }>; tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const results = doc.runs[0]?.results ?? [];
    const race = results.find((x) => x.ruleId === 'ML301');
    expect(race?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 13 });
    expect(race?.relatedLocations?.length).toBeGreaterThan(0);
    expect(doc.runs[0]?.tool.driver.rules.find((r) => r.id === 'ML301')?.helpUri).toMatch(/^https:\/\/.+#ml301$/);
  });

  it('sarif of a run that is not valid (a region at column 0) is rejected by the same validator', () => {
    const validate = sarifValidator();
    const doc = JSON.parse(formatSarif(run)) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startColumn: number } } }> }> }> };
    const loc = doc.runs[0]?.results[0]?.locations[0];
    if (loc) loc.physicalLocation.region.startColumn = 0;
    expect(validate(doc)).toBe(false);
  });

  it('github escapes data and properties as the runner expects', () => {
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('x:y,z%')).toBe('x%3Ay%2Cz%25');
    const out = formatGithub(run);
    expect(out).toMatch(/^::error file=\/etc\/monitrc,line=3,col=\d+,endLine=3,endColumn=\d+,title=ML401 httpd-default-credentials::/m);
    expect(out.split('\n').filter(Boolean).every((l) => l.startsWith('::'))).toBe(true);
  });

  it('checkstyle and junit are well-formed and escape XML', () => {
    for (const xml of [formatCheckstyle(run), formatJunit(run)]) {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      for (const m of xml.matchAll(/="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
    }
    expect(formatCheckstyle(run)).toContain('source="monitlint.ML301.checksum-race"');
    expect(formatJunit(run)).toMatch(/<testsuites name="monitlint" tests="1" failures="1">/);
  });

  it('json carries the schema version and 1-based positions', () => {
    const doc = JSON.parse(formatLintJson(run)) as { version: number; files: Array<{ diagnostics: Array<{ code: string; line: number; column: number; includedFrom?: unknown[] }> }> };
    expect(doc.version).toBe(1);
    const d = doc.files[0]?.diagnostics.find((x) => x.code === 'ML301');
    expect(d).toMatchObject({ line: 2, column: 13 });
    expect(d?.includedFrom).toHaveLength(1);
  });

  it('stylish draws the source line and ^~~~ under the span; colour level 0 emits no escapes', () => {
    const out = formatStylish(run, new Chalk({ level: 0 }));
    expect(out).toContain('2 |   if failed checksum then unmonitor');
    expect(out).toContain('  |             ^~~~~~~');
    expect(out).not.toContain('\u001b[');
    expect(formatStylish(run, new Chalk({ level: 1 }))).toContain('\u001b[');
  });

  it('is byte-identical for identical input', () => {
    const again = sampleRun();
    for (const f of [formatConcise, formatLintJson, formatSarif, formatGithub, formatCheckstyle, formatJunit]) expect(f(again)).toBe(f(run));
  });
});
