/**
 * Writes grammar/cst.d.ts, the typings of the parser's CST, generated from the grammar itself.
 * `npm run gen:cst` after a grammar change; a test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cstTypings } from '../grammar/cst-typings.js';

writeFileSync(fileURLToPath(new URL('../grammar/cst.d.ts', import.meta.url)), cstTypings());
