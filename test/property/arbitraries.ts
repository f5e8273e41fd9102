import fc from 'fast-check';
import type { Polygon } from 'geojson';
import type {
  CensusPoint,
  Change,
  Community,
  Division,
  Entity,
  EntityRef,
  Grid,
  MicroGrid,
  StaffMember,
  Township,
} from '../../shared/model';
import {
  COMMUNITY_KINDS,
  divisionOf,
  EXCLUSIVE_CATEGORIES,
  GRID_STATUSES,
  GRID_TYPES,
  LAYERS,
  STAFF_ROLES,
} from '../../shared/model';

/** JSON values as they survive a JSON round trip (no -0, no undefined members). */
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const reservedKeys = new Set([
  'layer',
  'code',
  'name',
  'kind',
  'parentCode',
  'gridType',
  'exclusiveCategory',
  'staff',
  'note',
  'justification',
  'status',
  'households',
  'population',
  'address',
  'phone',
  'mobile',
  'contact',
  'idNumber',
  'residentName',
  'residentNames',
  '__proto__',
]);

/** Unknown properties a foreign system might have written (Chinese keys included). */
export const extraArb = fc.dictionary(
  fc
    .oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('备注', 'DLMC', 'BSM', 'source'))
    .filter(
      (key) => !reservedKeys.has(key) && !/^(姓名|户主|电话|联系电话|手机|身份证号|户主姓名)$/.test(key),
    ),
  jsonValue,
  { maxKeys: 3 },
);

const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

const lonArb = fc.double({ min: 73, max: 135, noNaN: true, noDefaultInfinity: true });
const latArb = fc.double({ min: 18, max: 53, noNaN: true, noDefaultInfinity: true });

/** A simple counter-clockwise polygon (a convex polygon around a centre), as export writes it. */
export const polygonArb: fc.Arbitrary<Polygon> = fc
  .record({
    lon: lonArb,
    lat: latArb,
    radius: fc.double({ min: 0.0005, max: 0.05, noNaN: true }),
    sides: fc.integer({ min: 3, max: 9 }),
  })
  .map(({ lon, lat, radius, sides }) => {
    const ring: number[][] = [];
    for (let i = 0; i < sides; i++) {
      const angle = (2 * Math.PI * i) / sides;
      ring.push([lon + radius * Math.cos(angle), lat + radius * Math.sin(angle)]);
    }
    ring.push([...ring[0]!]);
    return { type: 'Polygon', coordinates: [ring] };
  });

const nameArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('光明社区第1网格', '蜀光中学专属网格', '新街街道'),
);
const idArb = fc.oneof(fc.uuid(), digits(6));

const staffArb: fc.Arbitrary<StaffMember[]> = fc.array(
  fc.record(
    { role: fc.constantFrom(...STAFF_ROLES), name: nameArb, phone: digits(11) },
    { requiredKeys: ['role', 'name'] },
  ),
  { maxLength: 3 },
);

const townshipArb: fc.Arbitrary<Township> = fc.record({
  layer: fc.constant('township' as const),
  id: idArb,
  code: digits(9).map((d) => `${d}000`),
  name: nameArb,
  geometry: polygonArb,
  extra: extraArb,
});

const communityArb: fc.Arbitrary<Community> = fc.record({
  layer: fc.constant('community' as const),
  id: idArb,
  code: digits(12),
  name: nameArb,
  kind: fc.constantFrom(...COMMUNITY_KINDS),
  geometry: polygonArb,
  extra: extraArb,
});

const gridArb: fc.Arbitrary<Grid> = fc.record(
  {
    layer: fc.constant('grid' as const),
    id: idArb,
    code: digits(15),
    name: nameArb,
    parentCode: digits(12),
    gridType: fc.constantFrom(...GRID_TYPES),
    exclusiveCategory: fc.constantFrom(...EXCLUSIVE_CATEGORIES),
    staff: staffArb,
    note: fc.string({ maxLength: 20 }),
    justification: fc.string({ maxLength: 20 }),
    status: fc.constantFrom(...GRID_STATUSES),
    geometry: polygonArb,
    extra: extraArb,
  },
  { requiredKeys: ['layer', 'id', 'code', 'name', 'parentCode', 'gridType', 'geometry', 'extra'] },
);

const microgridArb: fc.Arbitrary<MicroGrid> = fc.record(
  {
    layer: fc.constant('microgrid' as const),
    id: idArb,
    code: digits(18),
    name: nameArb,
    parentCode: digits(15),
    staff: staffArb,
    note: fc.string({ maxLength: 20 }),
    geometry: polygonArb,
    extra: extraArb,
  },
  { requiredKeys: ['layer', 'id', 'code', 'name', 'parentCode', 'geometry', 'extra'] },
);

const censusArb: fc.Arbitrary<CensusPoint> = fc.record(
  {
    layer: fc.constant('census' as const),
    id: idArb,
    lon: lonArb,
    lat: latArb,
    households: fc.integer({ min: 0, max: 200 }),
    population: fc.integer({ min: 0, max: 600 }),
    address: fc.string({ maxLength: 20 }),
    personal: fc.record({ 姓名: fc.string({ maxLength: 4 }), 联系电话: digits(11) }),
    extra: extraArb,
  },
  { requiredKeys: ['layer', 'id', 'lon', 'lat', 'households', 'population', 'extra'] },
);

/** Any entity of any layer. */
export const entityArb: fc.Arbitrary<Entity> = fc.oneof(
  townshipArb,
  communityArb,
  gridArb,
  microgridArb,
  censusArb,
);

/** A random valid project: a division with entities of every layer and collection foreign members. */
export const divisionArb: fc.Arbitrary<Division> = fc
  .record({
    name: fc.string({ maxLength: 20 }),
    ruleSetId: fc.constantFrom('zigong', 'changji', 'ningbo', 'jiaxing', 'custom-1'),
    extra: extraArb.map((extra) => {
      const kept = { ...extra };
      for (const key of ['type', 'features', 'crs']) delete kept[key];
      return kept;
    }),
    entities: fc.array(entityArb, { maxLength: 25 }),
  })
  .map(({ name, ruleSetId, extra, entities }) => divisionOf({ name, ruleSetId, extra }, entities));

/** A random change against a division: puts of new or replaced entities and deletes of existing ones. */
export function changeArb(division: Division): fc.Arbitrary<Change> {
  const existing: EntityRef[] = [];
  for (const layer of LAYERS) for (const id of division[layer].keys()) existing.push({ layer, id });
  const refArb: fc.Arbitrary<EntityRef> =
    existing.length > 0
      ? fc.oneof(fc.constantFrom(...existing), fc.record({ layer: fc.constantFrom(...LAYERS), id: idArb }))
      : fc.record({ layer: fc.constantFrom(...LAYERS), id: idArb });
  const replacing = existing.length > 0 ? fc.constantFrom(...existing) : fc.constant(undefined);
  const putArb = fc
    .tuple(entityArb, replacing, fc.boolean())
    .map(([entity, ref, reuse]) =>
      reuse && ref && ref.layer === entity.layer ? { ...entity, id: ref.id } : entity,
    );
  return fc.record({
    put: fc.array(putArb, { maxLength: 5 }),
    delete: fc.array(refArb, { maxLength: 5 }),
    note: fc.string({ maxLength: 10 }),
  });
}
