/**
 * The linter over the whole corpus (`../shared/corpus/files` and `templates`): no crash, no
 * internal error, and the findings per rule that the README reports. Includes are not followed
 * (an empty Fs), so the counts do not depend on the machine's /etc/monit.
 *
 * UPDATE_GOLDEN=1 rewrites the README table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint/api.js';
import { allCodes } from '../../src/lint/docs.js';
import { listPlainFiles, listTemplates, repoRoot, requireCorpus } from '../support/corpus.js';
import { memFs } from './support.js';

const START = '<!-- corpus-counts:start -->';
const END = '<!-- corpus-counts:end -->';

describe('corpus', () => {
  const dir = requireCorpus();
  it.runIf(dir !== null)('lints every file and template without a crash or internal error; README counts are current', () => {
    const manifest = new Map(
      readFileSync(join(dir ?? '', 'MANIFEST.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => {
          const c = l.split('\t');
          return [c[0] ?? '', c[3] ?? ''] as const;
        }),
    );
    const fs = memFs();
    const findings = new Map<string, number>();
    const files = new Map<string, number>();
    let count = 0;
    for (const f of [...listPlainFiles(), ...listTemplates()]) {
      const original = manifest.get(f.id) ?? '';
      const base = original.slice(original.lastIndexOf('/') + 1);
      const text = readFileSync(f.path, 'latin1');
      // Fragment unless the repository called it monitrc… or it sets the poll interval.
      const fragment = !/^monitrc/i.test(base) && !/^\s*set\s+(daemon|init)\b/im.test(text);
      const r = lintText(f.path, text, { fs, cwd: '/', fragment });
      count++;
      expect(r.internalError, f.path).toBe(false);
      const seen = new Set<string>();
      for (const d of r.diagnostics) {
        findings.set(d.code, (findings.get(d.code) ?? 0) + 1);
        if (!seen.has(d.code)) files.set(d.code, (files.get(d.code) ?? 0) + 1);
        seen.add(d.code);
      }
    }
    expect(count).toBe(1699);
    const rows = allCodes()
      .filter((c) => c.code !== 'ML000')
      .map((c) => `| ${c.code} | \`${c.name}\` | ${findings.get(c.code) ?? 0} | ${files.get(c.code) ?? 0} |`);
    const table = `${START}\n| Code | Name | Findings | Files |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n${END}`;
    const readmePath = join(repoRoot, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    if (process.env.UPDATE_GOLDEN === '1' && readme.includes(START)) writeFileSync(readmePath, readme.replace(current, table));
    else expect(current).toBe(table);
  });
});
