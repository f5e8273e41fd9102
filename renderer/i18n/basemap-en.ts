import type { basemapZh } from './basemap-zh';

/** English strings of the basemap settings; the keys are basemap-zh.ts's. */
export const basemapEn: typeof basemapZh = {
  button: 'Basemap',
  buttonTitle: 'Choose the basemap: offline (default), online tiles, a local tile folder or a PMTiles file',
  buttonProblem: 'The basemap has a problem: click to see it',
  heading: 'Basemap',
  kinds: {
    offline: 'Offline (default, no network)',
    xyz: 'XYZ tile URL',
    wmts: 'WMTS URL (e.g. Tianditu)',
    folder: 'Local tile folder',
    pmtiles: 'Local PMTiles or GeoTIFF orthophoto',
  },
  offlineHint: 'A plain background only; no request is sent to any server.',
  template: 'Tile URL template',
  templateHintXyz:
    'E.g. https://tiles.example.cn/{z}/{x}/{y}.png. {key} marks where the key goes, {switch:a,b,c} rotating subdomains, {-y} rows counted from the bottom. https only (except localhost/127.0.0.1 on this machine).',
  templateHintWmts:
    'KVP form: …&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}; the RESTful form puts these three placeholders in the path. The tile matrix set must be web mercator (Tianditu: w).',
  presets: 'Presets',
  presetTiandituImg: 'Tianditu imagery (img_w)',
  presetTiandituVec: 'Tianditu map (vec_w)',
  key: 'Key',
  keyHint:
    "Goes where the template has {key} or an empty tk=. Stored on this computer with the project's settings.",
  attribution: 'Attribution (shown at the bottom right of the map; optional)',
  check: 'Check',
  templateOk: 'The template can be used.',
  network:
    'With an online basemap the map requests tiles from {{hosts}}: that server sees which area you are looking at, not the project data.',
  cspNote:
    "GridPlan's security policy forbids connecting to any outside server by default (tile servers on other local ports included): these tiles are shown only when GridPlan is started with GRIDPLAN_TILE_ORIGINS={{origins}} (npm start or the desktop app; see docs/adr/0005).",
  chooseFolder: 'Choose folder…',
  chooseFile: 'Choose PMTiles or GeoTIFF file…',
  reading: 'Reading…',
  folderSummary: '“{{name}}”: {{count}} tiles, zoom {{min}}–{{max}}, {{format}}',
  folderSummaryLazy: '“{{name}}”: zoom {{min}}–{{max}}, {{format}} (tiles are read as they are shown)',
  allowOrigins: 'Save and allow these servers (desktop: confirm each, the window reloads, no restart)',
  geotiffSummary: 'Orthophoto “{{name}}” ({{format}}): tiled on demand, zoom up to {{max}}',
  pmtilesSummary: '“{{name}}”: zoom {{min}}–{{max}}, {{format}}',
  tms: 'Rows count from the bottom (TMS, the gdal2tiles default)',
  localNote:
    'Local tiles are read from your disk; nothing goes over the network. The folder must be laid out as {z}/{x}/{y}.png (or .jpg, .webp).',
  persistYes:
    'The browser remembers the chosen folder or file; when the project opens again you may have to click “Reconnect” to allow reading it.',
  persistNo:
    'This browser cannot keep access to local files: after a reload the folder or file must be chosen again.',
  persistDesktop:
    'The desktop app cannot keep local files across restarts yet either: choose them again after a restart (reading local files by path is not implemented).',
  reconnect: 'Reconnect',
  reconnectHint: 'Reading “{{name}}” must be allowed again.',
  chooseAgain: 'Choose “{{name}}” again.',
  nothingChosen: 'Choose a folder or file first.',
  permissionDenied: 'Reading “{{name}}” was not allowed.',
  mapProblems: 'Problems reported by the map',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  saveFailed: 'The basemap setting could not be saved',
};
