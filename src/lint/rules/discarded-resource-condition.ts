/** ML501: several resource conditions in one `if`, of which Monit keeps only the last (spec §8). */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML501',
  name: 'discarded-resource-condition',
  severity: 'warning',
  title: 'Several resource conditions in one `if`: only the last is tested',
  rationale:
    'Monit\'s grammar accepts `if cpu > 80% and memory > 90% then …`, but each resource statement overwrites the previous one while the rule is read, ' +
    'so only the last condition is ever tested (monit-grammar.md, resource tests). Write one `if` per condition.',
  bad: `set daemon 30
check system web
    if cpu > 90% and memory > 90% then alert
`,
  good: `set daemon 30
check system web
    if cpu > 90% then alert
    if memory > 90% then alert
`,
  appliesTo: ['test'],
  check({ test }, ctx) {
    if (test.kind !== 'resource' || test.discarded.length === 0) return;
    for (const d of test.discarded) {
      ctx.report({
        at: d.span,
        message: `condition '${d.resource} ${d.operator} ${d.value}${d.percent ? '%' : ''}' is discarded: in one 'if' Monit keeps only the last resource condition ('${test.condition.resource}').`,
        hint: 'Write one `if` statement per resource condition.',
      });
    }
  },
});
