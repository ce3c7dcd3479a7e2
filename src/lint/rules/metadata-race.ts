/**
 * ML302: permission, owner, size or timestamp tests on a package-owned path whose action takes
 * the service out (monit-semantics §5.5–§5.8; package-managers.md §2).
 */
import { defineRule } from '../types.js';
import { disrupts, watchedPath } from '../helpers.js';

const KINDS = new Set(['permission', 'uid', 'gid', 'size', 'timestamp']);

export default defineRule({
  code: 'ML302',
  name: 'metadata-race',
  severity: 'warning',
  title: 'Permission/uid/gid/size/timestamp test with unmonitor/stop/restart on a package-owned path',
  rationale:
    'A package upgrade rewrites the files it owns: the size and timestamps change every time, and a new package version may ship ' +
    'another mode or owner (monit-semantics §5.5–§5.8). A test whose action is `unmonitor`, `stop` or `restart` then takes the service, ' +
    'and everything that depends on it, out of supervision in the middle of a routine upgrade. Alert instead, or pause Monit for package transactions.',
  bad: `set daemon 30
check file mysql_bin with path /usr/sbin/mysqld
    if failed permission 755 then unmonitor
`,
  good: `set daemon 30
check file mysql_bin with path /usr/sbin/mysqld
    if failed permission 755 then alert
`,
  appliesTo: ['test'],
  check({ service, test }, ctx) {
    if (!KINDS.has(test.kind)) return;
    const path = watchedPath(service);
    const action = test.actions.failAction;
    if (!path || !disrupts(action)) return;
    if (!ctx.model.ownership.ownerOf(path).owned) return;
    ctx.report({
      at: test.keywordSpan,
      message: `${test.kind} test on '${path}' (${ctx.model.ownership.describe(path)}) can fail during a package upgrade and run '${action.kind}' on '${service.name.value}'.`,
      hint: 'Use `then alert` for package-owned paths, or install a package-manager guard that pauses Monit during transactions.',
      related: [{ at: action.span, message: `the '${action.kind}' action` }],
    });
  },
});
