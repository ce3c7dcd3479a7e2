/** ML001: a suppression naming a rule that does not exist, or one that cannot be suppressed. The engine checks it. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML001',
  name: 'unknown-suppression',
  severity: 'warning',
  title: 'Suppression names an unknown or unsuppressible rule',
  rationale:
    'A typo in `# monitlint ignore=ML3O1` suppresses nothing and hides the mistake. Monit-parity findings (ML1xx, ML2xx) cannot be suppressed at all: ' +
    'a comment cannot make Monit accept the file (STYLE.md, "Suppressions and config").',
  bad: `set daemon 30
# monitlint ignore=ML999 -- no such rule
check system web
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: [],
});
