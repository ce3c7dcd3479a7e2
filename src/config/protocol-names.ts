/**
 * The names Monit 5.33 gives its protocol tests (its protocol table), which it prints in
 * `monit -v -t` and in messages such as "The SEND statement is not allowed in the HTTP protocol
 * context". The TLS spellings run the plain protocol over TLS (`https` is the HTTP test), and
 * `send`/`expect` without a protocol run the test Monit calls `generic`.
 */
const SPECIAL: Record<string, string> = {
  https: 'HTTP',
  imaps: 'IMAP',
  pops: 'POP',
  smtps: 'SMTP',
  mysqls: 'MYSQL',
  'postfix-policy': 'POSTFIX-POLICY',
  'apache-status': 'APACHESTATUS',
  generic: 'generic',
};

/** Monit's name of a protocol, from the keyword as written (any case). */
export function monitProtocolName(keyword: string): string {
  const k = keyword.toLowerCase();
  return SPECIAL[k] ?? k.toUpperCase();
}
