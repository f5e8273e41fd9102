import { describe, expect, it } from 'vitest';
import type { BasemapSettings } from '../../../renderer/map/basemap-source';
import { OFFLINE_BASEMAP } from '../../../renderer/map/basemap-source';
import type { LocalTileSet } from '../../../renderer/map/local-tiles';
import type { BasemapForm, BasemapFormAction } from '../../../renderer/panels/basemap-form';
import {
  basemapFormReducer,
  chosenSettings,
  initialBasemapForm,
} from '../../../renderer/panels/basemap-form';

const GOOD = 'https://tiles.example.com/{z}/{x}/{y}.png';
const WITH_KEY = 'https://tiles.example.com/{z}/{x}/{y}.png?key={key}';
const none = (): undefined => undefined;
const run = (form: BasemapForm, ...actions: BasemapFormAction[]): BasemapForm =>
  actions.reduce(basemapFormReducer, form);
const folderSet = { name: '底图', kind: 'folder' } as unknown as LocalTileSet;

describe('the basemap settings form', () => {
  it('opens on the current setting: a remote template is shown checked, offline saves offline', () => {
    const remote: BasemapSettings = { kind: 'xyz', urlTemplate: WITH_KEY, key: 'k1' };
    const form = initialBasemapForm(remote, none);
    expect(form).toMatchObject({ kind: 'xyz', template: WITH_KEY, key: 'k1', touched: true, busy: null });
    expect(chosenSettings(form)).toEqual({ kind: 'xyz', urlTemplate: WITH_KEY, key: 'k1' });
    expect(chosenSettings(initialBasemapForm(OFFLINE_BASEMAP, none))).toBe(OFFLINE_BASEMAP);
  });

  it('saves a typed template trimmed, and nothing while the template has problems', () => {
    const start = initialBasemapForm(OFFLINE_BASEMAP, none);
    expect(start.touched).toBe(false);
    const typed = run(
      start,
      { type: 'kind', kind: 'xyz' },
      { type: 'template', template: `  ${GOOD} ` },
      { type: 'key', key: ' ' },
      { type: 'attribution', attribution: ' © 示例 ' },
    );
    expect(typed.touched).toBe(true);
    expect(chosenSettings(typed)).toEqual({ kind: 'xyz', urlTemplate: GOOD, attribution: '© 示例' });
    const broken = run(typed, { type: 'template', template: 'http://tiles.example.com/{z}/{x}.png' });
    expect(chosenSettings(broken)).toBeNull();
    expect(chosenSettings(run(typed, { type: 'kind', kind: 'wmts' }))).toBeNull();
  });

  it('keeps a picked folder per kind, with the row order the planner sets', () => {
    const settings: BasemapSettings = { kind: 'folder', name: '底图', localId: 'l1', scheme: 'xyz' };
    const start = run(initialBasemapForm(OFFLINE_BASEMAP, none), { type: 'kind', kind: 'folder' });
    expect(chosenSettings(start)).toBeNull();
    const picked = run(start, {
      type: 'picked',
      kind: 'folder',
      entry: { settings, set: folderSet },
      tms: true,
    });
    expect(chosenSettings(picked)).toEqual({ ...settings, scheme: 'tms' });
    expect(chosenSettings(run(picked, { type: 'tms', tms: false }))).toEqual(settings);
    // Another kind does not see the folder, and coming back keeps it.
    const away = run(picked, { type: 'kind', kind: 'pmtiles' });
    expect(chosenSettings(away)).toBeNull();
    expect(chosenSettings(run(away, { type: 'kind', kind: 'folder' }))).toEqual({
      ...settings,
      scheme: 'tms',
    });
  });

  it('finds a remembered local set this page has opened, and clears problems when the kind changes', () => {
    const settings: BasemapSettings = { kind: 'folder', name: '底图', localId: 'l1', scheme: 'tms' };
    const form = initialBasemapForm(settings, (id) => (id === 'l1' ? folderSet : undefined));
    expect(form.picked.folder?.set).toBe(folderSet);
    expect(form.tms).toBe(true);
    expect(initialBasemapForm(settings, none).picked.folder).toBeNull();
    const troubled = run(form, { type: 'problems', problems: [{ zh: '读不出', en: 'unreadable' }] });
    expect(run(troubled, { type: 'kind', kind: 'xyz' }).problems).toEqual([]);
  });
});
