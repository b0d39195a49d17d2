// The self-hosted package as an admin deploys it (PRODUCT.md A3): a signing key, the CRX, and the
// update manifest served over HTTP on loopback.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, tempDir } from './servers.js';
import { crxName, packCrx3, publicKeyDer, extensionIdFromDer, updateManifest } from './crx.js';

export const DIST = path.join(ROOT, 'dist');
/** The developers' signing key; on this machine only, never in the repository. */
export const DEV_KEY = '/root/.talent-bridge/dev-key.pem';

/** Zips a directory the way build.sh does (Python's zipfile, deflated, relative paths). */
export function zipDir(dir, out) {
  execFileSync('python3', [
    '-c',
    `import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith((".zip", ".crx")) and f != "update.xml":
                p = os.path.join(base, f)
                z.write(p, os.path.relpath(p, src))`,
    dir,
    out,
  ]);
  return fs.readFileSync(out);
}

/** dist/'s manifest. */
export const distManifest = () => JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));

/**
 * A fresh RSA key and a copy of dist/ whose manifest "key" is that key's public
 * half, so extension id and signing key agree. Used when the dev key is absent, and to give a
 * test an extension id no other browser on the machine uses.
 */
export function rekeyedDist() {
  const dir = tempDir('tb-rekeyed-');
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }); // kept in memory only
  const extensionDir = path.join(dir, 'extension');
  fs.cpSync(DIST, extensionDir, {
    recursive: true,
    filter: (src) => !/\.(zip|crx)$/.test(src) && path.basename(src) !== 'update.xml',
  });
  const manifestPath = path.join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const der = publicKeyDer(keyPem);
  manifest.key = der.toString('base64');
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return {
    dir,
    extensionDir,
    keyPem,
    id: extensionIdFromDer(der),
    version: manifest.version,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The package a force-install test serves: signed with the dev key over build.sh's zip when the
 * key is here, otherwise with a fresh key over a re-keyed copy of dist/. TB_FRESH_KEY=1 takes the
 * second way even where the dev key exists.
 */
export function testPackage({ fresh = process.env.TB_FRESH_KEY === '1' } = {}) {
  if (!fresh && fs.existsSync(DEV_KEY)) {
    const { version } = distManifest();
    const zip = fs.readFileSync(path.join(DIST, `talent-bridge-${version}.zip`));
    const { crx, id } = packCrx3(zip, fs.readFileSync(DEV_KEY));
    const out = tempDir('tb-package-');
    fs.writeFileSync(path.join(out, crxName(version)), crx);
    return { dir: out, id, version, key: 'dev', remove: () => fs.rmSync(out, { recursive: true, force: true }) };
  }
  const rekeyed = rekeyedDist();
  const out = tempDir('tb-package-');
  const zip = zipDir(rekeyed.extensionDir, path.join(out, `talent-bridge-${rekeyed.version}.zip`));
  const { crx, id } = packCrx3(zip, rekeyed.keyPem);
  if (id !== rekeyed.id) throw new Error(`re-keyed manifest id ${rekeyed.id} differs from the CRX id ${id}`);
  fs.writeFileSync(path.join(out, crxName(rekeyed.version)), crx);
  rekeyed.remove();
  return {
    dir: out,
    id,
    version: rekeyed.version,
    key: 'fresh',
    remove: () => fs.rmSync(out, { recursive: true, force: true }),
  };
}

/**
 * Serves the package's CRX and an update.xml pointing at it on 127.0.0.1, and records every
 * request so a failing test can say how far Chromium got.
 */
export async function serveUpdates(pkg) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (url.pathname === '/update.xml') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(updateManifest({ id: pkg.id, version: pkg.version, codebase: `${base}/${crxName(pkg.version)}` }));
    } else if (url.pathname === `/${crxName(pkg.version)}`) {
      res.writeHead(200, { 'Content-Type': 'application/x-chrome-extension' });
      res.end(fs.readFileSync(path.join(pkg.dir, crxName(pkg.version))));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    updateUrl: `${base}/update.xml`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
