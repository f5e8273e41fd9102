import { describe, expect, it } from 'vitest';
import { GAUSS_KRUGER_ZONES } from '../../../shared/formats/coordinate-systems';
import type { ImportInspection } from '../../../shared/formats/import-files';
import type { LayerImport } from '../../../shared/formats/import-layer';
import { text } from '../../../shared/model';
import { initialLayer } from '../../../renderer/import/remembered-mapping';
import type { ImportForm, ImportFormAction } from '../../../renderer/panels/import-form';
import {
  importFormReducer,
  INITIAL_IMPORT_FORM,
  layerOf,
  REFERENCE_TARGET,
} from '../../../renderer/panels/import-form';

const run = (form: ImportForm, ...actions: ImportFormAction[]): ImportForm =>
  actions.reduce(importFormReducer, form);

/** A grid shapefile with Chinese field names as one encoding decodes them. */
function shapefile(fields: readonly string[], more: Partial<ImportInspection> = {}): ImportInspection {
  const none = {};
  return {
    format: 'shapefile',
    name: '网格',
    fields,
    preview: [],
    recordCount: 3,
    table: false,
    geometryKind: 'polygon',
    encoding: 'gbk',
    encodingSource: 'cpg',
    crs: { status: 'ok', name: 'CGCS2000', projected: false },
    otherLayers: [],
    suggestedLayer: 'grid',
    proposals: {
      township: none,
      community: none,
      grid: { code: fields[0], name: fields[1] },
      microgrid: none,
      census: none,
    },
    divisionCounts: undefined,
    ...more,
  };
}

describe('the import dialog form', () => {
  it('proposes the layer and mapping of a newly read file, and forgets the previous one', () => {
    const found = shapefile(['编码', '名称']);
    const form = run(
      INITIAL_IMPORT_FORM,
      { type: 'choosing', label: 'grids.zip' },
      { type: 'read', files: [] },
      { type: 'inspecting' },
      { type: 'inspected', found, choices: {}, keepLayer: false, referenceAllowed: true },
    );
    expect(form).toMatchObject({ fileLabel: 'grids.zip', inspection: found, target: 'grid', problems: null });
    expect(form.mapping).toEqual({ code: '编码', name: '名称' });
  });

  it('keeps the planner’s mapping when re-read with other choices, unless its fields are gone', () => {
    const found = shapefile(['编码', '名称']);
    const mapped = run(
      INITIAL_IMPORT_FORM,
      { type: 'inspected', found, choices: {}, keepLayer: false, referenceAllowed: true },
      { type: 'mapping', mapping: { code: '名称', name: '编码' } },
    );
    const sameFields = run(mapped, {
      type: 'inspected',
      found,
      choices: { encoding: 'gbk' },
      keepLayer: true,
      referenceAllowed: true,
    });
    expect(sameFields.mapping).toEqual({ code: '名称', name: '编码' });
    // Another encoding renames the fields: the old mapping would name fields that no longer exist.
    const renamed = shapefile(['code', 'name']);
    const reread = run(mapped, {
      type: 'inspected',
      found: renamed,
      choices: { encoding: 'utf-8' },
      keepLayer: true,
      referenceAllowed: true,
    });
    expect(reread.mapping).toEqual({ code: 'code', name: 'name' });
  });

  it('proposes the zone a projected file’s eastings point to, but never over the planner’s choice', () => {
    const zone = GAUSS_KRUGER_ZONES[0]!;
    const found = shapefile(['编码', '名称'], {
      crs: {
        status: 'needs-zone',
        reason: 'missing-prj',
        proposed: zone,
        message: { kind: 'x', message: text('', '') },
      },
    });
    const proposed = run(INITIAL_IMPORT_FORM, {
      type: 'inspected',
      found,
      choices: {},
      keepLayer: false,
      referenceAllowed: true,
    });
    expect(proposed.choices.zoneEpsg).toBe(zone.epsg);
    const mine = { zoneEpsg: GAUSS_KRUGER_ZONES[1]!.epsg };
    const chosen = run(
      INITIAL_IMPORT_FORM,
      { type: 'choices', choices: mine },
      { type: 'inspected', found, choices: mine, keepLayer: false, referenceAllowed: true },
    );
    expect(chosen.choices).toEqual(mine);
  });

  it('re-proposes the mapping when the layer changes, and follows a job from start to end', () => {
    const found = shapefile(['编码', '名称']);
    const asGrid = run(INITIAL_IMPORT_FORM, {
      type: 'inspected',
      found,
      choices: {},
      keepLayer: false,
      referenceAllowed: true,
    });
    expect(run(asGrid, { type: 'target', target: 'microgrid' }).mapping).toEqual({});
    const cancel = (): void => undefined;
    const started = run(asGrid, { type: 'slow' }, { type: 'job-started', label: '正在读取', cancel });
    expect(started.slow).toBe(false);
    expect(run(started, { type: 'progress', fraction: 0.5 }).running?.fraction).toBe(0.5);
    expect(run(started, { type: 'job-ended' }, { type: 'progress', fraction: 0.9 }).running).toBeNull();
    const withErrors = { layer: 'census', entities: [], errors: [{ line: 3 }] } as unknown as LayerImport;
    expect(run(asGrid, { type: 'with-errors', imported: withErrors }).withErrors).toBe(withErrors);
  });

  it('refuses a file too large before reading it, and clears the refusal on the next inspection', () => {
    const problem = { kind: 'too-large', message: text('太大', 'too large') };
    const refused = run(INITIAL_IMPORT_FORM, { type: 'too-large', problem });
    expect(refused).toMatchObject({ files: null, problems: [problem] });
    expect(run(refused, { type: 'inspecting' }).problems).toBeNull();
  });

  it('proposes a line file as a reference layer only when the app stores them', () => {
    const roads = shapefile(['名称', '等级'], {
      name: '道路',
      geometryKind: 'polyline',
      suggestedLayer: undefined,
    });
    const asReference = run(INITIAL_IMPORT_FORM, {
      type: 'inspected',
      found: roads,
      choices: {},
      keepLayer: false,
      referenceAllowed: true,
    });
    expect(asReference.target).toBe(REFERENCE_TARGET);
    expect(layerOf(asReference)).toBe('grid');
    expect(asReference.referenceChoice?.name).toBe('道路');
    const noReferences = run(INITIAL_IMPORT_FORM, {
      type: 'inspected',
      found: roads,
      choices: {},
      keepLayer: false,
      referenceAllowed: false,
    });
    expect(noReferences.target).not.toBe(REFERENCE_TARGET);
    // Polygons stay a division layer even where references are possible: they are chosen by hand.
    const grids = shapefile(['编码', '名称']);
    expect(
      run(INITIAL_IMPORT_FORM, {
        type: 'inspected',
        found: grids,
        choices: {},
        keepLayer: false,
        referenceAllowed: true,
      }).target,
    ).toBe('grid');
  });

  it('keeps the target and the planner’s reference naming on a re-read, and proposes them anew for a new file', () => {
    const roads = shapefile(['名称'], { name: '道路', geometryKind: 'polyline' });
    const first = run(INITIAL_IMPORT_FORM, {
      type: 'inspected',
      found: roads,
      choices: {},
      keepLayer: false,
      referenceAllowed: true,
    });
    const renamed = { ...first.referenceChoice!, name: '主干道' };
    const edited = run(first, { type: 'reference-choice', choice: renamed });
    const reread = run(edited, {
      type: 'inspected',
      found: roads,
      choices: { encoding: 'utf-8' },
      keepLayer: true,
      referenceAllowed: true,
    });
    expect(reread.target).toBe(REFERENCE_TARGET);
    expect(reread.referenceChoice).toEqual(renamed);
    const rivers = shapefile(['名称'], { name: '河流', geometryKind: 'polyline' });
    const next = run(edited, {
      type: 'inspected',
      found: rivers,
      choices: {},
      keepLayer: false,
      referenceAllowed: true,
    });
    expect(next.referenceChoice?.name).toBe('河流');
  });

  it('leaves the mapping alone when the reference target is chosen, and re-proposes it on the way back', () => {
    const found = shapefile(['编码', '名称']);
    const mapped = run(
      INITIAL_IMPORT_FORM,
      { type: 'inspected', found, choices: {}, keepLayer: false, referenceAllowed: true },
      { type: 'mapping', mapping: { code: '名称' } },
    );
    const asReference = run(mapped, { type: 'target', target: REFERENCE_TARGET });
    expect(asReference.target).toBe(REFERENCE_TARGET);
    expect(asReference.mapping).toEqual({ code: '名称' });
    const back = run(asReference, { type: 'target', target: 'grid' });
    expect(back.mapping).toEqual({ code: '编码', name: '名称' });
  });
});

describe('the layer preselected for a file', () => {
  it('follows field names that say the layer over the layer imported last time', () => {
    const communities = shapefile(['CJQYDM', 'CJQYMC', 'LX'], {
      suggestedLayer: 'community',
      suggestedBy: 'CJQYDM',
    });
    expect(initialLayer(communities, { lastLayer: 'grid', byLayer: {} })).toBe('community');
    // With nothing telling, the planner's last choice stands.
    const unknown = shapefile(['CODE', 'NAME']);
    expect(initialLayer(unknown, { lastLayer: 'community', byLayer: {} })).toBe('community');
    expect(initialLayer(unknown, { lastLayer: undefined, byLayer: {} })).toBe('grid');
  });
});
