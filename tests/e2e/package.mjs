#!/usr/bin/env node
// ./build.sh package KEY.pem [UPDATE_BASE_URL] — the self-hosted package for admins (PRODUCT.md A3):
// dist/talent-bridge-<version>.crx (CRX3, signed with KEY.pem) and dist/update.xml (gupdate
// manifest whose codebase is <UPDATE_BASE_URL>/talent-bridge-<version>.crx).
// The private key is only read, never copied or written anywhere.
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_UPDATE_BASE,
  crxName,
  extensionIdFromManifestKey,
  packCrx3,
  updateManifest,
} from './lib/crx.js';

const ROOT = process.env.TB_ROOT || path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');

function fail(code, lines) {
  console.error(lines.join('\n'));
  process.exit(code);
}

const [keyPath, baseArg] = process.argv.slice(2);
if (!keyPath || !fs.existsSync(keyPath)) {
  fail(2, [
    keyPath ? `package: no key file at ${keyPath}` : 'package: no key file given',
    '',
    'usage: ./build.sh package PATH/TO/key.pem [UPDATE_BASE_URL]',
    '',
    'The CRX is signed with an RSA private key, and that key fixes the extension id. To make one:',
    '',
    '  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem',
    '',
    'A new key means a new extension id. To keep id and key in agreement, put the new public key',
    'into manifest.json\'s "key" (then rebuild, and update the id in extension/policies/):',
    '',
    '  openssl rsa -in key.pem -pubout -outform DER | base64 -w0',
    '',
    'Keep key.pem secret and out of the repository: whoever holds it can ship updates.',
  ]);
}

let updateBase = baseArg || DEFAULT_UPDATE_BASE;
try {
  const u = new URL(updateBase);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
} catch {
  fail(2, [`package: UPDATE_BASE_URL must be an http(s) address, got ${JSON.stringify(updateBase)}`]);
}
updateBase = updateBase.replace(/\/+$/, '');

const manifestPath = path.join(DIST, 'manifest.json');
if (!fs.existsSync(manifestPath)) fail(1, [`package: ${manifestPath} is missing: run ./build.sh build first`]);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const version = manifest.version;
const zipPath = path.join(DIST, `talent-bridge-${version}.zip`);
if (!fs.existsSync(zipPath)) fail(1, [`package: ${zipPath} is missing: run ./build.sh build first`]);

let packed;
try {
  packed = packCrx3(fs.readFileSync(zipPath), fs.readFileSync(keyPath));
} catch (e) {
  fail(1, [`package: cannot sign with ${keyPath}: ${e.message}`, 'The key must be an RSA private key in PEM form.']);
}

const crxPath = path.join(DIST, crxName(version));
const updatePath = path.join(DIST, 'update.xml');
const codebase = `${updateBase}/${crxName(version)}`;
fs.writeFileSync(crxPath, packed.crx);
fs.writeFileSync(updatePath, updateManifest({ id: packed.id, version, codebase }));

console.log(`extension id:  ${packed.id}`);
console.log(`version:       ${version}`);
console.log(`CRX:           ${crxPath} (${packed.crx.length} bytes)`);
console.log(`update xml:    ${updatePath} (codebase ${codebase})`);
console.log(`serve both at: ${updateBase}/`);
console.log(`forcelist:     ${packed.id};${updateBase}/update.xml`);

const manifestId = manifest.key ? extensionIdFromManifestKey(manifest.key) : null;
if (manifestId !== packed.id) {
  const bar = '!'.repeat(78);
  console.error(
    [
      '',
      bar,
      manifestId
        ? `WARNING: the key's extension id ${packed.id} differs from the manifest key's id ${manifestId}.`
        : `WARNING: manifest.json has no "key"; the packed extension's id is ${packed.id}.`,
      'Chrome installs this CRX under the key\'s id, so the policy examples in extension/policies/',
      '(and OAuth redirect URIs, CRM CORS settings) that name the manifest\'s id will not match it.',
      'Either sign with the key that matches manifest.json, or set manifest.json\'s "key" to',
      '  openssl rsa -in KEY.pem -pubout -outform DER | base64 -w0',
      'rebuild, and update the id everywhere.',
      bar,
    ].join('\n'),
  );
}
