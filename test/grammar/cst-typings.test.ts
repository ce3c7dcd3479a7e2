import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cstTypings } from '../../grammar/cst-typings.js';
import { repoRoot } from '../support/corpus.js';

it('grammar/cst.d.ts is current (run `npm run gen:cst` after changing the grammar)', () => {
  expect(readFileSync(join(repoRoot, 'grammar', 'cst.d.ts'), 'utf8')).toBe(cstTypings());
});
