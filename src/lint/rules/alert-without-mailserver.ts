/** ML504: alert recipients but no `set mailserver`. */
import type { Span } from '../../config/model.js';
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML504',
  name: 'alert-without-mailserver',
  severity: 'warning',
  title: 'Alerts configured but no `set mailserver`',
  rationale:
    'Alerts are mailed through the servers of `set mailserver`. With none, Monit 5.33 logs "Mail: No mail servers are defined" for every alert and delivers nothing (observed). ' +
    'Fragments (conf.d files) are not checked: their root may declare the mail server.',
  bad: `set daemon 30
set alert ops@example.com
check system web
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
set mailserver localhost
set alert ops@example.com
check system web
    if loadavg (5min) > 4 then alert
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    if (ctx.model.fragment || !ctx.model.complete || config.settings.mailservers.length > 0) return;
    const first: Span | undefined = config.settings.alerts[0]?.span ?? config.services.flatMap((s) => s.alerts)[0]?.span;
    if (!first) return;
    ctx.report({
      at: first,
      message: "alert recipients are configured but there is no 'set mailserver': Monit delivers no alert ('No mail servers are defined').",
      hint: "Add 'set mailserver localhost' (or your relay).",
    });
  },
});
