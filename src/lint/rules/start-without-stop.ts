/** ML503: a process check with a start program but no stop program (monit-semantics §2.4, §4.4–§4.5). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML503',
  name: 'start-without-stop',
  severity: 'warning',
  title: 'Start program without a stop program',
  rationale:
    'Monit stops a process with its stop program: for `monit stop`, for a `stop` action, and as the first half of a restart when no restart program is given ' +
    '(monit-semantics §4.4, §4.5). Without one, a restart only runs the start program next to the still-running (hung) process, and `monit stop` does nothing.',
  bad: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
`,
  good: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
`,
  appliesTo: ['service'],
  check({ service }, ctx) {
    if (service.kind !== 'process' || !service.complete || !service.start || service.stop) return;
    ctx.report({
      at: service.start.span,
      message: `'${service.name.value}' has a start program but no stop program: Monit cannot stop it, and a restart starts a second instance beside a hung one.`,
      hint: "Add 'stop program = \"…\"'.",
    });
  },
});
