/** ML401: the web interface accepts the well-known `admin:monit` from the sample monitrc. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML401',
  name: 'httpd-default-credentials',
  severity: 'error',
  title: 'httpd allows the default credentials admin:monit',
  rationale:
    'The sample monitrc shipped with Monit and most distributions contains `allow admin:monit`. Anyone who can reach the port can then ' +
    'stop, start and unmonitor every service. Use an htpasswd file or a PAM group, or at least a password of your own.',
  bad: `set daemon 30
set httpd port 2812 and use address localhost
    allow admin:monit
`,
  good: `set daemon 30
set httpd port 2812 and use address localhost
    allow localhost
    allow @monit
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    for (const a of config.settings.httpd?.allow ?? []) {
      if (a.kind === 'credentials' && a.user.value === 'admin' && a.password.value === 'monit') {
        ctx.report({
          at: a.span,
          message: "httpd accepts the well-known default credentials 'admin:monit'.",
          hint: "Replace them: 'allow md5 /etc/monit/htpasswd USER' or 'allow @group' (PAM).",
        });
      }
    }
  },
});
