/** ML003: a suppression that silenced nothing. The engine checks it. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML003',
  name: 'unused-suppression',
  severity: 'warning',
  title: 'Suppression that suppresses nothing',
  rationale:
    'A directive left behind after the configuration was fixed would silently hide the next real finding on that statement. ' +
    'Remove it (Ruff RUF100, ESLint --report-unused-disable-directives).',
  bad: `set daemon 30
check system web
    # monitlint ignore=ML507 -- no duplicate here
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: [],
});
