/**
 * Facts about a service's tests that the daemon model (monit.ts) needs on every pass but that
 * depend only on the control file: derived once per test list and kept beside it. A phase sweep
 * runs the model's pass over every service some 3,000 times per 1,000-service configuration
 * (bench/sweep.ts), so re-deriving them per pass was a measurable share of the run.
 */
import type { ConnectionOptions, Service, Test } from '../config/model.js';

/** A test with its position in the service's statement list (the key of its event, §3.1). */
export interface IndexedTest {
  test: Test;
  index: number;
}

/** The order in which check_file runs its tests, whatever the order in the file (§5.1). */
const FILE_TEST_ORDER = ['checksum', 'permission', 'uid', 'gid', 'size', 'timestamp', 'content'] as const;

const fileOrder = new WeakMap<readonly Test[], readonly IndexedTest[]>();

/** The file tests of `tests` in Monit's fixed order; tests of other kinds are left out. */
export function fileTestsInOrder(tests: readonly Test[]): readonly IndexedTest[] {
  let out = fileOrder.get(tests);
  if (out === undefined) {
    const list: IndexedTest[] = [];
    for (const kind of FILE_TEST_ORDER) tests.forEach((test, index) => { if (test.kind === kind) list.push({ test, index }); });
    out = list;
    fileOrder.set(tests, out);
  }
  return out;
}

/** The host a connection test dials: its own `host`, else the checked host's address, else localhost. */
export function connectionHost(service: Service, connection: ConnectionOptions): string {
  return connection.host?.value ?? (service.kind === 'host' ? service.address.value : 'localhost');
}

const loopback = new Map<string, boolean>();

/** Whether a connection test's host name is this machine (only such listeners are simulated, §8). */
export function isLoopback(hostName: string): boolean {
  let v = loopback.get(hostName);
  if (v === undefined) {
    v = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i.test(hostName);
    if (loopback.size < 10_000) loopback.set(hostName, v);
  }
  return v;
}

const keys = new Map<string, string[]>();

/**
 * The key of a test's event object, `kind#index` (one event per rule, §3.1). The same string
 * object every time: a key built afresh per pass had to be hashed again on every lookup.
 */
export function eventKey(kind: string, index: number): string {
  let list = keys.get(kind);
  if (list === undefined) {
    list = [];
    keys.set(kind, list);
  }
  return (list[index] ??= `${kind}#${index}`);
}
