/**
 * Examples from spec/monit-grammar.md, each run through real `monit -t` and through monitlint:
 * valid blocks must be accepted and documented invalid forms rejected, by both, with the error on
 * the same line. The expectation column is the spec's; the oracle checks the spec too.
 */
import { expect, it } from 'vitest';
import { monitSuite } from '../support/monit.js';
import { cachedRunMonitT } from '../support/oracle-cache.js';
import { checkText, firstError } from '../support/monitlint.js';

/** [section, control file, accepted?] */
const EXAMPLES: Array<[string, string, boolean]> = [
  ['§1.2 free form', 'set daemon 30 set log syslog check process foo matching "bar" if cpu > 50% then alert\n', true],
  ['§1.2 separators', 'check process foo matching "bar"\n  if (cpu > 50%), then alert;\n', true],
  ['§1.2 backslash', 'check process foo \\\n matching "bar"\n', true],
  ['§1.3 comment glued to number', 'set daemon 30#comment\n', false],
  ['§1.3 hash inside a path', 'check file f path /tmp/a#b\n', true],
  ['§1.3 comment after comma in depends', 'check process a matching "a"\n depends on b, # comment\ncheck process b matching "b"\n', false],
  ['§1.4 operators need blanks', 'check process p matching "x"\n if threads>5 then alert\n', false],
  ['§1.4 number glued to unit', 'check process p matching "x"\n if memory > 10MB then alert\n', false],
  ['§1.4 percent glued', 'check process p matching "x"\n if cpu > 50% then alert\n', true],
  ['§1.4 bang in value', 'set httpd port 2812 allow admin:pa!ss\n', false],
  ['§1.5 quoted number', 'set daemon "30"\n', false],
  ['§1.5 keyword as uid', 'check process p matching "x"\n start program = "/bin/true" as uid daemon\n', false],
  ['§1.5 numeric password', 'set httpd port 2812 allow admin:1234\n', false],
  ['§1.5 quoted numeric password', 'set httpd port 2812 allow admin:"1234"\n', true],
  ['§1.6 escaped quote', 'check process p matching "x"\n start program = "/bin/echo a\\"b"\n', false],
  ['§1.6 unbalanced quote', 'check process p matching "x\n', false],
  ['§1.7 <> is no operator', 'check process p matching "x"\n if cpu <> 50% then alert\n', false],
  ['§1.7 operator omitted', 'check process p matching "x"\n if threads 5 then alert\n', true],
  ['§1.8 all noise words', 'set daemon is as are for via on only with within without program programs and has using use the to sum than usage was times but of or does per in last rate capacity activity option options ssl disable disable ssl 30\n', true],
  ['§1.8 then is required', 'check process p matching "x"\n if cpu > 50% alert\n', false],
  ['§1.9 total  memory', 'check process p matching "x"\n if total  memory > 10 MB then alert\n', false],
  ['§1.9 loadavg (10min)', 'check system s\n if loadavg (10min) > 2 then alert\n', false],
  ['§1.11.1 check process newline', 'check process\nfoo matching "bar"\n', false],
  ['§1.11.1 check other word', 'check foo matching "bar"\n', true],
  ['§1.11.2 depends without comma', 'check process a matching "a"\n depends on b c\ncheck process b matching "b"\ncheck process c matching "c"\n', false],
  ['§1.11.2 depends comma newline', 'check process a matching "a"\n depends on b,\n c\ncheck process b matching "b"\ncheck process c matching "c"\n', true],
  ['§1.11.3 single-quoted command after =', "check process p matching \"x\"\n start program = '/sbin/ipup eth0'\n", false],
  ['§1.11.3 extra arguments', 'check process p matching "x"\n start program = "/bin/echo" "a b" c\n', true],
  ['§1.11.4 ftp url', 'check host h address localhost\n if failed url ftp://localhost/ then alert\n', false],
  ['§1.11.4 url user without password', 'check host h address localhost\n if failed url http://user@localhost/ then alert\n', false],
  ['§1.11.5 from and subject', 'set mail-format {\n from: Monit Support <monit@foo.bar>\n subject: $SERVICE $EVENT\n message: hello\n}\n', true],
  ['§1.11.6 group on next line', 'check process p matching "x"\n group\n www\n', false],
  ['§1.11.7 cron step', 'check process p matching "x"\n every "*/5 * * * *"\n', false],
  ['§1.11.7 cron', 'check process p matching "x"\n every "* 8-19 * * 1-5"\n', true],
  ['§1.11.8 headers', 'check host h address localhost\n if failed port 80 protocol http http headers [Host: "a:443", Cache-Control: no-cache] then alert\n', true],
  ['§1.11.8 header without value', 'check host h address localhost\n if failed port 80 protocol http http headers [X-A] then alert\n', false],
  ['§3 set ends the entry', 'check process a with pidfile /run/a.pid\n  set daemon 30\n  if cpu > 50% then alert\n', false],
  ['§4.1 real poll time', 'set daemon 30.5\n', false],
  ['§4.1 zero poll time', 'set daemon 0\nset init\n', false],
  ['§4.4 facility', 'set log syslog facility log_local0\n', true],
  ['§4.4 bad facility', 'set log syslog facility local0\n', false],
  ['§4.7 limits', 'set limits {\n programOutput: 512 B,\n networkTimeout: 5 s\n stopTimeout: 30000 ms\n}\n', true],
  ['§4.7 limits need a colon', 'set limits { networkTimeout 5 s }\n', false],
  ['§4.11 ssl needs braces', 'set ssl verify: enable\n', false],
  ['§4.12 mailserver order', 'set mailserver localhost username u password p port 25\n', false],
  ['§4.12 mailserver', 'set mailserver mail.example.com port 587 username "u@example.com" password "secret" using tls { verify: enable }, backup.example.com port 25 with timeout 45 seconds using hostname "h.example.com"\n', true],
  ['§4.14 two addresses', 'set alert a@b.com, c@d.com\n', false],
  ['§4.14 alert events', 'set alert foo@bar only on { timeout, nonexist } with reminder on 10 cycles\n', true],
  ['§4.15 socket permission not octal', 'set httpd unixsocket /tmp/x.sock permission 0999 allow admin:x\n', false],
  ['§4.15 httpd ssl without pem', 'set httpd port 2812 with ssl allow admin:x\n', false],
  ['§5.1 pidfile and matching', 'check process p pidfile /run/p.pid matching "x"\n', false],
  ['§5.2 program needs a test', 'check program pr with path "/bin/true"\n', false],
  ['§5.2 program with status', 'check program pr with path "/bin/true" with timeout 60 seconds\n if status != 0 then alert\n', true],
  ['§5.2 host needs a test', 'check host h with address 127.0.0.1\n', false],
  ['§6.2 every twice warns only', 'check process p matching "x"\n every 2 cycles\n every 3 cycles\n', true],
  ['§6.5 unknown dependency', 'check process a matching "a"\n depends on zzz\n', false],
  ['§6.5 self dependency', 'check process a matching "a"\n depends on a\n', false],
  ['§6.7 restart limit', 'check process p matching "x"\n if 3 restarts within 5 cycles then unmonitor\n if 4 restarts within 20 cycles then timeout\n', true],
  ['§6.7 too many restarts', 'check process p matching "x"\n if 5 restarts within 3 cycles then unmonitor\n', false],
  ['§7.2 65 cycles', 'check process p matching "x"\n if cpu > 50% for 65 cycles then alert\n', false],
  ['§7.2 events above cycles', 'check host h address localhost\n if failed port 80 5 times within 3 cycles then alert\n', false],
  ['§7.3 recovery forms', 'check process p matching "x"\n if cpu > 98% for 3 cycles then alert else if recovered then alert\n if failed port 80 then restart else if succeeded for 2 cycles then exec "/bin/true"\n if succeeded port 3306 then alert else if failed then alert\n', true],
  ['§7.3 no else after changed size', 'check file f path /tmp/f\n if changed size then alert else alert\n', false],
  ['§8.2 cpu needs %', 'check process p matching "x"\n if cpu > 50 then alert\n', false],
  ['§8.2 process resources', 'check process p matching "x"\n if total memory > 1.5 GB then alert\n if disk read > 500 operations/s then alert\n if loadavg (5min) per core > 2 then alert\n', true],
  ['§8.9 sha256', 'check file f path /tmp/f\n if failed sha256 checksum then alert\n', false],
  ['§8.12 permission 0800', 'check file f path /tmp/f\n if failed permission 0800 then alert\n', false],
  ['§8.13 content regex error', 'check file f path /tmp/f\n if content = "foo(" then alert\n', false],
  ['§8.14 filesystem tests', 'check filesystem rootfs with path /\n if space usage > 80% for 5 times within 15 cycles then alert\n if inode usage > 90% then alert\n if service time > 10 milliseconds for 3 times within 5 cycles then alert\n if changed fsflags then alert\n', true],
  ['§8.16 total range', 'check network n with interface eth0\n if total downloaded > 10 GB in last 25 hours then alert\n', false],
  ['§8.16 link mix', 'check network n with interface eth0\n if link up then alert\n if link down then alert\n', false],
  ['§9.1 host after port', 'check host h address localhost\n if failed port 80 host x then alert\n', false],
  ['§9.5 protocol options placement', 'check host h address localhost\n if failed port 80 protocol http timeout 3 seconds request "/" then alert\n', false],
  ['§9.7 ping size', 'check host h address localhost\n if failed ping size 4 then alert\n', false],
  ['§10.1 monitor is no action', 'check process p matching "x"\n if cpu > 50% then monitor\n', false],
  ['§10.2 repeat every', 'check process p matching "x"\n if cpu > 80% then exec "/bin/true" repeat every 5 cycles\n', true],
];

monitSuite('spec/monit-grammar.md examples', () => {
  for (const [section, text, accepted] of EXAMPLES) {
    it(`${section}: ${accepted ? 'accepted' : 'rejected'} by monit and monitlint`, async () => {
      const monit = await cachedRunMonitT(text);
      expect(monit.accepted, `monit -t: ${monit.output}`).toBe(accepted);
      const ours = checkText(text);
      expect(ours.accepted, JSON.stringify(ours.diagnostics.map((d) => `${d.span.line}: ${d.message}`))).toBe(accepted);
      if (!accepted) {
        const line = monit.errors.find((e) => e.line !== undefined)?.line;
        if (line !== undefined) expect(Math.abs((firstError(ours)?.line ?? 0) - line)).toBeLessThanOrEqual(1);
      }
    });
  }
});
