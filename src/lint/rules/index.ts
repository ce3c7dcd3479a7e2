/**
 * The registry: every rule, explicitly, sorted by code. A test checks that this list matches the
 * files of this folder and that it stays sorted.
 */
import type { AnyRule } from '../types.js';
import unknownSuppression from './unknown-suppression.js';
import malformedSuppression from './malformed-suppression.js';
import unusedSuppression from './unused-suppression.js';
import checksumRace from './checksum-race.js';
import metadataRace from './metadata-race.js';
import dependsOnUnmonitor from './depends-on-unmonitor.js';
import serviceManagerStart from './service-manager-start.js';
import restartLimitTransaction from './restart-limit-transaction.js';
import noRestartLimit from './no-restart-limit.js';
import includeLeftovers from './include-leftovers.js';
import timeoutAction from './timeout-action.js';
import httpdDefaultCredentials from './httpd-default-credentials.js';
import cleartextPassword from './cleartext-password.js';
import httpdExposed from './httpd-exposed.js';
import httpdWithoutAllow from './httpd-without-allow.js';
import writableProgram from './writable-program.js';
import discardedResourceCondition from './discarded-resource-condition.js';
import restartWithoutStart from './restart-without-start.js';
import startWithoutStop from './start-without-stop.js';
import alertWithoutMailserver from './alert-without-mailserver.js';
import noSetDaemon from './no-set-daemon.js';
import relativeInclude from './relative-include.js';
import duplicateTest from './duplicate-test.js';
import portTimeoutExceedsPoll from './port-timeout-exceeds-poll.js';

export const RULES: readonly AnyRule[] = [
  unknownSuppression,
  malformedSuppression,
  unusedSuppression,
  checksumRace,
  metadataRace,
  dependsOnUnmonitor,
  serviceManagerStart,
  restartLimitTransaction,
  noRestartLimit,
  includeLeftovers,
  timeoutAction,
  httpdDefaultCredentials,
  cleartextPassword,
  httpdExposed,
  httpdWithoutAllow,
  writableProgram,
  discardedResourceCondition,
  restartWithoutStart,
  startWithoutStop,
  alertWithoutMailserver,
  noSetDaemon,
  relativeInclude,
  duplicateTest,
  portTimeoutExceedsPoll,
];
