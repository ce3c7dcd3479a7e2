/**
 * ML305: a restart limit that a package transaction can reach on its own, given the poll
 * interval (monit-semantics §3.7; package-managers.md §4.3 pattern A downtime).
 */
import { defineRule } from '../types.js';
import { takesOut } from '../helpers.js';

/**
 * How long a routine package transaction can keep a daemon down, in seconds. Pattern A (stop in
 * the new preinst, start in the configure pass) keeps it down for the rest of the whole run's
 * unpack phase (package-managers.md §4.3); two minutes is an ordinary multi-package upgrade.
 */
export const TRANSACTION_DOWNTIME_SECONDS = 120;

export default defineRule({
  code: 'ML305',
  name: 'restart-limit-transaction',
  severity: 'warning',
  title: 'Restart limit that an ordinary package transaction reaches',
  rationale:
    `Monit counts each start it makes after a failed test, and once \`N restarts within M cycles\` holds it runs the limit's action, ` +
    `usually \`unmonitor\` (monit-semantics §3.7). During a package transaction the daemon can stay down, or fail to start from a half-configured ` +
    `package, for the rest of the unpack phase (package-managers.md §4.3, pattern A): about ${TRANSACTION_DOWNTIME_SECONDS} s in an ordinary upgrade. ` +
    'If the poll interval fits N passes into that time, the upgrade alone unmonitors the service. Raise N, lengthen the window, or alert.',
  bad: `set daemon 10
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 3 restarts within 5 cycles then unmonitor
`,
  good: `set daemon 60
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 3 restarts within 5 cycles then unmonitor
`,
  appliesTo: ['restart-limit'],
  check({ service, limit }, ctx) {
    if (!takesOut(limit.action)) return;
    const every = service.every?.kind === 'cycles' ? service.every.cycles.value : 1;
    const period = ctx.model.pollSeconds * Math.max(1, every);
    // Passes of this service that fall inside the downtime, each one a counted start attempt.
    const passes = Math.ceil(TRANSACTION_DOWNTIME_SECONDS / period);
    const n = limit.restarts.value;
    if (n > passes || n > limit.cycles.value) return;
    ctx.report({
      at: limit.restarts.span,
      message: `'${n} restarts within ${limit.cycles.value} cycles' is reached after ${n * period} s of failed starts (poll ${period} s), within an ordinary package transaction; '${service.name.value}' is then ${limit.viaTimeout ? 'unmonitored' : limit.action.kind === 'stop' ? 'stopped' : 'unmonitored'}.`,
      hint: `Allow more than ${passes} restarts, or alert instead of '${limit.viaTimeout ? 'timeout' : limit.action.kind}', or pause Monit during package transactions.`,
    });
  },
});
