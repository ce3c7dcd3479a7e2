/**
 * ML303: a service depends, directly or through others, on a check whose test can unmonitor or
 * stop it; the action reaches every child (monit-semantics §4.2, §4.4, §4.7, §4.8).
 */
import type { Service, Test } from '../../config/model.js';
import { defineRule } from '../types.js';
import { takesOut } from '../helpers.js';

function outTest(s: Service): Test | undefined {
  return s.tests.find((t) => takesOut(t.actions.failAction));
}

export default defineRule({
  code: 'ML303',
  name: 'depends-on-unmonitor',
  severity: 'warning',
  title: '`depends on` a check that can unmonitor or stop this service',
  rationale:
    'Stop and unmonitor travel from a service to the services that depend on it (monit-semantics §4.2, §4.4, §4.7). ' +
    'When the parent is a file check with `then unmonitor` (the mysql example: `mysqld depends on mysql_bin`), ' +
    'a package upgrade that changes the file also unmonitors the daemon, with no alert for the daemon at all (§4.8). ' +
    'Depend only on checks whose failure should really take this service down, or make the parent alert instead.',
  bad: `set daemon 30
check process sshd with pidfile /run/sshd.pid
    start program = "/usr/sbin/sshd"
    stop program = "/bin/kill -TERM 1"
    depends on sshd_bin
check file sshd_bin with path /usr/sbin/sshd
    if failed checksum then unmonitor
`,
  good: `set daemon 30
check process sshd with pidfile /run/sshd.pid
    start program = "/usr/sbin/sshd"
    stop program = "/bin/kill -TERM 1"
    depends on sshd_bin
check file sshd_bin with path /usr/sbin/sshd
    if failed checksum then alert
`,
  appliesTo: ['depends-on'],
  check({ service, parent }, ctx) {
    const p = ctx.model.graph.service(parent.value);
    if (!p) return;
    let chainNames: string[];
    let culprit: Service;
    const direct = outTest(p);
    if (direct) {
      chainNames = [service.name.value, p.name.value];
      culprit = p;
    } else {
      const chains = ctx.model.graph.ancestorChains(p, (a) => outTest(a) !== undefined);
      const first = chains[0];
      const last = first?.[first.length - 1];
      if (!first || !last) return;
      chainNames = [service.name.value, p.name.value, ...first.map((st) => st.to.name.value)];
      culprit = last.to;
    }
    if (culprit === service) return; // a loop is the checker's ML202
    const t = outTest(culprit);
    if (!t) return;
    const action = t.actions.failAction.kind;
    ctx.report({
      at: parent.span,
      message: `'${service.name.value}' depends on '${chainNames.slice(1).join("' → '")}', whose ${t.kind} test runs '${action}' and so also ${action === 'stop' ? 'stops and unmonitors' : 'unmonitors'} '${service.name.value}' (chain: ${chainNames.join(' → ')}).`,
      hint: `Make '${culprit.name.value}' alert instead, or drop the dependency if its failure should not take '${service.name.value}' down.`,
      related: [{ at: t.keywordSpan, message: `the ${t.kind} test of '${culprit.name.value}' that runs '${action}'` }],
    });
  },
});
