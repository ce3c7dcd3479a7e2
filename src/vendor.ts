/**
 * Third-party libraries that only some commands need, loaded on first use: memfs (the simulator's
 * virtual host) and yaml (scenarios, `.monitlint.yaml`).
 *
 * Why: `monitlint check` and `monitlint lint` start from a V8 start-up snapshot of the bundle
 * (scripts/bundle.ts), and every megabyte of that heap costs about 5 ms at every start. The two
 * libraries made up a third of the bundle; kept out of it, a one-service check starts about 5 ms
 * sooner (README, "Speed").
 *
 * In the shipped bundle each library is a file of its own beside it, dist/vendor/NAME.cjs (built by
 * scripts/bundle.ts, which defines `__MONITLINT_BUNDLE__`). Run from source (tests, tsx, the
 * benchmarks' tsc output) they come from node_modules as usual.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type * as Memfs from 'memfs';
import type * as Yaml from 'yaml';

declare const __MONITLINT_BUNDLE__: boolean | undefined;
declare const __dirname: string;

type Name = 'memfs' | 'yaml';
const loaded: { memfs?: typeof Memfs; yaml?: typeof Yaml } = {};

export function memfs(): typeof Memfs {
  return (loaded.memfs ??= load('memfs') as typeof Memfs);
}

export function yaml(): typeof Yaml {
  return (loaded.yaml ??= load('yaml') as typeof Yaml);
}

function load(name: Name): unknown {
  if (typeof __MONITLINT_BUNDLE__ === 'undefined') return createRequire(import.meta.url)(name);
  return createRequire(resolve(bundleDir(), 'vendor', `${name}.cjs`))(`./${name}.cjs`);
}

/**
 * The directory of the running bundle. From a start-up snapshot, `__dirname` is the directory the
 * snapshot was built in (the checkout may have moved since), so the blob's own path is used: the
 * launcher passes it as `--snapshot-blob PATH`, relative to the directory it started in.
 */
function bundleDir(): string {
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--snapshot-blob' && args[i + 1] !== undefined) return dirname(resolve(args[i + 1] ?? ''));
    if (a.startsWith('--snapshot-blob=')) return dirname(resolve(a.slice('--snapshot-blob='.length)));
  }
  return __dirname;
}

/** yaml's node type guards, for readers of YAML documents; each loads yaml on first use. */
export function isMap(node: unknown): node is Yaml.YAMLMap {
  return yaml().isMap(node);
}

export function isSeq(node: unknown): node is Yaml.YAMLSeq {
  return yaml().isSeq(node);
}

export function isScalar(node: unknown): node is Yaml.Scalar {
  return yaml().isScalar(node);
}
