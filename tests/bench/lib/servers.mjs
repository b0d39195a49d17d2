// The reference CRM and the fixture site for the bench: the *release* binaries (tests/e2e's
// servers.js starts target/debug ones, which would measure an unoptimised server).
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, tempDir } from '../../e2e/lib/servers.js';

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

/** Starts a server that prints "listening on <url>" once bound. */
function startProcess(bin, args, label, onStderr = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within 30 s\n${err}`));
    }, 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (\S+)/);
      if (m) {
        clearTimeout(timer);
        running.add(child);
        resolve({ child, url: m[1].replace(/\/$/, '') });
      }
    });
    child.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);
      onStderr?.(String(chunk));
      if (process.env.TB_SERVER_LOGS) process.stderr.write(`[${label}] ${chunk}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`${label} exited with ${code}\n${err}`));
    });
  });
}

function stopProcess(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
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
export async function startCrm({ binDir = RELEASE, db, seedDemo = true, onStderr = null } = {}) {
  const dir = db ? null : tempDir('tb-bench-crm-'); // ours to delete when the server stops
  const file = db ?? path.join(dir, 'crm.sqlite3');
  const args = ['serve', '--db', file, '--addr', '127.0.0.1:0'];
  if (seedDemo) args.push('--seed-demo');
  const { child, url } = await startProcess(binary('crm', binDir), args, 'crm', onStderr);
  const stop = async () => {
    await stopProcess(child);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, db: file, stop };
}

/** The fixture network site over HTTPS on loopback. */
export async function startSite({ binDir = RELEASE } = {}) {
  const { child, url } = await startProcess(binary('fixture-site', binDir), ['--addr', '127.0.0.1:0'], 'site');
  return { url, port: Number(new URL(url).port), stop: () => stopProcess(child) };
}
