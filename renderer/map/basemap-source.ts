import type { RasterLayerSpecification, RasterSourceSpecification } from 'maplibre-gl';
import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';
import type { DirectoryHandleLike, FileHandleLike, TileScheme } from './local-tiles';
import { localTiles, localTileUrl } from './local-tiles';
import type { TemplateProblem } from './template-tokens';
import { located, placeholderOf, templateTokens, TILE_PLACEHOLDERS } from './template-tokens';

export type { TemplateProblem } from './template-tokens';

/**
 * The planner's basemap: none (the offline default), tiles from a server they name, or tiles from
 * their own disk. Pure functions check a URL template and describe the MapLibre source; applyBasemap
 * puts that source under the division layers by adding and removing a source and a layer: never
 * setStyle, which would drop Terra Draw's layers (stack-notes.md).
 */

/** Project setting key under which the choice is stored (ProjectStore.setSetting). */
export const BASEMAP_SETTING = 'basemap';
/** MapLibre ids of the basemap's source and layer. */
export const BASEMAP_SOURCE_ID = 'gp-basemap';
export const BASEMAP_LAYER_ID = 'gp-basemap-raster';
/** The lowest division layer (map-layers.ts): the basemap goes right under it. */
export const BASEMAP_BELOW_LAYER = 'community-fill';
/** Deepest zoom asked of a tile server; MapLibre enlarges its tiles beyond (Tianditu stops at 18). */
export const REMOTE_MAX_ZOOM = 18;

/** What the basemap setting holds. */
export type BasemapSettings =
  | { readonly kind: 'offline' }
  | {
      readonly kind: 'xyz';
      /** e.g. https://tiles.example.cn/{z}/{x}/{y}.png; {key} marks where the key goes. */
      readonly urlTemplate: string;
      readonly key?: string;
      readonly attribution?: string;
    }
  | {
      readonly kind: 'wmts';
      /** KVP (…&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}) or RESTful. */
      readonly urlTemplate: string;
      readonly key?: string;
      readonly attribution?: string;
    }
  | {
      readonly kind: 'folder';
      readonly name: string;
      /** Id of the folder in this page's registry (local-tiles.ts); kept so a handle reconnects to it. */
      readonly localId: string;
      readonly scheme: TileScheme;
      /** Present when the File System Access API chose the folder: it survives a reload. */
      readonly handle?: DirectoryHandleLike;
    }
  | {
      readonly kind: 'pmtiles';
      readonly name: string;
      readonly localId: string;
      readonly handle?: FileHandleLike;
    };

export const OFFLINE_BASEMAP: BasemapSettings = { kind: 'offline' };

/** A problem in a URL template; `at` is the span of the template it is about, when there is one. */
/** Something the planner should know about a source that is not an error (GCJ-02 offsets, Tianditu). */
export interface BasemapNotice {
  readonly kind: 'gcj02' | 'bd09' | 'tianditu';
  readonly severity: 'warning' | 'info';
  readonly message: LocalText;
}

/** The outcome of checking a template: MapLibre tile URLs when there are no problems. */
export interface TemplateCheck {
  readonly problems: readonly TemplateProblem[];
  readonly notices: readonly BasemapNotice[];
  /** URLs with {z}/{x}/{y} for MapLibre, the key filled in, one per subdomain; empty on problems. */
  readonly tiles: readonly string[];
  readonly scheme: TileScheme;
  /** scheme://host[:port] of every server the tiles come from (what a CSP must allow). */
  readonly origins: readonly string[];
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The hostname of a URL or template (lower case), read without URL parsing so braces do not matter. */
export function templateHost(url: string): string | null {
  // A subdomain switch (t{switch:0,1}.…) stands for its first choice.
  const expanded = url
    .trim()
    .replace(/\{switch:([^,}]*)[^}]*\}/gi, '$1')
    .replace(/\{s\}/gi, 'a');
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(expanded);
  return match?.[1] ? match[1].toLowerCase() : null;
}

const endsWith = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/** Tianditu: CGCS2000 data, so no offset against ours. */
export function isTianditu(url: string): boolean {
  const host = templateHost(url);
  return host !== null && (endsWith(host, 'tianditu.gov.cn') || endsWith(host, 'tianditu.com'));
}

/**
 * A warning when tiles from `url` are known to be shifted against CGCS2000/WGS84: Gaode/AMap,
 * Tencent and Google's China maps use GCJ-02, Baidu its own BD-09 on top of it (domain.md: offsets up
 * to ~700 m). Null for every other source, Tianditu included.
 */
export function knownGcj02(url: string): LocalText | null {
  return gcjNotice(url)?.message ?? null;
}

function gcjNotice(url: string): BasemapNotice | null {
  const host = templateHost(url);
  if (!host) return null;
  const lower = url.toLowerCase();
  let provider: { zh: string; en: string } | null = null;
  let bd09 = false;
  if (endsWith(host, 'autonavi.com') || endsWith(host, 'amap.com'))
    provider = { zh: '高德地图', en: 'Gaode (AMap)' };
  else if (endsWith(host, 'gtimg.com') || (endsWith(host, 'qq.com') && lower.includes('map')))
    provider = { zh: '腾讯地图', en: 'Tencent Maps' };
  else if (
    endsWith(host, 'bdimg.com') ||
    endsWith(host, 'bdstatic.com') ||
    (endsWith(host, 'baidu.com') && lower.includes('map'))
  ) {
    provider = { zh: '百度地图', en: 'Baidu Maps' };
    bd09 = true;
  } else if (endsWith(host, 'google.cn') || endsWith(host, 'gstatic.cn'))
    provider = { zh: '谷歌中国地图', en: "Google's China maps" };
  if (!provider) return null;
  const datum = bd09 ? 'BD-09' : 'GCJ-02';
  const zh =
    `${provider.zh}的瓦片使用 ${datum} 坐标（${bd09 ? '在 GCJ-02 上再加密偏移' : '国测局加密偏移'}），` +
    '与本项目的 CGCS2000/WGS84 数据相差可达约 700 米：网格和社区边界会与底图上的道路、房屋错开。' +
    '请勿照着这种底图描绘或修改边界。' +
    (bd09 ? '百度还使用自己的瓦片编号，通常根本无法作为 XYZ 底图正确显示。' : '');
  const en =
    `${provider.en} tiles use ${datum} (${bd09 ? 'a further offset on top of GCJ-02' : 'the offset coordinates required in China'}): ` +
    "they are shifted from this project's CGCS2000/WGS84 data by up to about 700 m, so grid and village " +
    'boundaries will not line up with roads and buildings on the basemap. Do not draw or edit boundaries against it.' +
    (bd09
      ? ' Baidu also numbers its tiles its own way, so they usually do not display as an XYZ basemap at all.'
      : '');
  return { kind: bd09 ? 'bd09' : 'gcj02', severity: 'warning', message: text(zh, en) };
}

/** Tianditu's layer family (vec_w, img_c, …) named in the path, T= or LAYER/TILEMATRIXSET parameters. */
function tiandituProjection(url: string): 'w' | 'c' | null {
  const layer = /(?:^|[/=?&])(?:vec|cva|img|cia|ter|cta|ibo|eva|eia)_([wc])(?=[/&?#]|$)/i.exec(url);
  if (layer) return layer[1]!.toLowerCase() as 'w' | 'c';
  const matrixSet = /[?&]tilematrixset=([wc])(?=&|$)/i.exec(url);
  return matrixSet ? (matrixSet[1]!.toLowerCase() as 'w' | 'c') : null;
}

/** Notices about a template's source: GCJ-02/BD-09 offsets, or what Tianditu's layers are. */
export function basemapNotices(url: string): BasemapNotice[] {
  const gcj = gcjNotice(url);
  if (gcj) return [gcj];
  if (isTianditu(url) && tiandituProjection(url) !== 'c') {
    return [
      {
        kind: 'tianditu',
        severity: 'info',
        message: text(
          '天地图使用 CGCS2000 坐标，与本项目数据一致，没有偏移。请使用网络墨卡托的 _w 图层（如 img_w、vec_w、cva_w）；_c 图层是经纬度切片，地图无法显示。天地图需要在 tianditu.gov.cn 申请的密钥（tk）。',
          "Tianditu uses CGCS2000, the same as this project's data: no offset. Use its web-mercator _w layers (img_w, vec_w, cva_w…); the _c layers are cut in longitude/latitude and cannot be shown. Tianditu needs a key (tk) from tianditu.gov.cn.",
        ),
      },
    ];
  }
  return [];
}

/**
 * Checks a tile URL template and turns it into MapLibre tile URLs. XYZ templates need {z}, {x} and {y}
 * (or {-y} for TMS rows, or {quadkey}); WMTS templates need {TileMatrix}, {TileRow} and {TileCol},
 * which become z, y and x (rows count from the top in the GoogleMapsCompatible matrix set, as in XYZ).
 * The key goes where {key} is, or into an empty `tk=`. Only https, except a tile server on this machine
 * (localhost, 127.x, [::1]), because plain http can be read and altered on the way.
 */
export function checkTemplate(kind: 'xyz' | 'wmts', rawTemplate: string, rawKey = ''): TemplateCheck {
  const template = rawTemplate.trim();
  const key = rawKey.trim();
  const problems: TemplateProblem[] = [];
  const result = (
    tiles: string[] = [],
    scheme: TileScheme = 'xyz',
    origins: string[] = [],
  ): TemplateCheck => ({
    problems,
    notices: template ? basemapNotices(template) : [],
    tiles: problems.length ? [] : tiles,
    scheme,
    origins: problems.length ? [] : origins,
  });
  if (!template) {
    problems.push({
      kind: 'empty',
      at: null,
      message: text('请填写瓦片地址模板。', 'Enter a tile URL template.'),
    });
    return result();
  }
  const space = /\s/.exec(template);
  if (space) {
    problems.push({
      kind: 'space',
      ...located(space.index, space.index + 1, '地址中不能有空格', 'The URL cannot contain spaces'),
    });
  }

  // Scheme and host.
  const head = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(template);
  if (!head) {
    problems.push({
      kind: 'scheme',
      ...located(
        0,
        Math.min(template.length, 8),
        '地址应以 https:// 开头',
        'The URL should start with https://',
      ),
    });
    return result();
  }
  const scheme = head[1]!.toLowerCase();
  const authority = head[2]!;
  const authorityStart = scheme.length + 3;
  const host = templateHost(template) ?? '';
  if (authority.includes('@')) {
    problems.push({
      kind: 'credentials',
      ...located(
        authorityStart,
        authorityStart + authority.length,
        '地址中不能包含用户名或密码（请用密钥栏）',
        'The URL cannot carry a user name or password (use the key field)',
      ),
    });
  }
  if (scheme === 'http') {
    if (!LOOPBACK_HOST.test(host)) {
      problems.push({
        kind: 'insecure',
        ...located(
          0,
          scheme.length,
          '只能使用 https 地址（本机 localhost/127.0.0.1 的瓦片服务除外）：http 传输的瓦片和密钥可能被人窃看或篡改',
          'Only https URLs are allowed (except a tile server on this machine, localhost/127.0.0.1): tiles and keys sent over http can be read or altered on the way',
        ),
      });
    }
  } else if (scheme !== 'https') {
    problems.push({
      kind: 'scheme',
      ...located(
        0,
        scheme.length,
        `不支持“${scheme}:”地址，请使用 https://`,
        `“${scheme}:” URLs are not supported; use https://`,
      ),
    });
  }
  if (!host) {
    problems.push({
      kind: 'host',
      ...located(authorityStart, authorityStart, '地址中缺少服务器名', 'The URL names no server'),
    });
  }

  // Placeholders.
  const scanned = templateTokens(template);
  problems.push(...scanned.problems);
  const names = new Set<string>();
  let subdomains: string[] | null = null;
  for (const token of scanned.tokens) {
    const name = token.name;
    const placeholder = placeholderOf(name);
    const inHost = token.start < authorityStart + authority.length;
    if (placeholder.kind === 'switch') {
      if (subdomains) {
        problems.push({
          kind: 'switch',
          ...located(
            token.start,
            token.end,
            '只能有一个子域名占位符',
            'Only one subdomain placeholder is allowed',
          ),
        });
      }
      subdomains = [...placeholder.subdomains];
      if (!placeholder.valid) {
        problems.push({
          kind: 'switch',
          ...located(
            token.start,
            token.end,
            '子域名列表应形如 {switch:a,b,c}',
            'A subdomain list looks like {switch:a,b,c}',
          ),
        });
      }
      continue;
    }
    if (inHost) {
      problems.push({
        kind: 'placeholder-in-host',
        ...located(
          token.start,
          token.end,
          `服务器名中只能用 {switch:…} 子域名占位符，不能用 {${name}}`,
          `Only a {switch:…} subdomain placeholder may stand in the server name, not {${name}}`,
        ),
      });
      continue;
    }
    if (placeholder.kind === 'key') names.add('key');
    else if (placeholder.kind === 'tile') names.add(placeholder.tile.name);
    else {
      problems.push({
        kind: 'unknown-placeholder',
        ...located(
          token.start,
          token.end,
          `不认识的占位符 {${name}}：请换成实际的值（例如 {Style} 换成 default）`,
          `Unknown placeholder {${name}}: replace it with the actual value (e.g. {Style} with default)`,
        ),
      });
    }
  }
  const hasWmts = ['tilematrix', 'tilerow', 'tilecol'].some((n) => names.has(n));
  const hasXyz = ['z', 'x', 'y', '-y', 'quadkey'].some((n) => names.has(n));
  if (kind === 'xyz') {
    if (hasWmts) {
      problems.push({
        kind: 'wrong-kind',
        at: null,
        message: text(
          '这是 WMTS 模板（含 {TileMatrix}/{TileRow}/{TileCol}）：请选择“WMTS”。',
          'This is a WMTS template ({TileMatrix}/{TileRow}/{TileCol}): choose “WMTS”.',
        ),
      });
    } else if (!names.has('quadkey')) {
      const missing = ['z', 'x', 'y'].filter((n) => !names.has(n) && !(n === 'y' && names.has('-y')));
      if (missing.length) {
        const list = missing.map((n) => `{${n}}`).join('、');
        problems.push({
          kind: 'missing-placeholder',
          at: null,
          message: text(
            `模板缺少 ${list}：XYZ 地址需要 {z}、{x}、{y} 三个占位符。`,
            `The template lacks ${missing.map((n) => `{${n}}`).join(', ')}: an XYZ URL needs {z}, {x} and {y}.`,
          ),
        });
      }
      if (names.has('y') && names.has('-y')) {
        problems.push({
          kind: 'both-y',
          at: null,
          message: text('{y} 和 {-y} 只能用一个。', 'Use either {y} or {-y}, not both.'),
        });
      }
    }
  } else {
    const missing = [
      ['tilematrix', '{TileMatrix}'],
      ['tilerow', '{TileRow}'],
      ['tilecol', '{TileCol}'],
    ].filter(([n]) => !names.has(n!));
    if (hasXyz && !hasWmts) {
      problems.push({
        kind: 'wrong-kind',
        at: null,
        message: text(
          '这是 XYZ 模板（含 {z}/{x}/{y}）：请选择“XYZ”。',
          'This is an XYZ template ({z}/{x}/{y}): choose “XYZ”.',
        ),
      });
    } else if (missing.length) {
      const list = missing.map(([, label]) => label).join('、');
      problems.push({
        kind: 'missing-placeholder',
        at: null,
        message: text(
          `模板缺少 ${list}：WMTS 地址需要 {TileMatrix}、{TileRow}、{TileCol}（KVP 形式如 …&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}）。`,
          `The template lacks ${missing.map(([, label]) => label).join(', ')}: a WMTS URL needs {TileMatrix}, {TileRow} and {TileCol} (KVP form: …&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}).`,
        ),
      });
    }
    const matrixSet = /[?&]tilematrixset=([^&#]*)/i.exec(template);
    if (
      matrixSet &&
      /^(c|4490|4326|epsg:4490|epsg:4326|cgcs2000|wgs84)$/i.test(decodeURIComponentSafe(matrixSet[1]!))
    ) {
      const start = matrixSet.index + matrixSet[0].length - matrixSet[1]!.length;
      problems.push({
        kind: 'geographic-matrix',
        ...located(
          start,
          start + matrixSet[1]!.length,
          `切片矩阵集“${matrixSet[1]}”是经纬度切片，地图只能显示网络墨卡托切片（天地图用 w）`,
          `The tile matrix set “${matrixSet[1]}” is cut in longitude/latitude; the map shows only web-mercator tiles (Tianditu: w)`,
        ),
      });
    }
  }

  // Tianditu's _c layers are cut in geographic coordinates: MapLibre can only show web mercator.
  if (
    isTianditu(template) &&
    tiandituProjection(template) === 'c' &&
    !problems.some((p) => p.kind === 'geographic-matrix')
  ) {
    const layer = /(?:vec|cva|img|cia|ter|cta|ibo|eva|eia)_c/i.exec(template);
    problems.push({
      kind: 'tianditu-c',
      ...(layer
        ? located(
            layer.index,
            layer.index + layer[0].length,
            `天地图 ${layer[0]} 是经纬度切片（_c），地图无法显示：请改用 ${layer[0].slice(0, -1)}w`,
            `Tianditu's ${layer[0]} is cut in longitude/latitude (_c) and cannot be shown: use ${layer[0].slice(0, -1)}w`,
          )
        : {
            at: null,
            message: text(
              '天地图 _c 图层是经纬度切片，地图无法显示：请改用 _w 图层。',
              "Tianditu's _c layers are cut in longitude/latitude and cannot be shown: use a _w layer.",
            ),
          }),
    });
  }

  // The key.
  let filled = template;
  if (/\s/.test(key)) {
    problems.push({
      kind: 'key',
      at: null,
      message: text('密钥中不能有空格。', 'The key cannot contain spaces.'),
    });
  }
  const tk = /([?&])tk=([^&#]*)/i.exec(template);
  if (names.has('key')) {
    if (!key) {
      problems.push({
        kind: 'key-missing',
        at: null,
        message: text('模板中有 {key}：请填写密钥。', 'The template has {key}: enter the key.'),
      });
    }
    filled = filled.replace(/\{key\}/gi, encodeURIComponent(key));
  } else if (tk && tk[2] === '') {
    if (!key) {
      problems.push({
        kind: 'key-missing',
        ...located(
          tk.index + 1,
          tk.index + tk[0].length,
          'tk= 后面是空的：请填写密钥',
          'tk= is empty: enter the key',
        ),
      });
    }
    const at = tk.index + tk[0].length;
    filled = `${template.slice(0, at)}${encodeURIComponent(key)}${template.slice(at)}`;
  } else if (key) {
    if (tk) {
      problems.push({
        kind: 'key-twice',
        ...located(
          tk.index + 1,
          tk.index + tk[0].length,
          '模板中已写有 tk 密钥，又填写了密钥栏：请删去其中一个',
          'The template already has a tk key and the key field is filled too: remove one',
        ),
      });
    } else {
      problems.push({
        kind: 'key-nowhere',
        at: null,
        message: text(
          '填写了密钥，但模板中没有 {key} 或 tk=：请在模板中放密钥的位置写 {key}。',
          'A key is given but the template has no {key} or tk=: write {key} where the key goes.',
        ),
      });
    }
  } else if (isTianditu(template) && !tk) {
    problems.push({
      kind: 'key-missing',
      at: null,
      message: text(
        '天地图需要密钥：在模板末尾加上 &tk={key} 并填写密钥。',
        'Tianditu needs a key: add &tk={key} to the template and enter the key.',
      ),
    });
  }

  // MapLibre's placeholders.
  let tileScheme: TileScheme = 'xyz';
  if (names.has('-y')) {
    tileScheme = 'tms';
    filled = filled.replace(/\{-y\}/g, '{y}');
  }
  // WMTS names in any case become MapLibre's; {-y} was handled with the scheme above.
  for (const { name, family, maplibre } of TILE_PLACEHOLDERS) {
    if (family === 'wmts' && maplibre) filled = filled.replace(new RegExp(`\\{${name}\\}`, 'gi'), maplibre);
  }
  const switchToken = /\{(?:s|switch:[^}]*)\}/i;
  const tiles = subdomains ? subdomains.map((s) => filled.replace(switchToken, s)) : [filled];
  const origins = new Set<string>();
  for (const url of tiles) {
    try {
      const parsed = new URL(url.replace(/\{(z|x|y|quadkey)\}/g, '0'));
      origins.add(parsed.origin);
    } catch {
      problems.push({
        kind: 'url',
        at: null,
        message: text(`不是有效的地址：${maskKey(url, key)}`, `Not a valid URL: ${maskKey(url, key)}`),
      });
      break;
    }
  }
  return result(tiles, tileScheme, [...origins]);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A URL for display with the key replaced by asterisks (messages and screenshots must not leak it). */
export function maskKey(url: string, key: string): string {
  if (!key) return url;
  return url.split(encodeURIComponent(key)).join('****');
}

/** Checks a stored setting's shape (settings come from IndexedDB: check before use). */
export function parseBasemapSettings(value: unknown): BasemapSettings {
  if (typeof value !== 'object' || value === null) return OFFLINE_BASEMAP;
  const v = value as Record<string, unknown>;
  const str = (field: unknown): string | undefined => (typeof field === 'string' ? field : undefined);
  switch (v.kind) {
    case 'xyz':
    case 'wmts': {
      const urlTemplate = str(v.urlTemplate);
      if (urlTemplate === undefined) return OFFLINE_BASEMAP;
      const key = str(v.key);
      const attribution = str(v.attribution);
      return {
        kind: v.kind,
        urlTemplate,
        ...(key !== undefined && { key }),
        ...(attribution !== undefined && { attribution }),
      };
    }
    case 'folder': {
      const name = str(v.name);
      const localId = str(v.localId);
      if (name === undefined || localId === undefined) return OFFLINE_BASEMAP;
      const handle = isHandle(v.handle, 'directory') ? (v.handle as DirectoryHandleLike) : undefined;
      return {
        kind: 'folder',
        name,
        localId,
        scheme: v.scheme === 'tms' ? 'tms' : 'xyz',
        ...(handle && { handle }),
      };
    }
    case 'pmtiles': {
      const name = str(v.name);
      const localId = str(v.localId);
      if (name === undefined || localId === undefined) return OFFLINE_BASEMAP;
      const handle = isHandle(v.handle, 'file') ? (v.handle as FileHandleLike) : undefined;
      return { kind: 'pmtiles', name, localId, ...(handle && { handle }) };
    }
    default:
      return OFFLINE_BASEMAP;
  }
}

function isHandle(value: unknown, kind: 'file' | 'directory'): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

/** The default attribution of a source when the planner gave none (Tianditu's terms require one). */
function defaultAttribution(template: string): string | undefined {
  return isTianditu(template) ? '© 天地图 Tianditu (tianditu.gov.cn)' : undefined;
}

/** What applyBasemap did. */
export interface BasemapApplied {
  readonly shown: 'offline' | 'raster';
  /** Why the chosen basemap is not shown (the map then stays offline). */
  readonly problems: readonly LocalText[];
  /** Servers the map now requests tiles from (empty for offline and local tiles). */
  readonly origins: readonly string[];
  readonly attribution: string | null;
}

/**
 * The MapLibre raster source for a setting, or why there is none. Local folders and files must have
 * been registered in this page (local-tiles.ts); after a reload they must be chosen or reconnected.
 */
export function basemapSource(
  settings: BasemapSettings,
):
  | { readonly source: RasterSourceSpecification; readonly origins: readonly string[] }
  | { readonly problems: readonly LocalText[] }
  | null {
  switch (settings.kind) {
    case 'offline':
      return null;
    case 'xyz':
    case 'wmts': {
      const check = checkTemplate(settings.kind, settings.urlTemplate, settings.key ?? '');
      if (check.problems.length) return { problems: check.problems.map((p) => p.message) };
      const attribution = settings.attribution?.trim() || defaultAttribution(settings.urlTemplate);
      return {
        source: {
          type: 'raster',
          tiles: [...check.tiles],
          tileSize: 256,
          scheme: check.scheme,
          maxzoom: REMOTE_MAX_ZOOM,
          ...(attribution && { attribution }),
        },
        origins: check.origins,
      };
    }
    case 'folder':
    case 'pmtiles': {
      const set = localTiles(settings.localId);
      if (!set) {
        const what =
          settings.kind === 'folder'
            ? { zh: '瓦片文件夹', en: 'tile folder' }
            : { zh: 'PMTiles 文件', en: 'PMTiles file' };
        return {
          problems: [
            settings.handle
              ? text(
                  `需要重新授权读取${what.zh}“${settings.name}”：请打开“底图”设置，点击“重新连接”。`,
                  `Access to the ${what.en} “${settings.name}” must be granted again: open the basemap settings and click “Reconnect”.`,
                )
              : text(
                  `${what.zh}“${settings.name}”需要重新选择：浏览器在重新加载后不会保留对本地文件的访问。`,
                  `Choose the ${what.en} “${settings.name}” again: the browser does not keep access to local files after a reload.`,
                ),
          ],
        };
      }
      return {
        source: {
          type: 'raster',
          tiles: [localTileUrl(set.kind, settings.localId)],
          tileSize: 256,
          scheme: settings.kind === 'folder' ? settings.scheme : 'xyz',
          minzoom: set.minZoom,
          maxzoom: set.maxZoom,
          ...(set.bounds && { bounds: [...set.bounds] as [number, number, number, number] }),
        },
        origins: [],
      };
    }
  }
}

/** The part of a MapLibre map applyBasemap uses (a fake implements it in the unit tests). */
export interface BasemapMap {
  getLayer(id: string): unknown;
  getSource(id: string): unknown;
  addSource(id: string, source: RasterSourceSpecification): unknown;
  addLayer(layer: RasterLayerSpecification, beforeId?: string): unknown;
  removeLayer(id: string): unknown;
  removeSource(id: string): unknown;
  getStyle(): { readonly layers?: readonly { readonly id: string; readonly type: string }[] } | undefined;
}

// What each map shows now, so applying the same setting again does not reload its tiles.
const appliedKey = new WeakMap<BasemapMap, string>();

function removeBasemap(map: BasemapMap): void {
  if (map.getLayer(BASEMAP_LAYER_ID)) map.removeLayer(BASEMAP_LAYER_ID);
  if (map.getSource(BASEMAP_SOURCE_ID)) map.removeSource(BASEMAP_SOURCE_ID);
  appliedKey.delete(map);
}

/**
 * Shows the chosen basemap under the division: one raster source and layer, added right below
 * 'community-fill' (or below the first non-background layer when the division is not there yet),
 * replaced when the setting changes and removed for offline. Never calls setStyle.
 */
export function applyBasemap(map: BasemapMap, settings: BasemapSettings): BasemapApplied {
  const described = basemapSource(settings);
  if (described === null || 'problems' in described) {
    removeBasemap(map);
    return { shown: 'offline', problems: described?.problems ?? [], origins: [], attribution: null };
  }
  const { source, origins } = described;
  const attribution = source.attribution ?? null;
  const key = JSON.stringify(source);
  if (appliedKey.get(map) === key && map.getSource(BASEMAP_SOURCE_ID) && map.getLayer(BASEMAP_LAYER_ID)) {
    return { shown: 'raster', problems: [], origins, attribution };
  }
  removeBasemap(map);
  map.addSource(BASEMAP_SOURCE_ID, source);
  const before = map.getLayer(BASEMAP_BELOW_LAYER)
    ? BASEMAP_BELOW_LAYER
    : map.getStyle()?.layers?.find((layer) => layer.type !== 'background' && layer.id !== BASEMAP_LAYER_ID)
        ?.id;
  map.addLayer({ id: BASEMAP_LAYER_ID, type: 'raster', source: BASEMAP_SOURCE_ID }, before);
  appliedKey.set(map, key);
  return { shown: 'raster', problems: [], origins, attribution };
}
