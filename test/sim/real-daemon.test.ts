/**
 * Fidelity: the simulator against the REAL Monit 5.33 daemon. Each scenario runs for real
 * (test/support/monit-daemon.ts), then the simulator gets the same control file, the same
 * scenario and the phase that actually occurred, and must predict the same per-service sequence
 * of Monit actions (restart, start, stop, unmonitor, monitor, exec) as Monit logged.
 */
import { expect, it } from 'vitest';
import { monitSuite } from '../support/monit.js';
import { runReal, type HarnessScenario } from '../support/monit-daemon.js';
import { actions, kinds, run } from './sim-support.js';

const SCENARIOS: Array<HarnessScenario & { expected: Record<string, string[]> | ((observed: Record<string, string[]>) => void); notBefore?: Record<string, number> }> = [
  {
    name: 'steady state: nothing happens, Monit does nothing',
    until: 4,
    steps: [],
    expected: {},
  },
  {
    name: 'stop, replace by rename, start (spec §11 window [s, 5))',
    until: 9,
    steps: [{ at: 0, do: 'stop' }, { at: 3.3, do: 'replace', content: 'binary v2' }, { at: 6.3, do: 'start' }],
    // Monit restarts the stopped daemon (old binary), then the checksum unmonitors both (§4.8).
    expected: { dummy: ['restart', 'start', 'unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'binary replaced while the daemon runs: both unmonitored, nothing restarted',
    until: 4,
    steps: [{ at: 0.3, do: 'replace', content: 'binary v2' }],
    expected: { dummy: ['unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'crash after the unmonitor: not restarted',
    until: 7,
    steps: [{ at: 0.3, do: 'replace', content: 'binary v2' }, { at: 3.3, do: 'kill' }],
    expected: { dummy: ['unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'permission change: unmonitor by the permission test',
    until: 4,
    steps: [{ at: 0.3, do: 'chmod', mode: 0o700 }],
    expected: { dummy: ['unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'binary deleted, then written back (§4.10): the file restart stops the daemon, which is started once the file is back',
    until: 8,
    steps: [{ at: 0.3, do: 'remove' }, { at: 3.8, do: 'restore' }],
    // How many passes fall in the 3.5 s gap depends on timing; the simulator must match the count.
    // Each pass: dbin's restart, then "monitoring enabled" twice (dbin's own start without a start
    // program, and again as the parent of the dummy's start, which fails).
    expected: (a) => {
      const dbin = a.dbin ?? [];
      expect(dbin.length % 3).toBe(0);
      expect(dbin.length / 3).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < dbin.length; i += 3) expect(dbin.slice(i, i + 3)).toEqual(['restart', 'monitor', 'monitor']);
      expect(a.dummy).toEqual(['stop', 'restart', 'start']);
    },
  },
  {
    name: 'dependency skip (§1.10): while the file fails an alert-only test, the killed daemon is not restarted; after it recovers, it is',
    until: 9,
    fileLines: ['if failed permission 755 then alert'],
    steps: [{ at: 0.3, do: 'chmod', mode: 0o700 }, { at: 2.3, do: 'kill' }, { at: 5.3, do: 'chmod', mode: 0o755 }],
    expected: { dummy: ['restart', 'start'] },
    // Not restarted before the file recovered at 5.3 s.
    notBefore: { dummy: 5.3 },
  },
  {
    name: 'owner change: unmonitor by the uid test',
    until: 4,
    steps: [{ at: 0.3, do: 'chown', uid: 1, gid: 1 }],
    expected: { dummy: ['unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'unmonitor, replace, monitor: no re-baseline, unmonitored again (§5.3)',
    until: 8,
    steps: [{ at: 0.3, do: 'monit', command: 'unmonitor dbin' }, { at: 2.3, do: 'replace', content: 'binary v2' }, { at: 4.3, do: 'monit', command: 'monitor dummy' }],
    expected: { dummy: ['unmonitor', 'monitor', 'unmonitor'], dbin: ['unmonitor', 'monitor', 'unmonitor'] },
  },
  {
    name: 'unmonitor, replace, reload, monitor: re-baselined, both monitored (§6.6, §6.7)',
    until: 9,
    steps: [
      { at: 0.3, do: 'monit', command: 'unmonitor dbin' }, { at: 2.3, do: 'replace', content: 'binary v2' },
      { at: 4.3, do: 'monit-reload' }, { at: 6.3, do: 'monit', command: 'monitor dummy' },
    ],
    expected: { dummy: ['unmonitor', 'monitor'], dbin: ['unmonitor', 'monitor'] },
  },
  {
    name: 'Monit restarted after an unmonitor: the state file keeps it unmonitored (§6.7)',
    until: 8,
    steps: [{ at: 0.3, do: 'replace', content: 'binary v2' }, { at: 3.3, do: 'monit-stop' }, { at: 4.3, do: 'monit-start' }],
    expected: { dummy: ['unmonitor'], dbin: ['unmonitor'] },
  },
  {
    name: 'a start program that never produces the process, against a restart limit (§3.7)',
    until: 20,
    brokenStart: true,
    startTimeout: 1,
    processLines: ['if 5 restarts within 5 cycles then timeout'],
    steps: [{ at: 0.3, do: 'kill' }],
    expected: { dummy: ['restart', 'start', 'restart', 'start', 'restart', 'start', 'restart', 'start', 'restart', 'start', 'unmonitor'] },
  },
  {
    name: 'a daemon that dies a moment after each start: restarted until the restart limit',
    until: 10,
    dieAfter: 0.8,
    processLines: ['if 3 restarts within 3 cycles then timeout'],
    steps: [{ at: 0.3, do: 'kill' }],
    expected: { dummy: ['restart', 'start', 'restart', 'start', 'restart', 'start', 'unmonitor'] },
  },
  {
    name: 'a refused port and a daemon that ignores its stop: failed stops, no start, then the restart limit (§2.4, §3.7, §8.4)',
    until: 14,
    stubborn: true,
    startTimeout: 1,
    stopTimeout: 2,
    processLines: ['if 2 restarts within 3 cycles then timeout'],
    steps: [{ at: 0.3, do: 'unlisten' }],
    expected: { dummy: ['restart', 'stop', 'restart', 'stop', 'unmonitor'] },
  },
  {
    name: 'Monit stopped around the upgrade: new baseline, nothing happens (§9.6)',
    until: 8,
    steps: [
      { at: 0.3, do: 'monit-stop' }, { at: 1.3, do: 'stop' }, { at: 2.3, do: 'replace', content: 'binary v2' },
      { at: 3.3, do: 'start' }, { at: 4.3, do: 'monit-start' },
    ],
    expected: {},
  },
  {
    name: 'a real dpkg -i upgrade (prerm stops, rename over, postinst starts): Monit restarts the old binary, then unmonitors both',
    until: 8,
    dpkg: true,
    steps: [{ at: 0.3, do: 'dpkg-upgrade' }],
    expected: { dummy: ['restart', 'start', 'unmonitor'], dbin: ['unmonitor'] },
  },
];

monitSuite('simulator vs the real Monit daemon', (monitBin) => {
  for (const scn of SCENARIOS) {
    it(scn.name, async () => {
      const real = await runReal(monitBin, scn);
      const simulated = run(real.config, real.scenarioYaml, real.phase);
      const predicted = actions(simulated, 0);
      const observed = Object.fromEntries(real.actions);
      const context = `\nphase ${real.phase}\nscenario:\n${real.scenarioYaml}\nmonit log (actions):\n${real.log.split('\n').filter((l) => /'(dbin|dummy)' /.test(l) && !/debug/.test(l)).join('\n')}`;
      if (typeof scn.expected === 'function') scn.expected(observed);
      else expect(observed, `the real daemon${context}`).toEqual(scn.expected);
      expect(predicted, `the simulator${context}`).toEqual(observed);
      for (const [svc, from] of Object.entries(scn.notBefore ?? {})) {
        // The log stamps whole seconds, so a real time can read up to 1 s early.
        expect(Math.min(...(real.actionTimes.get(svc) ?? [Infinity])), `first action of ${svc} in the real log${context}`).toBeGreaterThanOrEqual(from - 1);
        const simFirst = kinds(simulated, svc, 'restart')[0] ?? Infinity;
        expect(simFirst, `first restart of ${svc} in the simulator`).toBeGreaterThanOrEqual(from);
      }
    }, 60_000);
  }
});
