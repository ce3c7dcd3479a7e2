/**
 * ML307: an `include` glob that also matches the copies a package manager leaves beside a
 * configuration file (`*.dpkg-old`, `*.rpmnew`, …); the copy defines the same services again and
 * Monit refuses the whole configuration (spec §2; `Service name conflict`, §11).
 */
import { matchSegment } from '../../config/glob.js';
import { defineRule } from '../types.js';

/**
 * Left by dpkg (conffile prompts), rpm (`%config`) and hand backups. Not listed: `*~`, which Monit
 * itself skips (§2), and vim's `.name.swp`, which `*` does not match (a leading dot must be
 * literal) — both checked against monit -t in test/lint/monit-facts.test.ts.
 */
export const LEFTOVER_SUFFIXES = ['.dpkg-old', '.dpkg-dist', '.dpkg-new', '.dpkg-bak', '.rpmnew', '.rpmsave', '.rpmorig', '.bak', '.orig'];

export default defineRule({
  code: 'ML307',
  name: 'include-leftovers',
  severity: 'warning',
  title: '`include` glob that also matches package-manager leftovers',
  rationale:
    'When a package updates a configuration file that was edited, dpkg keeps `name.dpkg-old` or writes `name.dpkg-dist`, rpm writes `name.rpmnew` or `name.rpmsave`. ' +
    'An `include /etc/monit/conf.d/*` reads those too: the copy declares the same services again, and Monit refuses to start or reload with ' +
    '"Service name conflict" (spec §11) right after an upgrade. Match a suffix, as in `include /etc/monit/conf.d/*.conf`.',
  bad: `set daemon 30
include /etc/monit/conf.d/*
`,
  good: `set daemon 30
include /etc/monit/conf.d/*.conf
`,
  appliesTo: ['include'],
  check({ include }, ctx) {
    const pattern = include.pattern;
    const last = pattern.slice(pattern.lastIndexOf('/') + 1);
    if (!/[*?[]/.test(last)) return;
    // A leftover keeps the original name and adds a suffix; try names with and without an extension.
    const matched = LEFTOVER_SUFFIXES.filter((suf) => ['nginx', 'nginx.conf', 'nginx.cfg', 'nginx.rc', 'nginx.monitrc'].some((n) => matchSegment(last, n + suf)));
    if (matched.length === 0) return;
    ctx.report({
      at: include.patternSpan,
      message: `include '${pattern}' also reads package-manager leftovers such as '*${matched.slice(0, 3).join("', '*")}', which repeat services and make Monit refuse to reload.`,
      hint: `Include only a suffix, e.g. '${pattern.slice(0, pattern.length - last.length)}*.conf'.`,
    });
  },
});
