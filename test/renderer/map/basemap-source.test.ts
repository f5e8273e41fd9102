import type { RasterLayerSpecification, RasterSourceSpecification } from 'maplibre-gl';
import { afterEach, describe, expect, it } from 'vitest';
import type { BasemapMap, BasemapSettings } from '../../../renderer/map/basemap-source';
import {
  applyBasemap,
  BASEMAP_LAYER_ID,
  BASEMAP_SOURCE_ID,
  basemapNotices,
  checkTemplate,
  knownGcj02,
  maskKey,
  parseBasemapSettings,
} from '../../../renderer/map/basemap-source';
import type { LocalTileSet } from '../../../renderer/map/local-tiles';
import { registerLocalTiles, unregisterLocalTiles } from '../../../renderer/map/local-tiles';

const TIANDITU_IMG =
  'https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default' +
  '&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}';
const GAODE =
  'https://webrd0{switch:1,2,3,4}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';

const kinds = (template: string, kind: 'xyz' | 'wmts' = 'xyz', key = '') =>
  checkTemplate(kind, template, key).problems.map((p) => p.kind);

describe('checkTemplate: XYZ', () => {
  it('accepts an https template and returns it as MapLibre tiles with its origin', () => {
    const check = checkTemplate('xyz', '  https://tiles.example.cn/{z}/{x}/{y}.png ');
    expect(check.problems).toEqual([]);
    expect(check.tiles).toEqual(['https://tiles.example.cn/{z}/{x}/{y}.png']);
    expect(check.scheme).toBe('xyz');
    expect(check.origins).toEqual(['https://tiles.example.cn']);
  });

  it('names the missing placeholders in both languages', () => {
    const check = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x}.png');
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]!.kind).toBe('missing-placeholder');
    expect(check.problems[0]!.message.zh).toContain('{y}');
    expect(check.problems[0]!.message.en).toContain('{y}');
    expect(check.tiles).toEqual([]);
    expect(kinds('https://tiles.example.cn/tile.png')).toEqual(['missing-placeholder']);
  });

  it('allows plain http only for a tile server on this machine', () => {
    const insecure = checkTemplate('xyz', 'http://tiles.example.cn/{z}/{x}/{y}.png');
    expect(insecure.problems.map((p) => p.kind)).toEqual(['insecure']);
    expect(insecure.problems[0]!.at).toEqual({ start: 0, end: 4 });
    expect(insecure.problems[0]!.message.zh).toContain('第 1 个字符处');
    expect(insecure.problems[0]!.message.en).toContain('at character 1');
    for (const local of [
      'http://127.0.0.1:8080',
      'http://localhost:3000',
      'http://[::1]:9000',
      'http://127.0.0.2',
    ]) {
      const check = checkTemplate('xyz', `${local}/{z}/{x}/{y}.png`);
      expect(check.problems, local).toEqual([]);
      expect(check.origins).toEqual([new URL(local).origin]);
    }
    // A look-alike host is not loopback.
    expect(kinds('http://127.0.0.1.example.cn/{z}/{x}/{y}.png')).toEqual(['insecure']);
  });

  it('refuses other schemes, missing schemes, credentials and spaces, pointing at the place', () => {
    expect(kinds('file:///tiles/{z}/{x}/{y}.png')).toContain('scheme');
    expect(kinds('ftp://tiles.example.cn/{z}/{x}/{y}.png')).toEqual(['scheme']);
    const bare = checkTemplate('xyz', 'tiles.example.cn/{z}/{x}/{y}.png');
    expect(bare.problems.map((p) => p.kind)).toEqual(['scheme']);
    expect(bare.problems[0]!.at?.start).toBe(0);
    const credentials = checkTemplate('xyz', 'https://user:secret@tiles.example.cn/{z}/{x}/{y}.png');
    expect(credentials.problems.map((p) => p.kind)).toEqual(['credentials']);
    expect(credentials.problems[0]!.at).toEqual({ start: 8, end: 8 + 'user:secret@tiles.example.cn'.length });
    const space = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x} /{y}.png');
    expect(space.problems[0]).toMatchObject({ kind: 'space', at: { start: 32, end: 33 } });
  });

  it('locates unknown placeholders and unbalanced braces', () => {
    const template = 'https://tiles.example.cn/{Style}/{z}/{x}/{y}.png';
    const check = checkTemplate('xyz', template);
    expect(check.problems).toHaveLength(1);
    const [problem] = check.problems;
    expect(problem!.kind).toBe('unknown-placeholder');
    expect(template.slice(problem!.at!.start, problem!.at!.end)).toBe('{Style}');
    expect(problem!.message.zh).toContain('{Style}');
    const open = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x/{y}.png');
    expect(open.problems.map((p) => p.kind)).toContain('brace');
    expect(open.problems.find((p) => p.kind === 'brace')!.at!.start).toBe(29);
    expect(kinds('https://tiles.example.cn/{z}/{x}/{y}}.png')).toEqual(['brace']);
  });

  it('fills {key} (URL-encoded) and insists on a key when the template has a place for one', () => {
    const check = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x}/{y}.png?key={key}', 'a b');
    expect(check.problems.map((p) => p.kind)).toEqual(['key']);
    const good = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x}/{y}.png?key={key}', 'k&1');
    expect(good.tiles).toEqual(['https://tiles.example.cn/{z}/{x}/{y}.png?key=k%261']);
    expect(kinds('https://tiles.example.cn/{z}/{x}/{y}.png?key={key}')).toEqual(['key-missing']);
    expect(kinds('https://tiles.example.cn/{z}/{x}/{y}.png', 'xyz', 'abc')).toEqual(['key-nowhere']);
  });

  it('fills an empty tk= with the key, and says where it is when there is no key', () => {
    const template = 'https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=';
    const filled = checkTemplate('xyz', template, 'abc123');
    expect(filled.problems).toEqual([]);
    expect(filled.tiles).toEqual([
      'https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123',
    ]);
    const empty = checkTemplate('xyz', template);
    expect(empty.problems).toHaveLength(1);
    expect(template.slice(empty.problems[0]!.at!.start, empty.problems[0]!.at!.end)).toBe('tk=');
    expect(
      kinds('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc', 'xyz', 'def'),
    ).toEqual(['key-twice']);
  });

  it('asks for a key when a Tianditu template has none', () => {
    expect(kinds('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}')).toEqual(['key-missing']);
  });

  it('expands a subdomain switch into one URL and one origin per server', () => {
    const check = checkTemplate('xyz', 'https://{switch:a,b,c}.tiles.example.cn/{z}/{x}/{y}.png');
    expect(check.tiles).toEqual([
      'https://a.tiles.example.cn/{z}/{x}/{y}.png',
      'https://b.tiles.example.cn/{z}/{x}/{y}.png',
      'https://c.tiles.example.cn/{z}/{x}/{y}.png',
    ]);
    expect(check.origins).toEqual([
      'https://a.tiles.example.cn',
      'https://b.tiles.example.cn',
      'https://c.tiles.example.cn',
    ]);
    expect(checkTemplate('xyz', 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png').tiles).toHaveLength(3);
    expect(kinds('https://{z}.tiles.example.cn/{z}/{x}/{y}.png')).toEqual(['placeholder-in-host']);
  });

  it('turns {-y} into a TMS source', () => {
    const check = checkTemplate('xyz', 'https://tiles.example.cn/{z}/{x}/{-y}.png');
    expect(check.problems).toEqual([]);
    expect(check.scheme).toBe('tms');
    expect(check.tiles).toEqual(['https://tiles.example.cn/{z}/{x}/{y}.png']);
  });

  it('sends a WMTS template to the WMTS choice', () => {
    expect(kinds(TIANDITU_IMG, 'xyz', 'k')).toEqual(['wrong-kind']);
  });
});

describe('checkTemplate: WMTS', () => {
  it('maps Tianditu KVP {TileMatrix}/{TileRow}/{TileCol} to z/y/x and fills tk', () => {
    const check = checkTemplate('wmts', TIANDITU_IMG, 'abc123');
    expect(check.problems).toEqual([]);
    expect(check.tiles).toHaveLength(1);
    const url = new URL(check.tiles[0]!.replace(/\{(z|x|y)\}/g, (_m, n: string) => `@${n}`));
    expect(url.searchParams.get('TILEMATRIX')).toBe('@z');
    expect(url.searchParams.get('TILEROW')).toBe('@y');
    expect(url.searchParams.get('TILECOL')).toBe('@x');
    expect(url.searchParams.get('tk')).toBe('abc123');
    expect(check.origins).toEqual(['https://t0.tianditu.gov.cn']);
    expect(check.notices.map((n) => n.kind)).toEqual(['tianditu']);
  });

  it('maps a RESTful template, whatever the placeholders’ case', () => {
    const check = checkTemplate(
      'wmts',
      'https://maps.example.cn/wmts/img/default/GoogleMapsCompatible/{tilematrix}/{TileRow}/{TILECOL}.jpg',
    );
    expect(check.problems).toEqual([]);
    expect(check.tiles).toEqual([
      'https://maps.example.cn/wmts/img/default/GoogleMapsCompatible/{z}/{y}/{x}.jpg',
    ]);
  });

  it('names the missing WMTS placeholders and sends XYZ templates to the XYZ choice', () => {
    const check = checkTemplate(
      'wmts',
      'https://maps.example.cn/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}',
    );
    expect(check.problems.map((p) => p.kind)).toEqual(['missing-placeholder']);
    expect(check.problems[0]!.message.zh).toContain('{TileCol}');
    expect(check.problems[0]!.message.en).toContain('{TileCol}');
    expect(kinds('https://tiles.example.cn/{z}/{x}/{y}.png', 'wmts')).toEqual(['wrong-kind']);
  });

  it('refuses Tianditu’s geographic _c layers and geographic matrix sets, pointing at them', () => {
    const c = TIANDITU_IMG.replace('img_w', 'img_c');
    const check = checkTemplate('wmts', c.replace('TILEMATRIXSET=w', 'TILEMATRIXSET=w2'), 'k');
    expect(check.problems.map((p) => p.kind)).toEqual(['tianditu-c']);
    expect(c.slice(check.problems[0]!.at!.start, check.problems[0]!.at!.end)).toBe('img_c');
    expect(check.problems[0]!.message.zh).toContain('img_w');
    const matrix = checkTemplate('wmts', TIANDITU_IMG.replace('TILEMATRIXSET=w', 'TILEMATRIXSET=c'), 'k');
    expect(matrix.problems.map((p) => p.kind)).toEqual(['geographic-matrix']);
    expect(
      checkTemplate(
        'wmts',
        'https://m.example.cn/w?TILEMATRIXSET=EPSG:4490&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}',
      ).problems.map((p) => p.kind),
    ).toEqual(['geographic-matrix']);
  });
});

describe('knownGcj02', () => {
  it.each([
    ['Gaode', GAODE],
    ['Gaode satellite', 'https://webst01.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}'],
    ['AMap', 'https://wprd01.amap.com/appmaptile?x={x}&y={y}&z={z}'],
    ['Tencent', 'https://rt0.map.gtimg.com/tile?z={z}&x={x}&y={-y}&type=vector'],
    ['Tencent qq.com', 'https://apis.map.qq.com/tiles/{z}/{x}/{y}.png'],
    ['Google China', 'https://www.google.cn/maps/vt?lyrs=m&x={x}&y={y}&z={z}'],
  ])('warns about %s: GCJ-02, up to ~700 m, in both languages', (_name, url) => {
    const warning = knownGcj02(url);
    expect(warning).not.toBeNull();
    expect(warning!.zh).toContain('GCJ-02');
    expect(warning!.zh).toContain('700 米');
    expect(warning!.en).toContain('GCJ-02');
    expect(warning!.en).toContain('700 m');
    expect(warning!.zh).toContain('CGCS2000');
  });

  it.each([
    'https://online1.map.bdimg.com/onlinelabel/?qt=tile&x={x}&y={y}&z={z}',
    'https://maponline0.bdimg.com/tile/?qt=vtile&x={x}&y={y}&z={z}',
    'https://api.map.baidu.com/customimage/tile?x={x}&y={y}&z={z}',
  ])('calls Baidu BD-09: %s', (url) => {
    const warning = knownGcj02(url);
    expect(warning!.zh).toContain('BD-09');
    expect(warning!.en).toContain('BD-09');
    expect(basemapNotices(url).map((n) => n.kind)).toEqual(['bd09']);
  });

  it.each([
    TIANDITU_IMG,
    'https://t3.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={key}',
    'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    'https://notautonavi.com/{z}/{x}/{y}.png',
    'https://autonavi.com.example.org/{z}/{x}/{y}.png',
    'https://www.qq.com/{z}/{x}/{y}.png',
    'http://127.0.0.1:8080/{z}/{x}/{y}.png',
    'not a url',
  ])('says nothing about %s', (url) => {
    expect(knownGcj02(url)).toBeNull();
  });

  it('is part of the check of a template', () => {
    const check = checkTemplate('xyz', GAODE);
    expect(check.problems).toEqual([]);
    expect(check.tiles).toHaveLength(4);
    expect(check.notices).toEqual([expect.objectContaining({ kind: 'gcj02', severity: 'warning' })]);
  });
});

describe('maskKey and parseBasemapSettings', () => {
  it('hides the key in a URL shown to the planner', () => {
    expect(maskKey('https://x.cn/t?tk=s%26cret', 's&cret')).toBe('https://x.cn/t?tk=****');
  });

  it('reads stored settings defensively, defaulting to offline', () => {
    for (const junk of [
      undefined,
      null,
      3,
      'xyz',
      {},
      { kind: 'xyz' },
      { kind: 'folder', name: 'a' },
      { kind: 'other' },
    ]) {
      expect(parseBasemapSettings(junk)).toEqual({ kind: 'offline' });
    }
    expect(
      parseBasemapSettings({ kind: 'xyz', urlTemplate: 'https://a/{z}/{x}/{y}', key: 'k', extra: 1 }),
    ).toEqual({
      kind: 'xyz',
      urlTemplate: 'https://a/{z}/{x}/{y}',
      key: 'k',
    });
    const handle = { kind: 'directory', name: 'tiles' };
    expect(
      parseBasemapSettings({ kind: 'folder', name: 'tiles', localId: 'id1', scheme: 'tms', handle }),
    ).toEqual({
      kind: 'folder',
      name: 'tiles',
      localId: 'id1',
      scheme: 'tms',
      handle,
    });
    expect(
      parseBasemapSettings({
        kind: 'pmtiles',
        name: 'a.pmtiles',
        localId: 'id2',
        handle: { kind: 'directory' },
      }),
    ).toEqual({
      kind: 'pmtiles',
      name: 'a.pmtiles',
      localId: 'id2',
    });
  });
});

/** The style as a list of layers and a map of sources, enough for applyBasemap. */
class FakeMap implements BasemapMap {
  layers: { id: string; type: string; source?: string }[];
  sources = new Map<string, RasterSourceSpecification>();
  calls: string[] = [];

  constructor(layerIds: string[]) {
    this.layers = layerIds.map((id) => ({ id, type: id === 'background' ? 'background' : 'fill' }));
  }
  getLayer(id: string) {
    return this.layers.find((layer) => layer.id === id);
  }
  getSource(id: string) {
    return this.sources.get(id);
  }
  addSource(id: string, source: RasterSourceSpecification) {
    if (this.sources.has(id)) throw new Error(`source ${id} exists`);
    this.calls.push(`addSource ${id}`);
    this.sources.set(id, source);
  }
  addLayer(layer: RasterLayerSpecification, beforeId?: string) {
    if (this.getLayer(layer.id)) throw new Error(`layer ${layer.id} exists`);
    if (!this.sources.has(layer.source)) throw new Error(`no source ${layer.source}`);
    this.calls.push(`addLayer ${layer.id} before ${beforeId}`);
    const index = beforeId ? this.layers.findIndex((l) => l.id === beforeId) : -1;
    if (beforeId && index < 0) throw new Error(`no layer ${beforeId}`);
    const entry = { id: layer.id, type: layer.type, source: layer.source };
    if (index < 0) this.layers.push(entry);
    else this.layers.splice(index, 0, entry);
  }
  removeLayer(id: string) {
    this.calls.push(`removeLayer ${id}`);
    this.layers = this.layers.filter((layer) => layer.id !== id);
  }
  removeSource(id: string) {
    if (this.layers.some((layer) => layer.source === id)) throw new Error(`source ${id} in use`);
    this.calls.push(`removeSource ${id}`);
    this.sources.delete(id);
  }
  getStyle() {
    return { layers: this.layers };
  }
  /** Must never be called: it would drop Terra Draw's layers. */
  setStyle(): never {
    throw new Error('setStyle called');
  }
}

const DIVISION = ['background', 'community-fill', 'grid-fill', 'grid-line', 'td-polygon'];
const xyz = (urlTemplate: string): BasemapSettings => ({ kind: 'xyz', urlTemplate });

describe('applyBasemap', () => {
  const registered: string[] = [];
  afterEach(() => registered.splice(0).forEach(unregisterLocalTiles));

  it('adds nothing for offline', () => {
    const map = new FakeMap(DIVISION);
    expect(applyBasemap(map, { kind: 'offline' })).toEqual({
      shown: 'offline',
      problems: [],
      origins: [],
      attribution: null,
    });
    expect(map.calls).toEqual([]);
  });

  it('puts an XYZ source right below the division layers', () => {
    const map = new FakeMap(DIVISION);
    const applied = applyBasemap(map, xyz('http://127.0.0.1:9/{z}/{x}/{y}.png'));
    expect(applied).toMatchObject({ shown: 'raster', problems: [], origins: ['http://127.0.0.1:9'] });
    expect(map.layers.map((l) => l.id)).toEqual(['background', BASEMAP_LAYER_ID, ...DIVISION.slice(1)]);
    expect(map.sources.get(BASEMAP_SOURCE_ID)).toEqual({
      type: 'raster',
      tiles: ['http://127.0.0.1:9/{z}/{x}/{y}.png'],
      tileSize: 256,
      scheme: 'xyz',
      maxzoom: 18,
    });
  });

  it('leaves the same setting alone, replaces a changed one and removes it for offline', () => {
    const map = new FakeMap(DIVISION);
    applyBasemap(map, xyz('https://a.example.cn/{z}/{x}/{y}.png'));
    map.calls = [];
    applyBasemap(map, xyz('https://a.example.cn/{z}/{x}/{y}.png'));
    expect(map.calls).toEqual([]);
    applyBasemap(map, { kind: 'wmts', urlTemplate: TIANDITU_IMG, key: 'k' });
    expect(map.calls).toEqual([
      `removeLayer ${BASEMAP_LAYER_ID}`,
      `removeSource ${BASEMAP_SOURCE_ID}`,
      `addSource ${BASEMAP_SOURCE_ID}`,
      `addLayer ${BASEMAP_LAYER_ID} before community-fill`,
    ]);
    expect(map.layers.filter((l) => l.id === BASEMAP_LAYER_ID)).toHaveLength(1);
    expect(map.sources.get(BASEMAP_SOURCE_ID)?.attribution).toContain('天地图');
    applyBasemap(map, { kind: 'offline' });
    expect(map.layers.map((l) => l.id)).toEqual(DIVISION);
    expect(map.sources.size).toBe(0);
  });

  it('shows nothing and says why when the template is wrong', () => {
    const map = new FakeMap(DIVISION);
    applyBasemap(map, xyz('https://a.example.cn/{z}/{x}/{y}.png'));
    const applied = applyBasemap(map, xyz('http://a.example.cn/{z}/{x}/{y}.png'));
    expect(applied.shown).toBe('offline');
    expect(applied.problems[0]!.zh).toContain('https');
    expect(map.layers.map((l) => l.id)).toEqual(DIVISION);
  });

  it('goes under the first non-background layer when the division is not drawn yet', () => {
    const map = new FakeMap(['background', 'other']);
    applyBasemap(map, xyz('https://a.example.cn/{z}/{x}/{y}.png'));
    expect(map.layers.map((l) => l.id)).toEqual(['background', BASEMAP_LAYER_ID, 'other']);
    const bare = new FakeMap(['background']);
    applyBasemap(bare, xyz('https://a.example.cn/{z}/{x}/{y}.png'));
    expect(bare.layers.map((l) => l.id)).toEqual(['background', BASEMAP_LAYER_ID]);
  });

  it('shows a registered local folder through gp-folder:// with its zoom range and row order', () => {
    const set: LocalTileSet = {
      kind: 'folder',
      name: 'tiles',
      tileCount: 3,
      minZoom: 10,
      maxZoom: 14,
      format: 'png',
      bounds: null,
      suggestedScheme: 'tms',
      read: () => Promise.resolve(null),
    };
    registerLocalTiles('f1', set);
    registered.push('f1');
    const map = new FakeMap(DIVISION);
    const applied = applyBasemap(map, { kind: 'folder', name: 'tiles', localId: 'f1', scheme: 'tms' });
    expect(applied).toMatchObject({ shown: 'raster', origins: [] });
    expect(map.sources.get(BASEMAP_SOURCE_ID)).toEqual({
      type: 'raster',
      tiles: ['gp-folder://f1/{z}/{x}/{y}'],
      tileSize: 256,
      scheme: 'tms',
      minzoom: 10,
      maxzoom: 14,
    });
  });

  it('passes a PMTiles archive’s bounds to the source', () => {
    registerLocalTiles('p1', {
      kind: 'pmtiles',
      name: 'a.pmtiles',
      tileCount: 1,
      minZoom: 0,
      maxZoom: 16,
      format: 'webp',
      bounds: [104, 29, 105, 30],
      suggestedScheme: 'xyz',
      read: () => Promise.resolve(null),
    });
    registered.push('p1');
    const map = new FakeMap(DIVISION);
    applyBasemap(map, { kind: 'pmtiles', name: 'a.pmtiles', localId: 'p1' });
    expect(map.sources.get(BASEMAP_SOURCE_ID)).toMatchObject({
      tiles: ['pmtiles://p1/{z}/{x}/{y}'],
      bounds: [104, 29, 105, 30],
    });
  });

  it('asks to choose again (or reconnect) a local folder this page no longer has', () => {
    const map = new FakeMap(DIVISION);
    const lost = applyBasemap(map, { kind: 'folder', name: '影像', localId: 'gone', scheme: 'xyz' });
    expect(lost.shown).toBe('offline');
    expect(lost.problems[0]!.zh).toContain('需要重新选择');
    expect(lost.problems[0]!.en).toContain('Choose the tile folder “影像” again');
    const handle = {
      kind: 'file' as const,
      name: 'a.pmtiles',
      getFile: () => Promise.reject(new Error('no')),
    };
    const stored = applyBasemap(map, { kind: 'pmtiles', name: 'a.pmtiles', localId: 'gone', handle });
    expect(stored.problems[0]!.zh).toContain('重新连接');
    expect(map.sources.size).toBe(0);
  });
});
