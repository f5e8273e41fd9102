import type { divideZh } from './divide-zh';

/** English has a singular besides the plural (`_other`, the only form Chinese has): 1 grid, 2 grids. */
interface EnglishSingulars {
  readonly summary_one: string;
  readonly accepted_one: string;
  readonly rebalanced_one: string;
}

/** English strings of automatic division, rebalancing, locks, quality and counts before commit. */
export const divideEn: typeof divideZh & EnglishSingulars = {
  button: 'Divide',
  buttonTitle:
    'Divide: propose grids for a community that meet the household target, compact, along streets and compounds',
  rebalance: 'Rebalance',
  rebalanceTitle:
    'Rebalance: pick two or more adjacent grids; their area is redistributed so each meets its household target (codes kept)',
  rebalanceHint: 'Click the adjacent grids to rebalance on the map ({{count}} picked), then “Rebalance now”.',
  rebalanceNow: 'Rebalance now',
  dialogTitle: 'Divide',
  rebalanceTitleDialog: 'Rebalance grids',
  scope: 'What to divide',
  scopeOne: 'One community',
  scopeAll: 'Every undivided community ({{count}})',
  community: 'Community',
  noUndivided:
    'No community is undivided. To divide one again, delete its grids first (locked and exclusive grids stay).',
  households: 'Households',
  population: 'Population',
  feasible: 'Feasible grid counts',
  feasibleRange: '{{min}}–{{max}}',
  infeasible:
    'No count puts every grid within its target: the nearest division is proposed and the grids needing a justification are marked.',
  noBand: 'The rule set has no household or population target for these grids.',
  gridCount: 'Number of grids',
  auto: 'Automatic (suggested {{count}})',
  guides: 'Reference layers (preferred boundaries)',
  noGuides:
    'The project has no reference layers yet: import roads, rivers and compounds and the division follows them.',
  guideLine: 'lines: preferred boundaries',
  guidePolygon: 'polygons: never cut',
  run: 'Divide',
  running: 'Computing the proposal…',
  cancel: 'Cancel',
  cancelled: 'Cancelled; the project was not changed.',
  close: 'Close',
  accept: 'Accept',
  discard: 'Discard',
  previewTitle: 'Proposal (not yet in the project)',
  table: {
    grid: 'Grid',
    households: 'Households',
    compactness: 'Compactness',
    inBand: 'In target',
    yes: 'yes',
    no: 'no',
  },
  summary_one:
    '{{community}}: {{count}} grid, {{inBand}} within target, compactness mean {{mean}}, lowest {{min}}, {{seconds}} s',
  summary_other:
    '{{community}}: {{count}} grids, {{inBand}} within target, compactness mean {{mean}}, lowest {{min}}, {{seconds}} s',
  streetShare: ', {{share}}% of internal boundaries on reference lines',
  outOfBand: 'Grids outside the household target (write the reason in their justification after accepting)',
  accepted_one: 'Proposal accepted: {{count}} new grid (undoable).',
  accepted_other: 'Proposal accepted: {{count}} new grids (undoable).',
  rebalanced_one: '{{count}} grid rebalanced (undoable).',
  rebalanced_other: '{{count}} grids rebalanced (undoable).',
  failed: 'Division not done',
  rebalanceFailed: 'Rebalancing not done',
  needJustification: 'needs a justification',
  lock: 'Lock',
  unlock: 'Unlock',
  locked: 'Locked',
  lockedShort: 'lock',
  lockedHint:
    'Locked: split, merge, delete, vertex edits, automatic division and rebalancing leave this grid as it is.',
  lockNote: 'Lock grid {{code}}',
  unlockNote: 'Unlock grid {{code}}',
  mapLocked: 'locked · ',
  quality: 'Shape',
  compactness: 'Compactness',
  compactnessValue: '{{value}} ({{verdict}})',
  compact: 'compact',
  fair: 'fair',
  elongated: 'elongated',
  parts: 'Contiguity',
  contiguous: 'one piece',
  multipart: 'in {{count}} pieces',
  treeQuality: 'compactness {{value}}',
  treeParts: '{{count}} pieces',
  band: 'Households vs target',
  splitTargets: 'Splits: {{names}}',
  partCount: '{{households}} households',
  counting: 'Counting the parts’ households…',
};
