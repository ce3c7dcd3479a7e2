/** ML502: a start or restart action on a check that has no start program (monit-semantics §2.5, §3.6). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML502',
  name: 'restart-without-start',
  severity: 'warning',
  title: 'Restart or start action on a process check with no start program',
  rationale:
    'A `restart` or `start` action runs the start program (or the restart program). A process check without one cannot be started: ' +
    'the action only logs a failure at every cycle, and the daemon stays down. Add a start program, or alert.',
  bad: `set daemon 30
check process cron with pidfile /run/crond.pid
    if 3 restarts within 5 cycles then alert
    if failed unixsocket /run/cron.sock then restart
`,
  good: `set daemon 30
check process cron with pidfile /run/crond.pid
    start program = "/usr/sbin/cron"
    stop program = "/usr/bin/pkill -x cron"
    if 3 restarts within 5 cycles then alert
    if failed unixsocket /run/cron.sock then restart
`,
  appliesTo: ['test'],
  check({ service, test }, ctx) {
    if (service.kind !== 'process' || service.start || !service.complete) return;
    const a = test.actions.failAction;
    if (a.kind !== 'restart' && a.kind !== 'start') return;
    if (a.kind === 'restart' && service.restart) return;
    ctx.report({
      at: a.span,
      message: `'${a.kind}' on '${service.name.value}', which has no start program: Monit cannot start it.`,
      hint: "Add 'start program = \"…\"' to the check, or use 'then alert'.",
    });
  },
});
