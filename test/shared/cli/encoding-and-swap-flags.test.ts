import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../shared/cli/run-cli';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { encodeText } from '../../../shared/formats/text-encoding';
import { nodeCliHost } from '../../../scripts/gridplan-node-host';

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-flags-'));
const at = (name: string) => path.join(dir, name);
const swapped = '经度,纬度,户数\n29.305,104.705,3\n29.315,104.715,4\n';

function censusOf(file: string): [number, number][] {
  const division = parseDivisionGeoJson(readFileSync(file, 'utf8'));
  if (!division.ok) throw new Error('not a division');
  return [...division.value.census.values()].map((p) => [p.lon, p.lat]);
}

describe('gridplan import: swapped longitude/latitude columns', () => {
  it('is refused with the flags that import it the right way round, which then work', async () => {
    writeFileSync(at('swapped.csv'), swapped);
    writeFileSync(at('out.geojson'), 'before');
    const refused = await runCli(
      ['import', at('swapped.csv'), '--as', 'census', '--out', at('out.geojson')],
      nodeCliHost,
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('--field longitude=纬度 --field latitude=经度');
    expect(refused.stderr).toContain('填反');
    expect(readFileSync(at('out.geojson'), 'utf8')).toBe('before');

    const english = await runCli(
      ['import', at('swapped.csv'), '--as', 'census', '--out', at('out.geojson'), '--lang', 'en'],
      nodeCliHost,
    );
    expect(english.stderr).toMatch(/look swapped/);

    const fixed = await runCli(
      [
        'import',
        at('swapped.csv'),
        '--as',
        'census',
        '--out',
        at('out.geojson'),
        '--field',
        'longitude=纬度',
        '--field',
        'latitude=经度',
      ],
      nodeCliHost,
    );
    expect(fixed.exitCode).toBe(0);
    expect(censusOf(at('out.geojson'))).toEqual([
      [104.705, 29.305],
      [104.715, 29.315],
    ]);
  });

  it('columns named by hand that still look swapped are imported with the warning', async () => {
    writeFileSync(at('arctic.csv'), 'x,y\n40.1,80.2\n');
    const result = await runCli(
      [
        'import',
        at('arctic.csv'),
        '--as',
        'census',
        '--out',
        at('arctic.geojson'),
        '--field',
        'longitude=x',
        '--field',
        'latitude=y',
      ],
      nodeCliHost,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('--field longitude=y --field latitude=x');
  });

  it('columns the right way round say nothing', async () => {
    writeFileSync(at('good.csv'), '经度,纬度,户数\n104.705,29.305,3\n');
    const result = await runCli(
      ['import', at('good.csv'), '--as', 'census', '--out', at('good.geojson')],
      nodeCliHost,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('gridplan --encoding', () => {
  const utf16 = (value: string) => {
    const bytes = new Uint8Array(value.length * 2);
    for (let i = 0; i < value.length; i++)
      new DataView(bytes.buffer).setUint16(i * 2, value.charCodeAt(i), true);
    return bytes;
  };

  it('import --encoding utf-16 reads a UTF-16 table, and says so', async () => {
    writeFileSync(at('u16.csv'), utf16('经度,纬度,户数,地址\n104.705,29.305,3,新街1号\n'));
    const result = await runCli(
      ['import', at('u16.csv'), '--as', 'census', '--out', at('u16.geojson'), '--encoding', 'UTF16'],
      nodeCliHost,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('UTF-16LE（按指定）');
    expect(readFileSync(at('u16.geojson'), 'utf8')).toContain('新街1号');
  });

  it('import of GBK GeoJSON says GBK; --encoding utf-8 refuses it instead of garbling', async () => {
    const grids = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { WGBM: '510302001001001', WGMC: '新街网格' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [104.7, 29.3],
                [104.71, 29.3],
                [104.71, 29.31],
                [104.7, 29.3],
              ],
            ],
          },
        },
      ],
    });
    writeFileSync(at('gbk.geojson'), encodeText(grids, 'gbk').bytes);
    const read = await runCli(
      ['import', at('gbk.geojson'), '--as', 'grids', '--out', at('g.geojson'), '--lang', 'en'],
      nodeCliHost,
    );
    expect(read.exitCode).toBe(0);
    expect(read.stdout).toContain('encoding GBK (detected)');
    expect(readFileSync(at('g.geojson'), 'utf8')).toContain('新街网格');
    const refused = await runCli(
      ['import', at('gbk.geojson'), '--as', 'grids', '--out', at('g2.geojson'), '--encoding', 'utf-8'],
      nodeCliHost,
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('不是有效的 UTF-8 文本');
    expect(refused.stderr).not.toContain('\uFFFD');
  });

  it('validate reads a GBK division, says which encoding, and takes --encoding', async () => {
    const division = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { layer: 'community', code: '510302001001', name: '新街社区', kind: 'urban' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [104.7, 29.3],
                [104.71, 29.3],
                [104.71, 29.31],
                [104.7, 29.3],
              ],
            ],
          },
        },
      ],
    });
    writeFileSync(at('division-gbk.geojson'), encodeText(division, 'gbk').bytes);
    const detected = await runCli(['validate', at('division-gbk.geojson'), '--lang', 'en'], nodeCliHost);
    expect(detected.stderr).toContain('encoding GBK (detected); if that is wrong, name it with --encoding');
    expect(detected.stdout).not.toContain('\uFFFD');
    const named = await runCli(['validate', at('division-gbk.geojson'), '--encoding', 'gbk'], nodeCliHost);
    expect(named.stderr).toContain('编码 GBK（按指定）');
    expect(named.exitCode).toBe(detected.exitCode);
    const wrong = await runCli(['validate', at('division-gbk.geojson'), '--encoding', 'utf-8'], nodeCliHost);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('不是有效的 UTF-8 文本（按指定的编码读取）');
  });

  it('an unknown encoding, and UTF-16 for export, are usage errors', async () => {
    const unknown = await runCli(['validate', at('x.geojson'), '--encoding', 'latin1'], nodeCliHost);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('utf-8、gbk 或 utf-16');
    const exported = await runCli(
      [
        'export',
        at('x.geojson'),
        '--to',
        'shapefile',
        '--out',
        at('x.zip'),
        '--encoding',
        'utf-16',
        '--lang',
        'en',
      ],
      nodeCliHost,
    );
    expect(exported.exitCode).toBe(2);
    expect(exported.stderr).toContain('never UTF-16');
  });
});
