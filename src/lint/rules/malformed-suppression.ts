/** ML002: a `# monitlint …` comment the engine cannot read. The engine checks it. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML002',
  name: 'malformed-suppression',
  severity: 'warning',
  title: 'Malformed `# monitlint` directive',
  rationale:
    'A directive is `# monitlint [service|global] ignore=CODE[,CODE…] [-- reason]`. Anything else after `# monitlint` is ignored by the engine, ' +
    'so the finding it was meant to silence still shows, or worse, the author believes a wider scope than the one written.',
  bad: `set daemon 30
# monitlint ignroe=ML505
check system web
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: [],
});
