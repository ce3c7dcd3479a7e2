/** ML505: a control file with services and no `set daemon`. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML505',
  name: 'no-set-daemon',
  severity: 'warning',
  title: 'No `set daemon`',
  rationale:
    'Without `set daemon N` (or `-d` on the command line) Monit checks every service once and exits instead of supervising them ' +
    '(monit(1), "Daemon mode"). Fragments are not checked: their root declares it.',
  bad: `check system web
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    if (ctx.model.fragment || config.settings.daemon || config.settings.init || config.services.length === 0) return;
    const first = config.services[0];
    if (!first) return;
    ctx.report({
      at: { file: config.file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 },
      message: "there is no 'set daemon': Monit checks the services once and exits instead of supervising them.",
      hint: "Add 'set daemon 30' (the poll interval in seconds).",
    });
  },
});
