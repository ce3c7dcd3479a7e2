/** Helpers for the simulator tests: parse a control file from text, run a scenario. */
import { parseControlText } from '../../src/config/load.js';
import type { Config } from '../../src/config/model.js';
import type { Fs } from '../../src/config/fs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { actionSequences, type Timeline } from '../../src/sim/timeline.js';

/** An Fs with no files: the configs in these tests include nothing. */
const noFs: Fs = {
  readFileSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  statSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  lstatSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
  readdirSync: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
};

export function configFrom(text: string, file = 'monitrc'): Config {
  const parsed = parseControlText(file, text, { fs: noFs, cwd: '/' });
  if (parsed.parseErrors.length > 0 || parsed.lexDiagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`test config does not parse: ${parsed.parseErrors.map((e) => e.message).join('; ')}`);
  }
  return parsed.config;
}

export function run(configText: string, scenarioYaml: string, phase = 0): Timeline {
  return simulate(configFrom(configText), parseScenario('scenario.yaml', scenarioYaml), { phase });
}

/** Per-service action sequences as a plain object, for readable assertions. */
export function actions(t: Timeline, from = -Infinity): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of actionSequences(t.entries.filter((e) => e.time >= from))) out[k] = v;
  return out;
}

/** Entries of one service and kind, e.g. every 'restart' of mysqld. */
export function kinds(t: Timeline, service: string, kind: string): number[] {
  return t.entries.filter((e) => e.source === 'monit' && e.service === service && e.kind === kind).map((e) => e.time);
}

/** Times of the passes. */
export function passes(t: Timeline): number[] {
  return t.entries.filter((e) => e.source === 'monit' && e.kind === 'pass').map((e) => e.time);
}

export function finalState(t: Timeline, name: string): string | undefined {
  return t.services.find((s) => s.name === name)?.monitor;
}
