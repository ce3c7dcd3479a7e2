/**
 * The `depends on` graph of a configuration, as Monit uses it (monit-semantics §4): a service is
 * a *child* of every service it depends on. Start and monitor travel to parents; stop, restart
 * and unmonitor travel to children (§4.2), so an unmonitor of a parent reaches every descendant.
 */
import type { Located, Service } from '../config/model.js';

/** One step of a dependency chain: `from` depends on `to`, written at `via`. */
export interface DependencyStep {
  from: Service;
  to: Service;
  via: Located<string>;
}

export class DependencyGraph {
  private readonly byName = new Map<string, Service>();
  private readonly children = new Map<Service, Service[]>();

  constructor(readonly services: readonly Service[]) {
    // Monit matches names case-insensitively in `depends on` (spec §11 "Depending service").
    for (const s of services) if (!this.byName.has(s.name.value.toLowerCase())) this.byName.set(s.name.value.toLowerCase(), s);
    for (const s of services) {
      for (const d of s.dependsOn) {
        const p = this.service(d.value);
        if (!p) continue;
        const list = this.children.get(p) ?? [];
        list.push(s);
        this.children.set(p, list);
      }
    }
  }

  /** The service of that name, if defined. */
  service(name: string): Service | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The services `s` depends on directly. */
  parentsOf(s: Service): Service[] {
    return s.dependsOn.map((d) => this.service(d.value)).filter((p): p is Service => p !== undefined);
  }

  /** The services that depend on `s` directly. */
  childrenOf(s: Service): Service[] {
    return this.children.get(s) ?? [];
  }

  /**
   * The shortest chain of `depends on` steps from `s` up to each ancestor that satisfies `pred`
   * (breadth-first, so the closest first; each ancestor once; loops are cut).
   */
  ancestorChains(s: Service, pred: (ancestor: Service) => boolean): DependencyStep[][] {
    const out: DependencyStep[][] = [];
    const seen = new Set<Service>([s]);
    let frontier: Array<{ at: Service; path: DependencyStep[] }> = [{ at: s, path: [] }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const { at, path } of frontier) {
        for (const via of at.dependsOn) {
          const to = this.service(via.value);
          if (!to || seen.has(to)) continue;
          seen.add(to);
          const chain = [...path, { from: at, to, via }];
          if (pred(to)) out.push(chain);
          next.push({ at: to, path: chain });
        }
      }
      frontier = next;
    }
    return out;
  }
}
