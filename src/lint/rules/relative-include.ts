/** ML506: a relative `include`, resolved against Monit's working directory (spec §2). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML506',
  name: 'relative-include',
  severity: 'warning',
  title: 'Relative `include` path',
  rationale:
    'Monit resolves a relative include against its own working directory, not against the file that contains it (monit-grammar.md §2). ' +
    'Started from init or systemd that is `/`, so `include conf.d/*` reads `/conf.d/*`, usually nothing, and the services silently vanish.',
  bad: `set daemon 30
include conf.d/*.conf
`,
  good: `set daemon 30
include /etc/monit/conf.d/*.conf
`,
  appliesTo: ['include'],
  check({ include }, ctx) {
    // A template placeholder (`<%= dir %>/*`, `{{ dir }}/*`, `${DIR}/*`) is not a path yet.
    if (include.pattern.startsWith('/') || include.pattern === '' || /^[<{$@%]/.test(include.pattern)) return;
    ctx.report({
      at: include.patternSpan,
      message: `include '${include.pattern}' is relative: Monit resolves it against its working directory, not against this file.`,
      hint: 'Write the absolute path.',
    });
  },
});
