import type { LocalText } from '../../shared/model';
import type { BasemapSettings, TemplateCheck } from '../map/basemap-source';
import { checkTemplate, OFFLINE_BASEMAP } from '../map/basemap-source';
import type { LocalTileSet } from '../map/local-tiles';

/** A basemap kind of the settings dialog. */
export type BasemapKind = BasemapSettings['kind'];

/** A local folder or PMTiles file the planner picked, with what was read of it. */
export interface PickedTiles {
  readonly settings: BasemapSettings;
  readonly set: LocalTileSet;
}

/** Everything the basemap settings dialog shows and edits, as one value. */
export interface BasemapForm {
  readonly kind: BasemapKind;
  readonly template: string;
  readonly key: string;
  readonly attribution: string;
  /** Whether the template has been edited (its problems show only then). */
  readonly touched: boolean;
  readonly picked: { readonly folder: PickedTiles | null; readonly pmtiles: PickedTiles | null };
  /** A folder's rows count from the bottom (TMS). */
  readonly tms: boolean;
  /** What the dialog is doing (reading, saving), or null. */
  readonly busy: string | null;
  readonly problems: readonly LocalText[];
}

/** What the planner (or a finished read or save) does to the form. */
export type BasemapFormAction =
  | { readonly type: 'kind'; readonly kind: BasemapKind }
  | { readonly type: 'template'; readonly template: string }
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'attribution'; readonly attribution: string }
  | { readonly type: 'tms'; readonly tms: boolean }
  | {
      readonly type: 'picked';
      readonly kind: 'folder' | 'pmtiles';
      readonly entry: PickedTiles;
      readonly tms?: boolean;
    }
  | { readonly type: 'busy'; readonly busy: string | null }
  | { readonly type: 'problems'; readonly problems: readonly LocalText[] }
  | { readonly type: 'touch' };

/**
 * The form for the project's current setting; `lookup` finds a local tile set this page has already
 * opened (a folder or file from the setting that it cannot read yet is not picked).
 */
export function initialBasemapForm(
  current: BasemapSettings,
  lookup: (localId: string) => LocalTileSet | undefined,
): BasemapForm {
  const remote = current.kind === 'xyz' || current.kind === 'wmts' ? current : null;
  const set = current.kind === 'folder' || current.kind === 'pmtiles' ? lookup(current.localId) : undefined;
  return {
    kind: current.kind,
    template: remote?.urlTemplate ?? '',
    key: remote?.key ?? '',
    attribution: remote?.attribution ?? '',
    touched: remote !== null,
    picked: {
      folder: current.kind === 'folder' && set ? { settings: current, set } : null,
      pmtiles: current.kind === 'pmtiles' && set ? { settings: current, set } : null,
    },
    tms: current.kind === 'folder' ? current.scheme === 'tms' : false,
    busy: null,
    problems: [],
  };
}

/** The dialog's state transitions (pure). */
export function basemapFormReducer(form: BasemapForm, action: BasemapFormAction): BasemapForm {
  switch (action.type) {
    case 'kind':
      // Problems of another kind's pick would only confuse.
      return { ...form, kind: action.kind, problems: [] };
    case 'template':
      return { ...form, template: action.template, touched: true };
    case 'key':
      return { ...form, key: action.key };
    case 'attribution':
      return { ...form, attribution: action.attribution };
    case 'tms':
      return { ...form, tms: action.tms };
    case 'picked':
      return {
        ...form,
        picked: { ...form.picked, [action.kind]: action.entry },
        ...(action.tms !== undefined && { tms: action.tms }),
      };
    case 'busy':
      return { ...form, busy: action.busy };
    case 'problems':
      return { ...form, problems: action.problems };
    case 'touch':
      return { ...form, touched: true };
  }
}

/** The template check of a remote kind (null for the others). */
export function formCheck(form: BasemapForm): TemplateCheck | null {
  return form.kind === 'xyz' || form.kind === 'wmts'
    ? checkTemplate(form.kind, form.template, form.key)
    : null;
}

/** The setting the form would save, or null when it is not complete or its template has problems. */
export function chosenSettings(form: BasemapForm): BasemapSettings | null {
  switch (form.kind) {
    case 'offline':
      return OFFLINE_BASEMAP;
    case 'xyz':
    case 'wmts': {
      const check = formCheck(form);
      if (!check || check.problems.length) return null;
      return {
        kind: form.kind,
        urlTemplate: form.template.trim(),
        ...(form.key.trim() && { key: form.key.trim() }),
        ...(form.attribution.trim() && { attribution: form.attribution.trim() }),
      };
    }
    case 'folder': {
      const folder = form.picked.folder;
      return folder && folder.settings.kind === 'folder'
        ? { ...folder.settings, scheme: form.tms ? 'tms' : 'xyz' }
        : null;
    }
    case 'pmtiles':
      return form.picked.pmtiles?.settings ?? null;
  }
}
