/**
 * ML301: a checksum test on a package-owned file whose action takes the service out
 * (monit-semantics §5.2–§5.3, §11; package-managers.md §2: every upgrade pattern replaces the file).
 */
import { defineRule } from '../types.js';
import { disrupts, watchedPath } from '../helpers.js';

export default defineRule({
  code: 'ML301',
  name: 'checksum-race',
  severity: 'warning',
  title: 'Checksum test with unmonitor/stop/restart on a package-owned file',
  rationale:
    'Monit takes the checksum baseline when it reads its configuration and never updates it at run time (monit-semantics §5.2, §5.3). ' +
    'Every package upgrade replaces the file, so the first pass afterwards fails the test and runs its action: ' +
    'an `unmonitor` silently ends supervision of the file and of every service that depends on it (§4.8, §11). ' +
    'Use `then alert` for package-owned files, or pause Monit for package transactions (`monitlint guard`).',
  bad: `set daemon 30
check file sshd_bin with path /usr/sbin/sshd
    if failed checksum then unmonitor
`,
  good: `set daemon 30
check file sshd_bin with path /usr/sbin/sshd
    if failed checksum then alert
`,
  appliesTo: ['test'],
  check({ service, test }, ctx) {
    if (test.kind !== 'checksum') return;
    const path = watchedPath(service);
    const action = test.actions.failAction;
    if (!path || !disrupts(action)) return;
    const owner = ctx.model.ownership.ownerOf(path);
    if (!owner.owned) return;
    ctx.report({
      at: test.keywordSpan,
      message: `checksum test on '${path}' (${ctx.model.ownership.describe(path)}) fails on the next package upgrade and runs '${action.kind}' on '${service.name.value}'.`,
      hint: 'Use `then alert` for package-owned files, or install a package-manager guard that pauses Monit during transactions.',
      related: [{ at: action.span, message: `the '${action.kind}' action` }],
    });
  },
});
