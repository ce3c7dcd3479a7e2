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
  bad: `set log syslog
check system web
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
set log syslog
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    const s = config.settings;
    if (ctx.model.fragment || !ctx.model.complete || s.daemon || s.init || config.services.length === 0) return;
    // Only a file that sets other globals is clearly a root; a file of bare checks is a fragment
    // even when it is called monitrc (the corpus has many: Capistrano's config/monitrc).
    const rootLike = s.log || s.httpd || s.mailservers.length > 0 || s.alerts.length > 0 || s.pidfile || s.statefile || s.idfile || s.eventqueue || s.mmonit.length > 0;
    if (!rootLike) return;
    // A `#!monit` first line (corpus 0001, 0197, …) marks a file run by a wrapper, typically an
    // Upstart job giving `-d N`: the interval is outside the file.
    const text = config.files.find((f) => f.path === config.file)?.text ?? '';
    if (text.startsWith('#!')) return;
    const first = config.services[0];
    if (!first) return;
    ctx.report({
      at: { file: config.file, line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 },
      message: "there is no 'set daemon': unless started with -d, Monit checks the services once and exits instead of supervising them.",
      hint: "Add 'set daemon 30' (the poll interval in seconds).",
    });
  },
});
