/** ML402: cleartext passwords in `allow` and `set mailserver`. */
import { defineRule } from '../types.js';

/** An empty value or a deployment placeholder (`$VAR`, `{{ var }}`, `<%= var %>`) is not a password yet. */
function isSecret(value: string): boolean {
  return value !== '' && !/^(\$|\{\{|<%|%\w+%$|@\w+@$)/.test(value);
}

export default defineRule({
  code: 'ML402',
  name: 'cleartext-password',
  severity: 'warning',
  title: 'Cleartext password in the control file',
  rationale:
    'A password written in the control file is readable by whoever can read the file, its backups and the configuration repository. ' +
    'For the web interface Monit can check an htpasswd file (`allow md5 /etc/monit/htpasswd user`) or a PAM group (`allow @group`). ' +
    'A mail-server password has no such alternative: keep it in a separate include file readable only by root, out of the repository.',
  bad: `set daemon 30
set httpd port 2812 and use address localhost
    allow operator:s3cret
`,
  good: `set daemon 30
set httpd port 2812 and use address localhost
    allow md5 /etc/monit/htpasswd operator
`,
  appliesTo: ['config'],
  check({ config }, ctx) {
    for (const a of config.settings.httpd?.allow ?? []) {
      if (a.kind !== 'credentials') continue;
      if (a.user.value === 'admin' && a.password.value === 'monit') continue; // ML401 says it louder
      if (!isSecret(a.password.value)) continue;
      ctx.report({
        at: a.password.span,
        message: `allow '${a.user.value}:…' keeps the web-interface password in cleartext.`,
        hint: `Use an htpasswd file ('allow md5 /etc/monit/htpasswd ${a.user.value}') or a PAM group ('allow @group').`,
      });
    }
    for (const m of config.settings.mailservers) {
      if (!m.password || !isSecret(m.password.value)) continue;
      ctx.report({
        at: m.password.span,
        message: `set mailserver '${m.host.value}' keeps its password in cleartext.`,
        hint: 'Move the mail-server statement to an include file readable only by root and kept out of the repository.',
      });
    }
  },
});
