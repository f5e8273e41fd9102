import type { cityZh } from './city-zh';

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English strings of the city office (namespace `city`, merged in i18n.ts). */
export const cityEn: Strings<typeof cityZh> = {
  heading: 'City database',
  hint: "The city grid office's filing database (PostgreSQL + PostGIS). It checks the package's base and overlaps with neighbouring townships, and answers filed or refused.",
  browserOnly:
    'GridPlan in a browser cannot connect to a PostgreSQL database, so it cannot file to the city office directly. Save the filing package and file it from a computer that reaches the city database: gridplan city file PACKAGE.zip --db postgres://…; or use the GridPlan desktop app.',
  browserNote:
    "A browser cannot connect to the city database: a version's “File to city office” explains how to file with gridplan city file; a file from the city database (gridplan city pull) is read with “Import…”.",
  saveForCli: 'Save the filing package (for gridplan city file)',
  url: 'City database URL',
  urlPlaceholder: 'postgres://user@host:5432/database',
  password: 'Password',
  passwordPlaceholder: 'empty: unchanged',
  save: 'Save connection',
  forget: 'Forget connection',
  configured: 'Configured: {{url}}',
  remembered: '(kept on this computer, encrypted)',
  sessionOnly: '(this computer cannot encrypt it: kept for this session only)',
  notConfigured: 'No city database is configured.',
  fileVersion: 'File to city office',
  fileVersionTitle: "File this version's filing package to the city database",
  filing: 'Filing to the city office…',
  township: 'Township code',
  pull: 'Pull from the city database',
  pullTitle: "Fetch this township's filed version and its neighbours' border grids (reference layer)",
  pulling: 'Pulling from the city database…',
  pulled:
    "Pulled filed version {{version}}: {{count}} of the neighbours' border grids imported as a reference layer.",
  pulledNone: 'Pulled filed version {{version}}: no neighbouring township has filed grids along the border.',
  openFiled: 'Open the filed version as a project',
  notFiled: 'Township {{township}} has not filed with the city office.',
  neighbourLayerName: "Neighbouring townships' grids (from the city database)",
  pullRecognised:
    "This file comes from the city database (gridplan city pull): it holds {{count}} of the neighbouring townships' border grids.",
  pullComments:
    'It also carries {{count}} city office comments, listed under Review → City database once imported with the reference layer.',
  importNeighbours: 'Import as a reference layer',
  openProjectFirst:
    "Open a project to import the neighbours' grids as a reference layer; “Import as a new project” brings them along.",
  comments: {
    heading: 'City office comments',
    hint: "The city grid office's comments on this township's filing (gridplan city comment), brought by a file from the city database or “Pull from city database” and kept in the project. Click a grid code to see it on the map.",
    onFiling: 'on the whole filing',
    onGrid: 'grid',
    notInProject: '(no such grid in this project)',
    showGrid: 'Show grid {{code}} on the map',
    unknownAuthor: '(unsigned)',
  },
  answer: {
    filed:
      'Filed: township {{township}} version {{version}} (filing {{id}}), {{grids}} grids; {{closed}} grids of the previous version kept as history.',
    staleHead:
      "Refused: the package's base is not township {{township}}'s current filed version (version {{current}}). Filed since:",
    staleFirst:
      'Refused: township {{township}} has filed nothing yet, but the package is based on a previous version. File a package without a previous version (the first version).',
    staleLine: 'version {{version}} (filing {{id}}, {{date}}{{author}})',
    staleHint:
      'Pull the current filed version from the city database, make your changes on it, submit for review and file again.',
    overlapHead: 'Refused: grids overlapping grids other townships have filed ({{count}}):',
    invalidHead:
      "Refused: grids that are not valid polygons cannot be compared with other townships' grids ({{count}}):",
    invalidHint: 'Repair them (see Issues → invalid geometry), submit for review and file again.',
    overlapLine: 'overlaps {{other}} (township {{township}}) by {{area}} m²',
    showOther: "Show the other township's grid on the map (after pulling the neighbours' grids)",
    overlapHint: 'Align the border and file again. Click a grid code to see it on the map.',
    versionHead:
      'Refused: the package is version {{version}}, but township {{township}} has already filed version {{current}} (filing {{id}}) in the city database.',
    versionHint:
      "A township's version numbers in the city database only go up: file a version numbered above {{current}}.",
    unstorableHead: 'Refused: the package holds what the city database cannot store:',
    unstorableHint: 'Correct it, submit for review and file again.',
    badTownship:
      "Refused: the package's township code “{{township}}” is not a 12-digit township code. Enter the right code in the township's attributes.",
    unchanged: 'The city database was not changed.',
  },
  failed: 'Filing to the city office failed',
  pullFailed: 'Pulling from the city database failed',
  saveFailed: 'Saving the city database connection failed',
  close: 'Close',
};
