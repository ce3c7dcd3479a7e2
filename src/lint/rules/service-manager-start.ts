/**
 * ML304: Monit starts a daemon through the same service manager the package's maintainer scripts
 * use, with no package-manager guard; a pass that falls inside the transaction starts the old
 * binary (monit-semantics §11 consequence 4; package-managers.md §2, §3).
 */
import type { Command, Service } from '../../config/model.js';
import { defineRule } from '../types.js';
import { commandText, viaServiceManager } from '../helpers.js';

export default defineRule({
  code: 'ML304',
  name: 'service-manager-start',
  severity: 'warning',
  title: 'Start program through the service manager with no package-manager guard',
  rationale:
    'While a package transaction has stopped a daemon, a Monit pass finds it down and runs the start program (monit-semantics §11, window [s, 5)): ' +
    'the old binary starts, the package\'s own start then does nothing, and the old version keeps running. ' +
    'A guard hook that pauses Monit for the transaction closes the window (package-managers.md §3). ' +
    'With `--host` monitlint looks for one; without it this is advice, given once per file.',
  bad: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/bin/systemctl start nginx"
    stop program = "/bin/systemctl stop nginx"
    if 3 restarts within 5 cycles then alert
`,
  good: `set daemon 30
check process nginx with pidfile /run/nginx.pid
    start program = "/usr/sbin/nginx"
    stop program = "/usr/sbin/nginx -s stop"
    if 3 restarts within 5 cycles then alert
`,
  appliesTo: ['command'],
  init: () => new Set<string>(),
  check({ service, role, command }, ctx, reportedFiles: Set<string>) {
    if (role !== 'start' || service.kind !== 'process' || !viaServiceManager(command)) return;
    const host = ctx.model.host;
    if (host) {
      if (host.guards.length > 0) return;
      report(ctx.report, service, command, 'warning', 'and no package-manager guard is installed on this host');
      return;
    }
    if (reportedFiles.has(command.span.file)) return;
    reportedFiles.add(command.span.file);
    report(ctx.report, service, command, 'info', 'unless a package-manager guard pauses Monit (run with --host to look for one)');
  },
});

function report(
  out: (f: { at: Command['span']; message: string; hint: string; severity: 'warning' | 'info' }) => void,
  service: Service,
  command: Command,
  severity: 'warning' | 'info',
  why: string,
): void {
  out({
    at: command.span,
    severity,
    message: `start program '${commandText(command)}' of '${service.name.value}' goes through the service manager: a Monit pass during a package transaction can start the old binary, ${why}.`,
    hint: 'Install a guard that pauses Monit for package transactions (monitlint guard), or unmonitor the service around upgrades.',
  });
}
