/** ML404: `set httpd` with no `allow`: Monit 5.33 does not start the web server at all. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML404',
  name: 'httpd-without-allow',
  severity: 'warning',
  title: 'httpd without any `allow`',
  rationale:
    'With no `allow` (no host, no credentials, no htpasswd or PAM group), Monit 5.33 logs "monit httpd not started since no connections are allowed" ' +
    'and runs without its web server (observed with the real daemon). `monit status`, `monit stop` and every other CLI command then fail, ' +
    'and so does a package-manager guard that pauses Monit. Add at least `allow localhost`.',
  bad: `set daemon 30
set httpd port 2812 and use address localhost
`,
  good: `set daemon 30
set httpd port 2812 and use address localhost
    allow localhost
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    const h = config.settings.httpd;
    if (!ctx.model.complete || !h || h.allow.length > 0 || h.sslOptions.clientpemfile) return;
    const at = h.port?.span ?? h.unixSocket?.span ?? h.spans[0];
    if (!at) return;
    ctx.report({
      at,
      message: "set httpd has no 'allow': Monit does not start its web server, so the monit CLI cannot reach the daemon.",
      hint: "Add 'allow localhost' (and credentials for remote access).",
    });
  },
});
