/** ML306: a process check with a start program and no restart limit (monit-semantics §3.5, §3.7). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML306',
  name: 'no-restart-limit',
  severity: 'info',
  title: 'Process check without a restart limit',
  rationale:
    'Without `if N restarts within M cycles`, Monit re-runs the start program at every failing pass for ever (monit-semantics §3.5). ' +
    'When an upgrade leaves a daemon that cannot start (a new configuration it rejects, a half-configured package), Monit restarts it every cycle, ' +
    'and nobody is told that it gave up, because it never does. A limit with `then alert` or `then unmonitor` turns the loop into one clear event.',
  bad: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
`,
  good: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 3 restarts within 5 cycles then alert
`,
  appliesTo: ['service'],
  check({ service }, ctx) {
    if (service.kind !== 'process' || !service.complete || !service.start || service.restartLimits.length > 0) return;
    if (service.mode && service.mode.value !== 'active') return;
    ctx.report({
      at: service.name.span,
      message: `process check '${service.name.value}' has no restart limit: Monit restarts it at every failing cycle without end.`,
      hint: "Add 'if 3 restarts within 5 cycles then alert' (or 'then unmonitor').",
    });
  },
});
