/**
 * vitest global set-up: build the shipped bundle and its start-up snapshot once, before any test
 * file runs, so the CLI tests exercise exactly what bin/monitlint runs, built from the current
 * sources (esbuild compiles the TypeScript directly; no tsc step needed).
 */
import { bundle } from '../../scripts/bundle.js';

export default async function setup(): Promise<void> {
  await bundle();
}
