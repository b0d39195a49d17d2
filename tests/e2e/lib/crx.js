// Self-hosted packaging (PRODUCT.md A3): a CRX3 file signed with the organisation's RSA key and
// the gupdate manifest Chrome fetches from the ExtensionInstallForcelist update URL.
// CRX3 layout (components/crx_file/crx3.proto): "Cr24", le32 version 3, le32 header length,
// CrxFileHeader protobuf, then the zip. The protobuf is small enough to encode by hand.
import crypto from 'node:crypto';

export const DEFAULT_UPDATE_BASE = 'http://127.0.0.1:8765';
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'binary');

function varint(n) {
  const bytes = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field (wire type 2): tag, length, bytes. */
function bytesField(fieldNumber, payload) {
  return Buffer.concat([varint(fieldNumber * 8 + 2), varint(payload.length), payload]);
}

function le32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** The DER SubjectPublicKeyInfo of a PEM private (or public) key. */
export function publicKeyDer(pem) {
  return crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
}

/** Chrome's extension id: the first 128 bits of SHA-256(SPKI), hex digits 0-f written a-p. */
export function extensionIdFromDer(der) {
  return crypto
    .createHash('sha256')
    .update(der)
    .digest('hex')
    .slice(0, 32)
    .replace(/./g, (h) => String.fromCharCode(97 + parseInt(h, 16)));
}

/** The id a manifest's base64 "key" gives the extension. */
export function extensionIdFromManifestKey(key) {
  return extensionIdFromDer(Buffer.from(key, 'base64'));
}

/** A CRX3 file: the zip signed with the RSA private key (PEM). */
export function packCrx3(zip, privateKeyPem) {
  const key = crypto.createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the key must be RSA, not ${key.asymmetricKeyType}`);
  const spki = publicKeyDer(key);
  const crxId = crypto.createHash('sha256').update(spki).digest().subarray(0, 16);
  const signedHeaderData = bytesField(1, crxId); // SignedData { crx_id = 1 }
  const signature = crypto.sign(
    'sha256',
    Buffer.concat([SIGNATURE_CONTEXT, le32(signedHeaderData.length), signedHeaderData, zip]),
    key, // RSASSA-PKCS1-v1_5, as Chrome verifies sha256_with_rsa
  );
  const proof = Buffer.concat([bytesField(1, spki), bytesField(2, signature)]); // AsymmetricKeyProof
  const header = Buffer.concat([
    bytesField(2, proof), // CrxFileHeader.sha256_with_rsa = 2
    bytesField(10000, signedHeaderData), // CrxFileHeader.signed_header_data = 10000
  ]);
  return {
    crx: Buffer.concat([Buffer.from('Cr24'), le32(3), le32(header.length), header, zip]),
    id: extensionIdFromDer(spki),
    publicKey: spki.toString('base64'),
  };
}

/** The gupdate manifest: where version `version` of extension `id` can be downloaded. */
export function updateManifest({ id, version, codebase }) {
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${attr(id)}'>
    <updatecheck codebase='${attr(codebase)}' version='${attr(version)}' />
  </app>
</gupdate>
`;
}

export const crxName = (version) => `talent-bridge-${version}.crx`;

/** Reads a CRX3 back (for tests): the public key, signature and archive, signature checked. */
export function readCrx3(crx) {
  if (crx.subarray(0, 4).toString('binary') !== 'Cr24') throw new Error('not a CRX: no Cr24 magic');
  if (crx.readUInt32LE(4) !== 3) throw new Error(`CRX version ${crx.readUInt32LE(4)}, expected 3`);
  const headerLength = crx.readUInt32LE(8);
  const header = crx.subarray(12, 12 + headerLength);
  const zip = crx.subarray(12 + headerLength);
  const fields = (buf) => {
    const out = [];
    let i = 0;
    const readVarint = () => {
      let n = 0;
      let mul = 1;
      for (;;) {
        const b = buf[i++];
        n += (b & 0x7f) * mul;
        if (b < 0x80) return n;
        mul *= 128;
      }
    };
    while (i < buf.length) {
      const tag = readVarint();
      if (tag % 8 !== 2) throw new Error(`unexpected wire type ${tag % 8}`);
      const len = readVarint();
      out.push({ field: Math.floor(tag / 8), value: buf.subarray(i, i + len) });
      i += len;
    }
    return out;
  };
  const top = fields(header);
  const proof = fields(top.find((f) => f.field === 2).value);
  const signedHeaderData = top.find((f) => f.field === 10000).value;
  const publicKey = proof.find((f) => f.field === 1).value;
  const signature = proof.find((f) => f.field === 2).value;
  const crxId = fields(signedHeaderData).find((f) => f.field === 1).value;
  const verified = crypto.verify(
    'sha256',
    Buffer.concat([SIGNATURE_CONTEXT, le32(signedHeaderData.length), signedHeaderData, zip]),
    crypto.createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
    signature,
  );
  return { publicKey, signature, crxId, zip, verified, id: extensionIdFromDer(publicKey) };
}
