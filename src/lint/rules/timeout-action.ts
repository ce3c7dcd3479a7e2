/** ML308: the deprecated `then timeout` of a restart limit (monit-semantics §3.7). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML308',
  name: 'timeout-action',
  severity: 'warning',
  title: 'Deprecated `then timeout` action',
  rationale:
    '`then timeout` is still accepted by Monit 5.33 and means `then unmonitor` (monit-semantics §3.7): after the restart limit, the service ' +
    'silently stops being supervised. During a package upgrade that is the state the daemon is left in. Write the action you mean: ' +
    '`then unmonitor` if that is really wanted, `then alert` to be told and keep supervision.',
  bad: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 5 restarts within 5 cycles then timeout
`,
  good: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 5 restarts within 5 cycles then alert
`,
  appliesTo: ['restart-limit'],
  check({ service, limit }, ctx) {
    if (!limit.viaTimeout) return;
    ctx.report({
      at: limit.action.span,
      message: `'then timeout' is deprecated and means 'then unmonitor': '${service.name.value}' silently leaves supervision after ${limit.restarts.value} restarts.`,
      hint: "Write 'then alert' to keep supervising, or 'then unmonitor' if that is what you want.",
    });
  },
});
