// Peak resident memory of the reference CRM under a burst of log-in attempts (issue #22): every
// attempt runs argon2 (19 MiB), so without a bound a burst is a memory sink. The bound is the
// hashing pool (`--login-hash-pool`, default 4): about pool × 19 MiB above the idle server.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir, startProcess, stopProcess } from '../../e2e/lib/servers.js';

const DEMO = [
  ['riley@example.com', 'riley-demo'],
  ['val@example.com', 'val-demo'],
  ['casey@example.com', 'casey-demo'],
];

/** `VmHWM` (peak) and `VmRSS` (now) of a process, in KiB. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1]);
  return { hwm: kib('VmHWM'), rss: kib('VmRSS') };
}

/**
 * Starts `crmBin` (the release CRM) on a fresh demo database, fires `attempts` concurrent log-in
 * POSTs (a third unknown emails, a third wrong passwords, a third right ones, all with the
 * form's valid token), and samples the child's peak resident memory.
 *
 * The lock-outs are raised by default (`lockouts: false`), so that the pool alone bounds the
 * burst, as for an attacker with many addresses; `serverArgs` are appended (e.g.
 * `['--login-hash-pool', '8']`).
 *
 * Resolves with `{ peakKiB, baselineKiB, answers: { status: count }, hwmReset }`: `baselineKiB`
 * is the idle server's resident memory just before the burst; `peakKiB` the high-water mark
 * during it (`hwmReset`: the mark was reset to the idle value first through
 * `/proc/<pid>/clear_refs`, so the start-up's own hashing does not count; else it is the peak
 * since start).
 */
export async function measureLoginMemory({
  crmBin,
  attempts = 200,
  serverArgs = [],
  lockouts = false,
  sampleEveryMs = 5,
} = {}) {
  if (!crmBin || !fs.existsSync(crmBin)) {
    throw new Error(`measureLoginMemory: no CRM binary at ${crmBin}: cargo build --release -p talent-bridge-crm`);
  }
  const dir = tempDir('tb-login-memory-');
  const db = path.join(dir, 'crm.sqlite3');
  let child = null;
  try {
    // Seeded by another process: the demo passwords' hashing is not the server's memory.
    await promisify(execFile)(crmBin, ['seed', '--demo', '--db', db], { timeout: 60_000 });
    const args = ['serve', '--db', db, '--addr', '127.0.0.1:0'];
    if (!lockouts) args.push('--login-account-failures', '1000000', '--login-address-failures', '1000000');
    args.push(...serverArgs);
    const started = await startProcess(crmBin, args, { label: 'crm (login memory)' });
    child = started.child;
    const { url } = started;

    const form = await fetch(`${url}/login`);
    const cookie = form.headers.get('set-cookie')?.split(';')[0];
    const token = (await form.text()).match(/name="csrf_token" value="([^"]+)"/)?.[1];
    if (!cookie || !token) throw new Error('measureLoginMemory: the log-in form has no cookie or token');

    await new Promise((resolve) => setTimeout(resolve, 200));
    let hwmReset = true;
    try {
      fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    } catch {
      hwmReset = false;
    }
    const baselineKiB = memoryOf(child.pid).rss;
    let peakKiB = memoryOf(child.pid).hwm;
    const sampler = setInterval(() => {
      try {
        peakKiB = Math.max(peakKiB, memoryOf(child.pid).hwm);
      } catch {
        // The child is gone: the last sample stands, and the answers will say why.
      }
    }, sampleEveryMs);

    const answers = {};
    const post = async (i) => {
      const [email, right] = DEMO[i % DEMO.length];
      const [user, password] = [
        [`nobody-${i}@example.com`, 'whatever'],
        [email, 'wrong-password'],
        [email, right],
      ][i % 3];
      const body = new URLSearchParams({ email: user, password, next: '/', csrf_token: token });
      try {
        const res = await fetch(`${url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body,
          redirect: 'manual',
        });
        await res.arrayBuffer();
        return String(res.status);
      } catch (e) {
        return `error: ${e.cause?.code || e.message}`;
      }
    };
    const statuses = await Promise.all(Array.from({ length: attempts }, (_, i) => post(i)));
    for (const status of statuses) answers[status] = (answers[status] || 0) + 1;
    clearInterval(sampler);
    peakKiB = Math.max(peakKiB, memoryOf(child.pid).hwm);
    return { peakKiB, baselineKiB, answers, hwmReset };
  } finally {
    await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
