/**
 * Warnings of `monit -t` that depend on the host or come after parsing: `allow` of a host name
 * that does not resolve, htpasswd files without usable users, and the three M/Monit warnings
 * (spec §4.15, §4.16, §11.3). Each case runs through real monit and through monitlint with host
 * checks on; both must print the same messages in the same order.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';
import { monitSuite } from '../support/monit.js';
import { checkText } from '../support/monitlint.js';
import { cachedRunMonitT } from '../support/oracle-cache.js';

const fixtures = join(repoRoot, 'test', 'check', 'fixtures');
const cleartext = join(fixtures, 'cleartext.htpasswd');
const empty = join(fixtures, 'empty.htpasswd');

const CASES: Array<[string, string]> = [
  ['allow: unresolvable names and invalid addresses warn; addresses and networks do not', 'set daemon 30\nset httpd port 2812 allow 127.0.0.1 allow 10.1.0.0/16 allow 10.0.0.0/255.0.0.0 allow ::1 allow fe80::/64 allow no-such-host.invalid allow 300.1.1.1\n'],
  ['htpasswd: a listed user the file lacks', `set daemon 30\nset httpd port 2812 allow cleartext ${cleartext} bob alice\n`],
  ['htpasswd: a file without users', `set daemon 30\nset httpd port 2812 allow cleartext ${empty}\n`],
  ['M/Monit without httpd, before a dependency error', 'set daemon 30\nset mmonit http://127.0.0.1:1/c\ncheck process x matching "x"\n  depends on y\n'],
  ['M/Monit with httpd on a unix socket only', 'set daemon 30\nset httpd unixsocket /run/monitlint-test.sock allow localhost\nset mmonit http://127.0.0.1:1/c\n'],
  ['M/Monit with TCP httpd and a socket: fine', 'set daemon 30\nset httpd port 2812 unixsocket /run/monitlint-test.sock allow admin:"pw"\nset mmonit http://127.0.0.1:1/c\n'],
  ['M/Monit without credentials to register with', 'set daemon 30\nset httpd port 2812 allow localhost allow @users\nset mmonit http://127.0.0.1:1/c\n'],
  ['M/Monit: read-only credentials are not enough', 'set daemon 30\nset httpd port 2812 allow admin:"pw" read-only\nset mmonit http://127.0.0.1:1/c\n'],
  ['M/Monit: read-write credentials', 'set daemon 30\nset httpd port 2812 allow admin:"pw"\nset mmonit http://127.0.0.1:1/c\n'],
  ['M/Monit: register without credentials', 'set daemon 30\nset httpd port 2812 allow localhost\nset mmonit http://127.0.0.1:1/c and register without credentials\n'],
  ['M/Monit: users of a cleartext htpasswd are credentials', `set daemon 30\nset httpd port 2812 allow cleartext ${cleartext}\nset mmonit http://127.0.0.1:1/c\n`],
  ['M/Monit: a listed user missing from the htpasswd', `set daemon 30\nset httpd port 2812 allow cleartext ${cleartext} alice\nset mmonit http://127.0.0.1:1/c\n`],
];

monitSuite('host and post-parse warnings agree with monit -t', () => {
  for (const [name, text] of CASES) {
    it(name, async () => {
      const monit = await cachedRunMonitT(text);
      const ours = checkText(text);
      const theirs = [...monit.errors.map((d) => ({ ...d, severity: 'error' })), ...monit.warnings.map((d) => ({ ...d, severity: 'warning' }))];
      // Monit's output order: compare as printed.
      const order = (m: string): number => monit.output.indexOf(m);
      theirs.sort((a, b) => order(a.message) - order(b.message));
      expect(ours.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual(theirs.map((d) => `${d.severity}: ${d.message}`));
      expect(ours.accepted).toBe(monit.accepted);
      for (const d of monit.warnings.filter((w) => w.line !== undefined)) {
        expect(ours.diagnostics.find((x) => x.message === d.message)?.span.line).toBe(d.line);
      }
    });
  }
});
