// Figure 1: what ships. Every wasm and JS file under dist/ (raw and gzip -9) and the zip.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The module a file belongs to, for the table: content, ui, background, pages, pdf or shim. */
function moduleOf(rel) {
  const top = rel.split('/')[0];
  if (['content', 'ui', 'background', 'pages', 'pdf'].includes(top) && !rel.endsWith('loader.js')) return top;
  if (rel.endsWith('.zip')) return 'zip';
  return 'shim';
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

export function measureSizes(dist) {
  if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: ./build.sh build`);
  const files = walk(dist)
    .filter((f) => /\.(wasm|js|zip)$/.test(f))
    .map((full) => {
      const rel = path.relative(dist, full).split(path.sep).join('/');
      const bytes = fs.readFileSync(full);
      return { file: rel, module: moduleOf(rel), bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
  const contentWasm = files.find((f) => f.file === 'content/talent_bridge_content_bg.wasm') ?? null;
  return { files, contentWasm };
}
