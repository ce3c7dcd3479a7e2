/** ML508: a connection test whose timeout × retries outlasts the poll interval (monit-semantics §1.1, §9.7). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML508',
  name: 'port-timeout-exceeds-poll',
  severity: 'warning',
  title: 'Connection test timeout × retries longer than the poll interval',
  rationale:
    'Monit tests services one after another in a single thread: a hanging port test blocks every later check and delays the next pass ' +
    '(monit-semantics §1.1, §9.7). When timeout × retries exceeds the poll interval, one dead server stretches every cycle and the real interval is longer than configured.',
  bad: `set daemon 10
check host db with address 10.0.0.5
    if failed port 5432 with timeout 15 seconds then alert
`,
  good: `set daemon 10
check host db with address 10.0.0.5
    if failed port 5432 with timeout 5 seconds then alert
`,
  appliesTo: ['test'],
  check({ service, test }, ctx) {
    if (test.kind !== 'port' && test.kind !== 'url' && test.kind !== 'unixsocket') return;
    const c = test.connection;
    const timeout = c.timeout?.value ?? ctx.model.config.settings.limits.networkTimeout / 1000;
    const retries = Math.max(1, c.retry?.value ?? 1);
    const every = service.every?.kind === 'cycles' ? service.every.cycles.value : 1;
    const poll = ctx.model.pollSeconds * every;
    if (timeout * retries <= poll) return;
    ctx.report({
      at: c.timeout?.span ?? c.retry?.span ?? test.keywordSpan,
      message: `a ${test.kind} test that times out waits ${timeout * retries} s (${timeout} s × ${retries}), longer than the ${poll} s poll interval: one dead peer delays every check.`,
      hint: `Lower the timeout or retries to fit within ${poll} s, or raise 'set daemon'.`,
    });
  },
});
