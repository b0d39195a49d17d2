// The admin deployment kit in extension/policies/ (PRODUCT.md A3), checked file by file without a
// browser: it parses on the platform it is for, names the extension, and every value it sets has
// the type and range extension/managed_schema.json declares (A2).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/servers.js';
import { extensionIdFromManifestKey, packCrx3, readCrx3, updateManifest } from '../lib/crx.js';

const KIT = path.join(ROOT, 'extension', 'policies');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'managed_schema.json'), 'utf8'));
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const ID = extensionIdFromManifestKey(MANIFEST.key);

const kitFiles = (dir = KIT) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? kitFiles(p) : [p];
  });
const read = (rel) => fs.readFileSync(path.join(KIT, rel), 'utf8');
const withExt = (ext) => kitFiles().filter((f) => f.endsWith(ext));

/** Problems of `value` against a managed_schema.json (sub)schema; [] when it conforms. */
function schemaProblems(schema, value, where = 'policy') {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  switch (schema.type) {
    case 'object': {
      if (type !== 'object') return [`${where} must be an object`];
      return Object.entries(value).flatMap(([k, v]) =>
        schema.properties?.[k]
          ? schemaProblems(schema.properties[k], v, `${where}.${k}`)
          : [`${where}.${k} is not in the schema`],
      );
    }
    case 'integer':
      if (!Number.isInteger(value)) return [`${where} must be an integer`];
      if (schema.minimum !== undefined && value < schema.minimum) return [`${where} is below ${schema.minimum}`];
      if (schema.maximum !== undefined && value > schema.maximum) return [`${where} is above ${schema.maximum}`];
      return [];
    case 'string':
      if (type !== 'string') return [`${where} must be a string`];
      return !schema.enum || schema.enum.includes(value) ? [] : [`${where} must be one of ${schema.enum.join(', ')}`];
    case 'boolean':
      return type === 'boolean' ? [] : [`${where} must be a boolean`];
    default:
      return [`${where}: schema type ${schema.type} not handled by this check`];
  }
}

/** Every setting of the schema as a path: CrmBaseUrl, …, Features.Export, Features.SearchBadges. */
const settingPaths = (schema = SCHEMA, prefix = '') =>
  Object.entries(schema.properties).flatMap(([k, s]) =>
    s.type === 'object' ? settingPaths(s, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

function python(script, ...args) {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
}

/** The .reg file's keys and values, DWORDs as numbers. */
function parseReg(text) {
  expect(text.startsWith('Windows Registry Editor Version 5.00')).toBe(true);
  const keys = {};
  let current = null;
  for (const line of text.split(/\r\n/)) {
    if (line === '' || line.startsWith(';') || line.startsWith('Windows Registry Editor')) continue;
    const key = line.match(/^\[(.+)\]$/);
    if (key) {
      current = keys[key[1]] = {};
      continue;
    }
    const value = line.match(/^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/);
    if (!value || !current) throw new Error(`not a .reg value line: ${line}`);
    current[value[1]] = value[3] !== undefined ? parseInt(value[3], 16) : value[2].replace(/\\(.)/g, '$1');
  }
  return keys;
}

/** A registry policy key read as Chrome does with the schema: DWORDs become booleans where declared. */
function registryToPolicy(keys, base, schema = SCHEMA) {
  const out = {};
  for (const [name, value] of Object.entries(keys[base] ?? {})) {
    const type = schema.properties[name]?.type;
    out[name] = type === 'boolean' && (value === 0 || value === 1) ? value === 1 : value;
  }
  for (const [name, sub] of Object.entries(schema.properties)) {
    if (sub.type === 'object' && keys[`${base}\\${name}`]) out[name] = registryToPolicy(keys, `${base}\\${name}`, sub);
  }
  return out;
}

test('the kit names the extension id of the manifest key, in every file // proves A3', () => {
  expect(ID).toBe('gnkhiiocdompgpmpfknahhechpbajkmk');
  const files = kitFiles();
  expect(files.length).toBeGreaterThanOrEqual(10);
  for (const file of files) expect(fs.readFileSync(file, 'utf8'), path.relative(KIT, file)).toContain(ID);
});

test('Linux: both JSON files parse; force-install names id and update URL; the configuration fits the schema // proves A2, A3', () => {
  for (const file of withExt('.json')) expect(() => JSON.parse(fs.readFileSync(file, 'utf8')), file).not.toThrow();
  const forcelist = JSON.parse(read('linux/talent-bridge-forcelist.json'));
  expect(Object.keys(forcelist)).toEqual(['ExtensionInstallForcelist']);
  expect(forcelist.ExtensionInstallForcelist).toEqual([expect.stringMatching(new RegExp(`^${ID};https?://.+/update\\.xml$`))]);

  const config = JSON.parse(read('linux/talent-bridge-config.json'));
  expect(Object.keys(config)).toEqual(['3rdparty']);
  expect(Object.keys(config['3rdparty'].extensions)).toEqual([ID]);
  const settings = config['3rdparty'].extensions[ID];
  expect(schemaProblems(SCHEMA, settings)).toEqual([]);
  // The example shows every setting an admin can make.
  expect(settingPaths(SCHEMA, '').every((p) => p.split('.').reduce((o, k) => o?.[k], settings) !== undefined)).toBe(true);
  // The checker itself catches what Chromium would drop.
  expect(schemaProblems(SCHEMA, { ...settings, MonthlyLimit: 'lots', CrmBaseUrl: 42 })).toEqual([
    'policy.CrmBaseUrl must be a string',
    'policy.MonthlyLimit must be an integer',
  ]);
  expect(schemaProblems(SCHEMA, { MonthlyLimit: 201 })).toEqual(['policy.MonthlyLimit is above 200']);
});

test('Windows .reg: HKLM force-install and 3rdparty policy keys for Chrome and Edge, values typed as the schema says // proves A2, A3', () => {
  const vendors = { chrome: 'Google\\Chrome', edge: 'Microsoft\\Edge' };
  const linux = JSON.parse(read('linux/talent-bridge-config.json'))['3rdparty'].extensions[ID];
  for (const [browser, vendor] of Object.entries(vendors)) {
    const forcelistText = read(`windows/${browser}-forcelist.reg`);
    const forcelist = parseReg(forcelistText);
    expect(forcelist[`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\ExtensionInstallForcelist`]).toEqual({
      1: expect.stringMatching(new RegExp(`^${ID};https?://.+/update\\.xml$`)),
    });

    const config = parseReg(read(`windows/${browser}-config.reg`));
    const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${ID}\\policy`;
    const settings = registryToPolicy(config, base);
    expect(schemaProblems(SCHEMA, settings)).toEqual([]);
    expect(settings, `${browser}-config.reg sets what the Linux example sets`).toEqual(linux);
  }
});

test('Windows ADMX/ADML: both parse as XML and declare every schema setting for Chrome and Edge // proves A2, A3', () => {
  // ElementTree is the XML parser at hand; it hands back what the checks below need as JSON.
  const parsed = JSON.parse(
    python(
      `import json, re, sys, xml.etree.ElementTree as ET
ns = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
admx, adml = ET.parse(sys.argv[1]).getroot(), ET.parse(sys.argv[2]).getroot()
policies = []
for p in admx.iterfind("p:policies/p:policy", ns):
    elements = [dict(e.attrib, kind=e.tag.split("}")[1],
        values=[v.get("value") or v.text for v in e.iterfind("p:item/p:value/p:string", ns)]) for e in p.iterfind("p:elements/*", ns)]
    policies.append(dict(p.attrib, elements=elements,
        enabled=[e.get("value") for e in p.iterfind("p:enabledValue/p:decimal", ns)],
        disabled=[e.get("value") for e in p.iterfind("p:disabledValue/p:decimal", ns)]))
text = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({
  "policies": policies,
  "stringRefs": sorted(set(re.findall(r"\\$\\(string\\.([A-Za-z0-9_]+)\\)", text))),
  "presentationRefs": sorted(set(re.findall(r"\\$\\(presentation\\.([A-Za-z0-9_]+)\\)", text))),
  "strings": [s.get("id") for s in adml.iterfind("p:resources/p:stringTable/p:string", ns)],
  "presentations": {pr.get("id"): [c.get("refId") for c in pr] for pr in adml.iterfind("p:resources/p:presentationTable/p:presentation", ns)},
}))`,
      path.join(KIT, 'windows', 'talent-bridge.admx'),
      path.join(KIT, 'windows', 'en-US', 'talent-bridge.adml'),
    ),
  );
  for (const vendor of ['Google\\Chrome', 'Microsoft\\Edge']) {
    const base = `Software\\Policies\\${vendor}\\3rdparty\\extensions\\${ID}\\policy`;
    for (const setting of settingPaths()) {
      const parts = setting.split('.');
      const valueName = parts.pop();
      const key = [base, ...parts].join('\\');
      const schema = parts.reduce((s, k) => s.properties[k], SCHEMA).properties[valueName];
      const policy = parsed.policies.find(
        (p) => p.key === key && (p.valueName === valueName || p.elements.some((e) => e.valueName === valueName)),
      );
      expect(policy, `${vendor}: ${setting}`).toBeDefined();
      expect(policy.class).toBe('Machine');
      if (schema.type === 'boolean') {
        expect([policy.enabled, policy.disabled]).toEqual([['1'], ['0']]);
      } else {
        const element = policy.elements.find((e) => e.valueName === valueName);
        // A string of a few values is a drop-down of exactly those (DisplayMode).
        expect(element.kind).toBe(schema.type === 'integer' ? 'decimal' : schema.enum ? 'enum' : 'text');
        if (schema.enum) expect(element.values, `${vendor}: ${setting}`).toEqual(schema.enum);
        if (schema.type === 'integer') {
          expect([Number(element.minValue), Number(element.maxValue)]).toEqual([schema.minimum, schema.maximum]);
        }
        expect(parsed.presentations[policy.presentation.match(/presentation\.(\w+)/)[1]]).toContain(element.id);
      }
    }
  }
  expect(parsed.policies).toHaveLength(2 * settingPaths().length);
  for (const id of parsed.stringRefs) expect(parsed.strings, `ADML string ${id}`).toContain(id);
  for (const id of parsed.presentationRefs) expect(Object.keys(parsed.presentations)).toContain(id);
});

test('macOS: each .mobileconfig is a plist with the browser\'s force-install payload and the extension\'s settings payload // proves A2, A3', () => {
  const profiles = withExt('.mobileconfig');
  expect(profiles.map((f) => path.basename(f)).sort()).toEqual([
    'talent-bridge-chrome.mobileconfig',
    'talent-bridge-edge.mobileconfig',
  ]);
  const bundles = { 'talent-bridge-chrome.mobileconfig': 'com.google.Chrome', 'talent-bridge-edge.mobileconfig': 'com.microsoft.Edge' };
  const linux = JSON.parse(read('linux/talent-bridge-config.json'))['3rdparty'].extensions[ID];
  for (const file of profiles) {
    // What `plutil -lint` checks, with the parser at hand: plistlib refuses a malformed plist.
    execFileSync('python3', ['-c', 'import plistlib,sys; plistlib.load(open(sys.argv[1],"rb"))', file]);
    const profile = JSON.parse(
      python(
        `import json, plistlib, sys
print(json.dumps(plistlib.load(open(sys.argv[1], "rb")), default=str))`,
        file,
      ),
    );
    const bundle = bundles[path.basename(file)];
    expect(profile.PayloadType).toBe('Configuration');
    expect(Number.isInteger(profile.PayloadVersion)).toBe(true);
    const uuids = [profile, ...profile.PayloadContent].map((p) => p.PayloadUUID);
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);

    const force = profile.PayloadContent.find((p) => p.PayloadType === bundle);
    expect(force.ExtensionInstallForcelist).toEqual([expect.stringMatching(new RegExp(`^${ID};https?://.+/update\\.xml$`))]);

    const config = profile.PayloadContent.find((p) => p.PayloadType === `${bundle}.extensions.${ID}`);
    const settings = Object.fromEntries(Object.entries(config).filter(([k]) => !k.startsWith('Payload')));
    expect(schemaProblems(SCHEMA, settings)).toEqual([]);
    expect(settings).toEqual(linux);
  }
});

test('placeholders are marked and the README explains every file // proves A3', () => {
  const readme = read('README.md');
  for (const file of kitFiles()) {
    const rel = path.relative(KIT, file);
    if (rel !== 'README.md') expect(readme, `README mentions ${rel}`).toContain(path.basename(rel));
  }
  expect(readme).toContain('chrome://policy');
  expect(readme).toContain('edge://policy');
  // The files that set values say which to replace; JSON has no comments (the README lists its
  // placeholders) and the ADMX/ADML set none (the admin types them in the editor).
  const withPlaceholders = [...withExt('.reg'), ...withExt('.mobileconfig')];
  expect(withPlaceholders).toHaveLength(6);
  for (const file of withPlaceholders) {
    expect(fs.readFileSync(file, 'utf8'), path.relative(KIT, file)).toMatch(/PLACEHOLDER/);
  }
});

test('package: CRX3 signature verifies, crx_id and extension id follow the key, update.xml names both // proves A3', () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const zip = Buffer.from('PK\x05\x06' + '\x00'.repeat(18), 'binary'); // an empty zip
  const { crx, id, publicKey } = packCrx3(zip, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const back = readCrx3(crx);
  expect(back.verified).toBe(true);
  expect(back.id).toBe(id);
  expect(extensionIdFromManifestKey(publicKey)).toBe(id);
  expect(back.crxId.toString('hex')).toBe(crypto.createHash('sha256').update(back.publicKey).digest('hex').slice(0, 32));
  expect(Buffer.compare(back.zip, zip)).toBe(0);
  // A flipped byte in the archive breaks the signature.
  const tampered = Buffer.from(crx);
  tampered[tampered.length - 1] ^= 1;
  expect(readCrx3(tampered).verified).toBe(false);

  const xml = updateManifest({ id, version: '1.2.3', codebase: 'https://x.example.com/tb/talent-bridge-1.2.3.crx' });
  expect(xml).toContain(`appid='${id}'`);
  expect(xml).toContain("codebase='https://x.example.com/tb/talent-bridge-1.2.3.crx' version='1.2.3'");
  python('import sys, xml.etree.ElementTree as ET; ET.fromstring(sys.argv[1])', xml);
});

test('package.mjs without a key explains how to make one and exits 2 // proves A3', () => {
  let result;
  try {
    execFileSync('node', [path.join(import.meta.dirname, '..', 'package.mjs'), '/nonexistent/key.pem'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    result = e;
  }
  expect(result?.status).toBe(2);
  expect(result.stderr).toContain('openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem');
  expect(result.stderr).toMatch(/manifest\.json's "key"/);
});
