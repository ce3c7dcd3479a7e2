/** ML405: programs Monit runs as root that others can replace (needs `--host`). */
import type { Command } from '../../config/model.js';
import { defineRule } from '../types.js';
import type { RuleContext } from '../types.js';

export default defineRule({
  code: 'ML405',
  name: 'writable-program',
  severity: 'error',
  title: 'Program in a group- or world-writable location (with --host)',
  rationale:
    'Monit runs start, stop and restart programs and `exec` actions as its own user, usually root. If the program, or the directory that ' +
    'holds it, is writable by a group or by everyone, any member can replace it and have Monit run their code as root. ' +
    'This rule looks at the files on the machine, so it runs only with `--host`.',
  bad: `set daemon 30
check process app with pidfile /run/app.pid
    start program = "/srv/app/start.sh"
`,
  good: `set daemon 30
check process app with pidfile /run/app.pid
    start program = "/usr/local/bin/app-start"
`,
  exampleHost: { '/srv/app': 0o755, '/srv/app/start.sh': 0o777, '/usr/local/bin': 0o755, '/usr/local/bin/app-start': 0o755 },
  appliesTo: ['command'],
  check({ command, role }, ctx) {
    if (role === 'program') return; // a `check program` runs what it is told, but that is its own check
    inspect(command, ctx);
  },
});

function inspect(command: Command, ctx: RuleContext): void {
  const host = ctx.model.host;
  const prog = command.argv[0];
  if (!host || !prog || !prog.value.startsWith('/')) return;
  const path = prog.value;
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  for (const [what, p] of [['program', path], ['directory', dir]] as const) {
    const mode = host.modeOf(p);
    if (mode === undefined) continue;
    // The sticky bit on a directory (like /tmp) stops others from replacing files they do not own, but not from adding one.
    const writable = mode & 0o022;
    if (writable === 0) continue;
    ctx.report({
      at: prog.span,
      message: `${what} '${p}' is ${writable & 0o002 ? 'world' : 'group'}-writable (mode ${(mode & 0o7777).toString(8).padStart(4, '0')}): whoever can write it can run code as Monit's user.`,
      hint: `chmod go-w '${p}', or move the program to a root-owned directory.`,
    });
    return;
  }
}
