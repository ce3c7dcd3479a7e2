/**
 * Name resolution on the real host, for the `allow <hostname>` check of `monit -t`. Monit asks
 * getaddrinfo(3); `getent ahosts` asks the same resolver (NSS: /etc/hosts, DNS, …) and is
 * synchronous, which the checker is. When getent is missing or hangs, the answer is unknown
 * and taken as "resolves", so monitlint never warns about a name Monit might accept.
 */
import { spawnSync } from 'node:child_process';

export function resolvesHostName(name: string): boolean {
  const r = spawnSync('getent', ['ahosts', name], { stdio: 'ignore', timeout: 5000 });
  if (r.error || r.status === null) return true;
  return r.status === 0;
}
