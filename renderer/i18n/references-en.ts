/** English strings of reference layers and tracing (namespace `references`, merged in i18n.ts). */
export const referencesEn = {
  target: 'Reference layer',
  tab: 'References',
  role: 'Role',
  roles: {
    road: 'Roads',
    river: 'Rivers',
    railway: 'Railways',
    compound: 'Compounds',
    building: 'Buildings',
    neighbour: "Neighbours' grids",
    other: 'Other',
  },
  name: 'Layer name',
  labelField: 'Label field',
  noLabel: '(no labels)',
  note: 'Reference layers are drawn under the grids and used for snapping and tracing. They are not part of the division and are never exported as grids.',
  pointsRefused: 'Point features cannot be a reference layer (lines or polygons are needed).',
  imported: 'Reference layer “{{name}}” imported: {{count}} features',
  skipped: '{{count}} features could not be used and were skipped.',
  empty:
    'No reference layers yet. Use Import data on a shapefile or GeoJSON of roads, rivers or compounds and choose Reference layer.',
  importButton: 'Import reference layer…',
  features: '{{count}} features',
  visible: 'Show',
  rename: 'Rename',
  remove: 'Delete',
  zoomTo: 'Zoom to',
  confirmDelete: 'Delete the reference layer “{{name}}”? The grids are not affected.',
  saveFailed: 'The reference layer was not saved',
  loadFailed: 'Reference layers could not be read',
  trace: 'Trace',
  traceTitle:
    'Trace (T): while drawing a grid or a split line, click two points on the same reference line or existing boundary and the new edge follows it exactly',
  emptyMap:
    'The basemap is plain colour. For streets to draw along, add online tiles or a local orthophoto under Basemap, or import roads as a reference layer.',
} as const;
