// Starts the reference CRM and the fixture site as real processes on loopback, each on a port
// the OS picks; both print "listening on <url>" once bound.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

export const ROOT = process.env.TB_ROOT || path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'target', 'debug');

/** Starts a server binary that prints "listening on <url>" once bound. */
export function startProcess(binPath, args, { label, onStderr = null, timeoutMs = 20_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(binPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs / 1000} s\n${err}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (\S+)/);
      if (m) {
        clearTimeout(timer);
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
      reject(new Error(`${label} exited with ${code}\n${err}`));
    });
  });
}

export function stopProcess(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Every test signs in from 127.0.0.1, like all the people of an office behind one address: as
 * an admin would there, raise the CRM's lock-outs (issue #22) so that the suite is never
 * throttled. A spec's own `crmArgs` come after and win.
 */
const LOGIN_LIMITS = ['--login-address-failures', '100000', '--login-account-failures', '10000'];

/** The reference CRM on its own database. `stop()` and `start()` keep the database and port. */
export async function startCrm({ dir = tempDir('tb-crm-'), seed = true, args: extra = [] } = {}) {
  const db = path.join(dir, 'crm.sqlite3');
  const crm = { db, url: null, port: 0, child: null };
  crm.start = async () => {
    const args = ['serve', '--db', db, '--addr', `127.0.0.1:${crm.port}`, '--test-hooks'];
    if (seed) args.push('--seed-demo');
    args.push(...LOGIN_LIMITS, ...extra);
    const { child, url } = await startProcess(path.join(BIN, 'crm'), args, { label: 'crm' });
    crm.child = child;
    crm.url = url;
    crm.port = Number(new URL(url).port);
  };
  crm.stop = async () => {
    await stopProcess(crm.child);
    crm.child = null;
  };
  crm.stats = async () => (await fetch(`${crm.url}/_test/stats`)).json();
  crm.resetStats = async () => fetch(`${crm.url}/_test/reset-stats`, { method: 'POST' });
  /** The next successful write to a path ending so is done, but answered 503 (a lost answer). */
  /** The next write to a path ending so is answered 500 and not done. */
  crm.failNextWrite = async (pathSuffix) => {
    const res = await fetch(`${crm.url}/_test/fail-next-write`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path_suffix: pathSuffix }),
    });
    if (res.status !== 204) throw new Error(`fail-next-write: ${res.status}`);
  };
  crm.loseNextAnswer = async (pathSuffix) => {
    const res = await fetch(`${crm.url}/_test/lose-next-answer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path_suffix: pathSuffix }),
    });
    if (res.status !== 204) throw new Error(`lose-next-answer: ${res.status}`);
  };
  await crm.start();
  return crm;
}

/**
 * The fixture network site, served over HTTPS on loopback: as the site is, with a CSP that
 * refuses WebAssembly (`strictCsp`: frame mode, DESIGN.md §2), or in its second `design`.
 * The tests get it through lib/fixtures.js, configured by the Playwright project.
 */
export async function startSite({ strictCsp = false, design = 'current', hostile = false, lang = 'en' } = {}) {
  const args = ['--addr', '127.0.0.1:0', '--design', design, '--lang', lang];
  if (strictCsp) args.push('--strict-csp');
  if (hostile) args.push('--hostile');
  const { child, url } = await startProcess(path.join(BIN, 'fixture-site'), args, { label: 'site' });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    stop: () => stopProcess(child),
    stats: () => insecureJson(`${url}/_test/stats`),
    reset: () => insecureJson(`${url}/_test/reset`, 'POST'),
    /** The GraphQL "Save to PDF" switch: `{mode: 'both'|'rest'|'refused'|'rate_limited'|'no_url', rotate: true}`. */
    pdfAction: (body) => insecureJson(`${url}/_test/pdf-action`, 'POST', body),
  };
}

/** JSON from the fixture site, whose certificate is self-signed. */
export function insecureJson(url, method = 'GET', body = undefined) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    const req = https.request(url, { method, headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          resolve(body ? JSON.parse(body) : null);
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
