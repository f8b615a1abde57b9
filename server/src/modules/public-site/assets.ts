// The public site's static files (one stylesheet, one script, the favicon), read once into memory and served
// at /public-assets/<name>?v=<hash>: the hash in the URL lets browsers and proxies keep them for a year.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ASSETS_PREFIX = '/public-assets/';
const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  name: string;
  body: Buffer;
  type: string;
  /** First 12 hex digits of the SHA-256 of the bytes: the `v` in the URL and the ETag. */
  hash: string;
}

function loadAssets(): Map<string, Asset> {
  const map = new Map<string, Asset>();
  for (const name of fs.readdirSync(assetsDir)) {
    const type = types[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(assetsDir, name));
    map.set(name, { name, body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  return map;
}

const assets = loadAssets();

export function findAsset(name: string): Asset | undefined {
  return assets.get(name);
}

/** The versioned URL of an asset, e.g. /public-assets/site.css?v=1a2b3c4d5e6f. */
export function assetUrl(name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`public asset ${name} is missing`);
  return `${ASSETS_PREFIX}${name}?v=${asset.hash}`;
}
