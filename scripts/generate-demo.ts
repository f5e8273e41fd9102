import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoGeoJson } from './demo/generate';

/** Writes the embedded demo township. Run with `npm run demo:generate` after changing the generator. */
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/demo/demo-township.geojson');
const started = performance.now();
const text = generateDemoGeoJson();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text);
console.log(
  `wrote ${target}: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms`,
);
