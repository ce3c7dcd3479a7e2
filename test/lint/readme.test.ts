/** The README's rule table is generated from the rule files (STYLE.md "Docs are tests"). UPDATE_GOLDEN=1 rewrites it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readmeRuleTable } from '../../src/lint/docs.js';
import { repoRoot } from '../support/corpus.js';

const START = '<!-- rule-table:start -->';
const END = '<!-- rule-table:end -->';

it('README rule table is current', () => {
  const path = join(repoRoot, 'README.md');
  const readme = readFileSync(path, 'utf8');
  expect(readme).toContain(START);
  const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
  const table = `${START}\n${readmeRuleTable()}${END}`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, readme.replace(current, table));
  else expect(current).toBe(table);
});
