import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision, toGeoJson } from '../../../shared/formats/geojson';
import { ringSignedArea2 } from '../../../shared/geometry/rewind';
import type { Division, Problem } from '../../../shared/model';

const square = (clockwise = false): number[][][] => {
  const ring = [
    [104.7, 29.3],
    [104.71, 29.3],
    [104.71, 29.31],
    [104.7, 29.31],
    [104.7, 29.3],
  ];
  return [clockwise ? ring.reverse() : ring];
};

function collection(features: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 2);
}

function grid(
  properties: Record<string, unknown>,
  geometry: unknown = { type: 'Polygon', coordinates: square() },
) {
  return { type: 'Feature', properties: { layer: 'grid', ...properties }, geometry };
}

function problemsOf(text: string): readonly Problem[] {
  const result = parseDivisionGeoJson(text);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
}

function parsed(text: string): Division {
  const result = parseDivisionGeoJson(text);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('\n'));
  return result.value;
}

describe('parseDivisionGeoJson refuses bad files with a reason and a place', () => {
  it('names line and column of a JSON syntax error', () => {
    const [problem] = problemsOf('{\n  "type": "FeatureCollection",\n  "features": [,]\n}');
    expect(problem?.kind).toBe('not-json');
    expect(problem?.message.zh).toContain('第 3 行');
    expect(problem?.message.en).toContain('line 3');
  });

  it('refuses an empty file and a non-collection', () => {
    expect(problemsOf('   ')[0]?.kind).toBe('empty');
    expect(problemsOf('{"type":"Feature"}')[0]?.message.zh).toContain('FeatureCollection');
  });

  it('refuses a file larger than the limit without parsing it', () => {
    expect(parseDivisionGeoJson('{}', { byteLength: 300 * 1024 * 1024 })).toMatchObject({
      ok: false,
      problems: [{ kind: 'too-large' }],
    });
  });

  it('refuses a projected crs, accepts a CRS84 one and drops it on export', () => {
    const projected = collection([], { crs: { type: 'name', properties: { name: 'EPSG:4527' } } });
    expect(problemsOf(projected)[0]?.kind).toBe('projected');
    const geographic = collection([], {
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    });
    expect(JSON.stringify(toGeoJson(parsed(geographic)))).not.toContain('crs');
  });

  it('lists every bad feature with its number and line', () => {
    const text = collection([
      grid({ code: '510302001001001' }),
      { type: 'Feature', properties: { layer: 'road' }, geometry: null },
      grid(
        { code: 'x' },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      ),
      {
        type: 'Feature',
        properties: { layer: 'census', households: 'many' },
        geometry: { type: 'Point', coordinates: [104.7, 29.3] },
      },
    ]);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(3);
    expect(problems[0]?.message.zh).toMatch(/^第 2 个要素（第 \d+ 行）：properties.layer/);
    expect(problems[1]?.message.en).toMatch(/^Feature 3 \(line \d+\): geometry type LineString/);
    expect(problems[2]?.message.zh).toContain('户数');
    // The line named is where the feature starts in the text.
    const line = Number(/line (\d+)/.exec(problems[0]!.message.en)![1]);
    expect(text.split('\n')[line - 1]).toContain('{');
    expect(
      text
        .split('\n')
        .slice(line - 1, line + 3)
        .join('\n'),
    ).toContain('road');
  });
});

describe('parseDivisionGeoJson refuses many bad features in bounded memory', () => {
  it('counts problems up to 10,000 and then stops, saying at least how many more', () => {
    const nulls = `{"type":"FeatureCollection","features":[${Array(30_000).fill('null').join(',')}]}`;
    const problems = problemsOf(nulls);
    expect(problems).toHaveLength(21);
    expect(problems[20]!.message.zh).toBe('……另有至少 9980 处问题（其后的要素未再检查）');
    expect(problems[20]!.message.en).toContain('at least 9980 more');
    // Below the limit every problem is counted.
    const some = problemsOf(`{"type":"FeatureCollection","features":[${Array(500).fill('null').join(',')}]}`);
    expect(some[20]!.message.en).toBe('… and 480 more problems');
  });
});

describe('parseDivisionGeoJson keeps what the validator must see', () => {
  it('keeps grids with missing attributes and invalid geometry', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const division = parsed(
      collection([grid({ name: '无编码' }, bowTie), grid({ gridType: 'suburban', code: '1' })]),
    );
    const [first, second] = [...division.grid.values()];
    expect(first?.code).toBe('');
    expect(first?.gridType).toBeNull();
    expect(second?.gridType).toBeNull();
    // The invalid value is kept and written back as it was.
    expect(second?.extra.gridType).toBe('suburban');
    expect(stringifyDivision(division)).toContain('"gridType":"suburban"');
  });

  it('turns clockwise exterior rings counter-clockwise on import and export', () => {
    const division = parsed(
      collection([grid({ code: '1' }, { type: 'Polygon', coordinates: square(true) })]),
    );
    const [g] = division.grid.values();
    expect(g?.geometry.type).toBe('Polygon');
    const exported = toGeoJson(division).features[0]!.geometry as { coordinates: number[][][] };
    expect(ringSignedArea2(exported.coordinates[0]!)).toBeGreaterThan(0);
  });

  it('separates residents personal data and leaves it out of a default export', () => {
    const division = parsed(
      collection([
        {
          type: 'Feature',
          id: 7,
          properties: {
            layer: 'census',
            households: 3,
            户主姓名: '张三',
            联系电话: '13800000000',
            楼栋: '3栋',
          },
          geometry: { type: 'Point', coordinates: [104.7, 29.3] },
        },
      ]),
    );
    const point = division.census.get('7');
    expect(point?.personal).toEqual({ 户主姓名: '张三', 联系电话: '13800000000' });
    expect(point?.population).toBe(0);
    const plain = stringifyDivision(division);
    expect(plain).not.toContain('张三');
    expect(plain).toContain('楼栋');
    expect(stringifyDivision(division, { includePersonal: true })).toContain('13800000000');
  });

  it('gives features without ids stable unique ids and keeps collection members', () => {
    const division = parsed(
      collection([grid({ code: 'a' }), grid({ code: 'b' })], { name: '新街街道', 来源: '自然资源局' }),
    );
    expect([...division.grid.keys()]).toEqual(['grid-1', 'grid-2']);
    expect(division.meta.name).toBe('新街街道');
    expect(division.meta.extra).toEqual({ 来源: '自然资源局' });
    expect(toGeoJson(division)).toMatchObject({ 来源: '自然资源局', name: '新街街道' });
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseDivisionGeoJson('\ufeff' + collection([])).ok).toBe(true);
  });
});
