/** ML507: the same test written twice in one check. */
import { defineRule } from '../types.js';

export default defineRule({
  code: 'ML507',
  name: 'duplicate-test',
  severity: 'warning',
  title: 'The same test written twice in one check',
  rationale:
    'Each copy keeps its own event state: the action runs twice per failure and two alerts go out. Usually a copy-paste slip, ' +
    'sometimes an edit made to one copy while the other was meant.',
  bad: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
    if loadavg (5min) > 4 then alert
`,
  good: `set daemon 30
check system web
    if loadavg (5min) > 4 then alert
    if loadavg (5min) > 8 then alert
`,
  appliesTo: ['service'],
  check({ service }, ctx) {
    const seen = new Map<string, number>();
    const files = ctx.model.config.files;
    for (const t of service.tests) {
      const f = files.find((x) => x.path === t.span.file);
      if (!f) continue;
      const key = f.text.slice(t.span.startOffset, t.span.endOffset).replace(/\s+/g, ' ').trim().toLowerCase();
      const line = seen.get(key);
      if (line !== undefined) {
        ctx.report({
          at: t.span,
          message: `this ${t.kind} test repeats the one on line ${line} of '${service.name.value}'.`,
          hint: 'Delete one copy, or change the one that was meant to differ.',
        });
      } else seen.set(key, t.span.line);
    }
  },
});
