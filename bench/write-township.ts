// `npx tsx bench/write-township.ts 12k|90k DIR`: writes a generated township (bench/township-generator.ts)
// as files for trying automatic division by hand, in the app (导入) or with `gridplan divide`:
// DIR/division.geojson (the interchange profile: township, communities, census points, no grids) and one
// GeoJSON FeatureCollection per guide layer (roads.geojson, river.geojson, compounds.geojson).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDivision } from '../shared/formats/geojson';
import { COMMUNITY_12K, generateTownship, TOWNSHIP_90K } from './township-generator';

const [which, folder] = process.argv.slice(2);
const shape = which === '12k' ? COMMUNITY_12K : which === '90k' ? TOWNSHIP_90K : undefined;
if (!shape || !folder) {
  console.error('usage: npx tsx bench/write-township.ts 12k|90k DIR');
  process.exit(2);
}
const township = generateTownship(shape);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'division.geojson'), stringifyDivision(township.division));
for (const layer of township.guides) {
  const collection = { type: 'FeatureCollection', name: layer.name, features: layer.features };
  writeFileSync(path.join(folder, `${layer.id}.geojson`), JSON.stringify(collection));
}
console.log(
  `${township.division.census.size} census points, ${township.division.community.size} communities → ${folder}`,
);
