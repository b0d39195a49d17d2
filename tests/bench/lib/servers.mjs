// The reference CRM and the fixture site for the bench: the *release* binaries (tests/e2e's
// servers.js starts target/debug ones, which would measure an unoptimised server).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, tempDir, startProcess as startServer, stopProcess } from '../../e2e/lib/servers.js';

// TB_BENCH_BIN_DIR overrides, for trying the harness out (numbers then describe that build).
export const RELEASE = process.env.TB_BENCH_BIN_DIR || path.join(ROOT, 'target', 'release');
const running = new Set();

function binary(name, binDir) {
  const bin = path.join(binDir, name);
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: cargo build --release -p talent-bridge-crm -p talent-bridge-site`);
  }
  return bin;
}

/** Starts a server and remembers it, so `stopAllServers` can end it whatever happens. */
async function startProcess(bin, args, label, onStderr = null) {
  const started = await startServer(bin, args, { label, onStderr, timeoutMs: 30_000 });
  running.add(started.child);
  started.child.once('exit', () => running.delete(started.child));
  return started;
}

/** Stops every server this module started (by its own child handle). */
export async function stopAllServers() {
  await Promise.all([...running].map(stopProcess));
}

/**
 * `crm seed` into `db` (e.g. `{ demo: true, synthetic: 100000 }`); resolves with the seconds it
 * took. `--synthetic` is the CRM's own generator (`synthetic-0` … public ids).
 */
export async function seedCrm(db, { demo = false, synthetic = 0 } = {}, binDir = RELEASE) {
  const args = ['seed', '--db', db];
  if (demo) args.push('--demo');
  if (synthetic) args.push('--synthetic', String(synthetic));
  const started = performance.now();
  await promisify(execFile)(binary('crm', binDir), args, { timeout: 120_000 });
  return (performance.now() - started) / 1000;
}

/** The reference CRM on a database of its own (seeded with the demo data unless told not to). */
export async function startCrm({ binDir = RELEASE, db, seedDemo = true, onStderr = null, allowExtensions = [] } = {}) {
  const dir = db ? null : tempDir('tb-bench-crm-'); // ours to delete when the server stops
  const file = db ?? path.join(dir, 'crm.sqlite3');
  const args = ['serve', '--db', file, '--addr', '127.0.0.1:0'];
  if (seedDemo) args.push('--seed-demo');
  // The CRM answers CORS for our extension only (issue #22); the baseline is another one.
  for (const id of allowExtensions) args.push('--allow-extension', id);
  const { child, url } = await startProcess(binary('crm', binDir), args, 'crm', onStderr);
  const stop = async () => {
    await stopProcess(child);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, db: file, stop };
}

/** The fixture network site over HTTPS on loopback. */
export async function startSite({ binDir = RELEASE, strictCsp = false } = {}) {
  const args = ['--addr', '127.0.0.1:0', ...(strictCsp ? ['--strict-csp'] : [])];
  const { child, url } = await startProcess(binary('fixture-site', binDir), args, 'site');
  return { url, port: Number(new URL(url).port), stop: () => stopProcess(child) };
}
