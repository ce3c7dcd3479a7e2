/**
 * Codes the engine reports that are not rules of this folder: Monit parity (the checker's
 * ML1xx/ML2xx, never suppressible) and the engine's own internal error. Documented here so that
 * `monitlint rule`, SARIF and the README describe every code monitlint can print.
 */
import type { Severity } from '../diagnostic.js';

export interface CodeDoc {
  code: string;
  name: string;
  severity: Severity;
  title: string;
  rationale: string;
}

export const INTERNAL_ERROR = 'ML000';

export const PARITY_CODES: readonly CodeDoc[] = [
  {
    code: INTERNAL_ERROR,
    name: 'internal-error',
    severity: 'error',
    title: 'A rule failed while linting',
    rationale: 'A bug in monitlint, not in the configuration: the rule named in the message threw. The run exits with status 2. Please report it with the file.',
  },
  { code: 'ML101', name: 'syntax-error', severity: 'error', title: 'Syntax error (monit -t parity)', rationale: 'Monit stops reading the control file at the first syntax error and refuses to start. Not suppressible.' },
  { code: 'ML102', name: 'lexical-error', severity: 'error', title: 'Lexical error (monit -t parity)', rationale: 'An unbalanced quote, a malformed URL or mail format: Monit reports it while reading. Not suppressible.' },
  { code: 'ML103', name: 'include-error', severity: 'error', title: 'Include problem (monit -t parity)', rationale: 'An include that cannot be read or loops, as Monit reports it. Not suppressible.' },
  { code: 'ML201', name: 'semantic-error', severity: 'error', title: 'Rejected by monit -t', rationale: 'A value or combination Monit 5.33 rejects after parsing (duplicate names, out-of-range values). Not suppressible.' },
  { code: 'ML202', name: 'dependency-error', severity: 'error', title: 'Unknown or looping dependency (monit -t parity)', rationale: 'A `depends on` naming an undefined service, or a loop. In fragment mode an unknown dependency is only information, since the root may define it. Not suppressible.' },
  { code: 'ML203', name: 'host-error', severity: 'error', title: 'Rejected by monit -t on this host', rationale: 'Users, groups, programs, PEM and htpasswd files, control-file permissions: checks that depend on the machine. Not suppressible.' },
  { code: 'ML204', name: 'monit-warning', severity: 'warning', title: 'Warning printed by monit -t', rationale: 'Monit accepts the file but warns (a missing program, a repeated option). Not suppressible.' },
];

/** Whether a code is a Monit-parity finding (or the internal error): never suppressible by a comment. */
export function isParityCode(code: string): boolean {
  return /^ML[12]\d\d$/.test(code) || code === INTERNAL_ERROR;
}
