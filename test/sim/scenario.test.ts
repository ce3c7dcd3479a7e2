import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/sim/scenario.js';

function errorOf(text: string): string {
  try {
    parseScenario('s.yaml', text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('scenario files', () => {
  it('reads YAML with times in seconds, modes in octal and events sorted stably by time', () => {
    const s = parseScenario('s.yaml', `version: 1
until: 60
files:
  /usr/sbin/app: { content: "v1", mode: "0755" }
units:
  app: { exec: /usr/sbin/app, pidfile: /run/app.pid, port: 8080, start_time: 1.5 }
events:
  - { at: 10, do: start, unit: app }
  - { at: 5, do: chmod, path: /usr/sbin/app, mode: "0700" }
  - { at: 10, do: monit, command: "monitor app", source: guard }
`);
    expect(s.until).toBe(60_000);
    expect(s.files[0]?.mode).toBe(0o755);
    expect(s.units[0]?.startTime).toBe(1500);
    expect(s.events.map((e) => `${e.at}:${e.do}:${e.source}:${e.line}`)).toEqual(['5000:chmod:host:9', '10000:start:host:8', '10000:monit:guard:10']);
  });

  it('reads the same scenario written as JSON', () => {
    const s = parseScenario('s.json', '{"version": 1, "until": 5, "events": [{"at": 1, "do": "monit-reload"}]}');
    expect(s.events[0]?.do).toBe('monit-reload');
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(errorOf('version: 1\nuntil: [5\n')).toMatch(/^s\.yaml:\d+:\d+: /);
  });

  it('reports an unknown event kind at the value', () => {
    expect(errorOf('version: 1\nuntil: 5\nevents:\n  - { at: 1, do: explode }\n')).toMatch(/^s\.yaml:4:18: unknown event 'explode'/);
  });

  it('reports an unknown key, an unknown unit, a bad mode and a missing field at their positions', () => {
    expect(errorOf('version: 1\nuntil: 5\nbogus: 1\n')).toMatch(/^s\.yaml:3:1: the scenario: unknown key 'bogus'/);
    expect(errorOf('version: 1\nuntil: 5\nevents:\n  - { at: 1, do: stop, unit: nope }\n')).toMatch(/^s\.yaml:4:30: no unit named 'nope'/);
    expect(errorOf('version: 1\nuntil: 5\nevents:\n  - { at: 1, do: chmod, path: /x, mode: "999" }\n')).toMatch(/^s\.yaml:4:41: mode must be an octal mode/);
    expect(errorOf('version: 1\nevents: []\n')).toMatch(/^s\.yaml:1:1: 'until'/);
    expect(errorOf('until: 5\n')).toMatch(/version: 1 is required/);
    expect(errorOf('version: 1\nuntil: 5\nevents:\n  - { do: reboot }\n')).toMatch(/^s\.yaml:4:5: an event needs 'at'/);
  });
});
