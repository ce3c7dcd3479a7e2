/**
 * ML305: a restart limit that one package transaction reaches on its own, given the poll interval
 * (monit-semantics §3.7, §11 consequence 2; package-managers.md §2, §4.3).
 */
import { defineRule } from '../types.js';
import { takesOut } from '../helpers.js';

/**
 * Counted restarts one package transaction can cause: monit-semantics §11 finds at most one in
 * the mysql timeline, "two in unusual timings" (a pass in the stop/start gap of pattern A and
 * another in a postinst restart, package-managers.md §2).
 */
export const TRANSACTION_RESTARTS = 2;
/**
 * How far apart those two restarts can be, in seconds: pattern A keeps the daemon down for the
 * rest of the unpack phase of the whole run, then the configure pass restarts it (§4.3). A minute
 * is an ordinary multi-package upgrade.
 */
export const TRANSACTION_SPAN_SECONDS = 60;

export default defineRule({
  code: 'ML305',
  name: 'restart-limit-transaction',
  severity: 'warning',
  title: 'Restart limit that an ordinary package transaction reaches',
  rationale:
    'Monit counts each start it makes after a failed test, and once `N restarts within M cycles` holds it runs the limit\'s action, usually ' +
    '`unmonitor` (monit-semantics §3.7). One package transaction that stops and starts the daemon makes Monit count one restart, two in unlucky ' +
    'timings (§11, consequence 2; package-managers.md §2 pattern A then a restart at configure). A limit of 1, or of 2 with a window of M cycles × the poll ' +
    `interval of at least ${TRANSACTION_SPAN_SECONDS} s, is reached by a routine upgrade and leaves the daemon unsupervised. Allow at least 3 restarts, or alert.`,
  bad: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 2 restarts within 3 cycles then unmonitor
`,
  good: `set daemon 30
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
    const n = limit.restarts.value;
    const window = limit.cycles.value * period;
    const reached = n === 1 || (n === TRANSACTION_RESTARTS && window >= TRANSACTION_SPAN_SECONDS);
    if (!reached || n > limit.cycles.value) return;
    const outcome = limit.action.kind === 'stop' ? 'stopped' : 'unmonitored';
    ctx.report({
      at: limit.restarts.span,
      message:
        n === 1
          ? `'1 restart within ${limit.cycles.value} cycles' is reached by the single restart a package upgrade causes; '${service.name.value}' is then ${outcome}.`
          : `'${n} restarts within ${limit.cycles.value} cycles' (${window} s at a ${period} s poll) is reached when one package transaction stops the daemon twice; '${service.name.value}' is then ${outcome}.`,
      hint: `Allow at least ${TRANSACTION_RESTARTS + 1} restarts, alert instead of '${limit.viaTimeout ? 'timeout' : limit.action.kind}', or pause Monit during package transactions.`,
    });
  },
});
