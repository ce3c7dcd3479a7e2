/**
 * Builds what bin/monitlint runs:
 *   dist/monitlint.cjs       the CLI and its dependencies in one file (esbuild), so start-up does
 *                            not resolve and compile hundreds of ES modules (lodash-es alone);
 *   dist/vendor/NAME.cjs     memfs and yaml, each in a file of its own, loaded by the commands
 *                            that need them (src/vendor.ts): they stay out of the snapshot;
 *   dist/monitlint.blob      a V8 start-up snapshot of that file with the parser analysed;
 *   dist/monitlint.blob.id   which node binary the snapshot belongs to. A snapshot only loads in
 *                            the exact node that built it (another one aborts), so the launcher
 *                            uses the blob only when `node` on the PATH is that binary.
 * Each file is written to a temporary name and renamed, so a concurrent run never sees half a file.
 *
 *   tsx scripts/bundle.ts          (part of `npm run build`, and of the tests' global set-up)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * V8 flags the snapshot is built with; bin/monitlint passes the same ones (node refuses a snapshot
 * built under other V8 flags). A young generation that starts at 8 MB instead of 1 MB means far
 * fewer young collections while the heap fills with tokens and model that all stay alive
 * (measured, alternated runs of the built CLI: 20,000 services 1.42 -> 1.27 s median of 5;
 * one service +1 ms, median of 21; 16 and 32 MB gave the same as 8). An initial heap of 256 MB
 * moves V8's first full collection past what a 20,000-service check keeps alive (~130 MB): with
 * the default, a ~75 ms mark-compact ran halfway through the parse (20k, built CLI, 7 runs
 * each: median 1287 -> 1248 ms; peak RSS +25 MB; one service unchanged, median of 21).
 * It only raises the point where collections start, so larger inputs are collected as before.
 */
export const SNAPSHOT_V8_FLAGS: readonly string[] = ['--min-semi-space-size=8', '--initial-heap-size=256', '--no-allocation-site-pretenuring'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Libraries kept out of the main bundle and its snapshot (src/vendor.ts says why). */
const VENDORED = ['memfs', 'yaml'] as const;

const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // A smaller bundle is a smaller snapshot heap to deserialize at every start (about 7 ms).
  // Nothing prints a stack trace, so the lost names cost no user anything.
  minify: true,
  absWorkingDir: root,
} as const;

/**
 * The launcher's fingerprint of a node binary, `stat -L -c '%d %i %s %Y'`: device, inode, size
 * and mtime of the file the path leads to. A node replaced by a package upgrade gets a new inode
 * (the manager renames the new file into place); one rewritten in place gets a new mtime.
 */
export function nodeFingerprint(execPath: string): string {
  const st = statSync(execPath);
  return `${st.dev} ${st.ino} ${st.size} ${Math.floor(st.mtimeMs / 1000)}`;
}

export async function bundle(outDir = join(root, 'dist')): Promise<{ script: string; blob: string | null }> {
  mkdirSync(outDir, { recursive: true });
  const tag = `.tmp-${process.pid}`;
  const script = join(outDir, 'monitlint.cjs');
  const vendorDir = join(outDir, 'vendor');
  mkdirSync(vendorDir, { recursive: true });
  for (const name of VENDORED) {
    const out = join(vendorDir, `${name}.cjs`);
    await build({ ...COMMON, entryPoints: [name], outfile: out + tag });
    renameSync(out + tag, out);
  }
  await build({
    ...COMMON,
    // src/vendor.ts loads these from dist/vendor/ at run time.
    external: [...VENDORED],
    // import.meta.url is only read when run from source (src/vendor.ts); CJS has none.
    define: { __MONITLINT_BUNDLE__: 'true', 'import.meta.url': 'undefined' },
    entryPoints: [join(root, 'src/cli/entry.ts')],
    outfile: script + tag,
  });
  renameSync(script + tag, script);

  const blob = join(outDir, 'monitlint.blob');
  const r = spawnSync(process.execPath, ['--no-warnings', ...SNAPSHOT_V8_FLAGS, '--snapshot-blob', blob + tag, '--build-snapshot', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    // The plain script still works; only start-up is slower. Say so, and leave no stale blob.
    rmSync(blob + tag, { force: true });
    rmSync(blob, { force: true });
    rmSync(blob + '.id', { force: true });
    process.stderr.write(`bundle: no start-up snapshot (node --build-snapshot failed): ${(r.stderr || r.error?.message || '').trim()}\n`);
    return { script, blob: null };
  }
  writeFileSync(blob + '.id' + tag, nodeFingerprint(process.execPath) + '\n');
  renameSync(blob + tag, blob);
  renameSync(blob + '.id' + tag, blob + '.id');
  return { script, blob };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle();
}
