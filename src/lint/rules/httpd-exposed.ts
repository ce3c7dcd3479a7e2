/** ML403: the web interface listens beyond loopback without SSL. */
import { defineRule } from '../types.js';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|ip6-localhost)$/i;

export default defineRule({
  code: 'ML403',
  name: 'httpd-exposed',
  severity: 'warning',
  title: 'httpd listens beyond loopback without SSL',
  rationale:
    'Without `use address`, Monit\'s web interface listens on every interface. Basic authentication sends the password base64-encoded, ' +
    'that is in clear, unless SSL is on (monit(1), "Basic Authentication"). Bind it to localhost, or enable `with ssl { pemfile: … }`.',
  bad: `set daemon 30
set httpd port 2812
    allow md5 /etc/monit/htpasswd admin
`,
  good: `set daemon 30
set httpd port 2812 and use address localhost
    allow md5 /etc/monit/htpasswd admin
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    const h = config.settings.httpd;
    if (!h?.port || h.ssl) return;
    const address = h.address?.value;
    if (address && LOOPBACK.test(address)) return;
    // Only loopback hosts allowed and no credentials: Monit's ACL turns every remote client away.
    if (h.allow.length > 0 && h.allow.every((a) => a.kind === 'host' && LOOPBACK.test(a.host.value))) return;
    const passwords = h.allow.some((a) => a.kind !== 'host');
    const where = address ? `on ${address}:${h.port.value}` : `on port ${h.port.value} on every interface`;
    ctx.report({
      at: h.port.span,
      message: passwords
        ? `httpd listens ${where} without SSL: its password travels in clear.`
        : `httpd listens ${where} without SSL: the hosts it allows control Monit over plain HTTP.`,
      hint: "Add 'use address localhost', or 'with ssl { pemfile: /etc/ssl/private/monit.pem }'.",
    });
  },
});
