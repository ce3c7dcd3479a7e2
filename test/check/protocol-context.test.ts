/**
 * Two refusals of `monit -t` inside connection tests that monitlint used to miss (found while
 * probing `--dump`): `send`/`expect` after a protocol other than the default (§9.3), and
 * `method HEAD` together with a content or checksum test (§9.4). Each snippet goes through the
 * real monit and monitlint; both must reject it with the same message.
 */
import { expect, it } from 'vitest';
import { monitSuite, runMonitT } from '../support/monit.js';
import { checkText } from '../support/monitlint.js';

const cases: Array<[string, string]> = [
  ['send after protocol pop', 'check host h with address localhost\n  if failed port 110 protocol pop and send "x" then alert\n'],
  ['expect after protocol https', 'check host h with address localhost\n  if failed port 443 protocol https expect "x" then alert\n'],
  ['method HEAD with a content test', 'check host h with address localhost\n  if failed port 80 protocol http method HEAD and content = "x" then alert\n'],
];

monitSuite('connection tests: protocol context of send/expect and HTTP HEAD', () => {
  for (const [name, text] of cases) {
    it(`rejects ${name}, as monit -t does`, async () => {
      const m = await runMonitT(text);
      const r = checkText(text);
      expect(m.accepted).toBe(false);
      expect(r.accepted).toBe(false);
      const theirs = m.errors.map((e) => e.message.replace(/ '[^']*'$/, ''));
      const ours = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      expect(ours).toEqual(theirs);
    });
  }

  it('accepts send/expect before a protocol, or after protocol default', async () => {
    const text = 'check host h with address localhost\n  if failed port 111 send "x" protocol pop then alert\n  if failed port 113 protocol default send "x" expect "y" then alert\n';
    expect((await runMonitT(text)).accepted).toBe(true);
    expect(checkText(text).accepted).toBe(true);
  });
});
