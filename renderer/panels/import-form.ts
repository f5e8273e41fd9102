import type { FieldMapping } from '../../shared/formats/field-mapping';
import type { ImportInspection } from '../../shared/formats/import-files';
import type { LayerImport, PointSystem } from '../../shared/formats/import-layer';
import type { InputFile } from '../../shared/formats/zip-archive';
import type { Layer, Problem } from '../../shared/model';
import type { ReadChoices } from '../import/import-protocol';
import type { RememberedMappings } from '../import/remembered-mapping';
import { initialLayer, initialMapping } from '../import/remembered-mapping';
import type { ReferenceChoice } from '../references/reference-import-fields';
import { canBeReference, holdsLines, initialReferenceChoice } from '../references/reference-import-fields';

/** The import's target: a layer of the division, or a reference layer (参考图层) beside it. */
export type ImportTarget = Layer | 'reference';

/** The target that makes a reference layer rather than a layer of the division. */
export const REFERENCE_TARGET = 'reference' as const;

/** A worker job under way: what it does, how to stop it, how far it is (when it says). */
export interface RunningJob {
  readonly label: string;
  readonly cancel: () => void;
  readonly fraction: number | undefined;
}

/** Everything the import dialog shows and edits, as one value. */
export interface ImportForm {
  readonly files: readonly InputFile[] | null;
  readonly fileLabel: string;
  /** Encoding, zone and sheet the planner chose for reading. */
  readonly choices: ReadChoices;
  readonly inspection: ImportInspection | null;
  readonly problems: readonly Problem[] | null;
  /** A layer of the division, or a reference layer. */
  readonly target: ImportTarget;
  /** Name, role and label field of the reference layer; null until a file has been read. */
  readonly referenceChoice: ReferenceChoice | null;
  readonly mapping: FieldMapping;
  readonly pointSystem: PointSystem;
  readonly running: RunningJob | null;
  /** The job has run long enough to show its progress. */
  readonly slow: boolean;
  /** A census import with rows in error, waiting for "import the good rows" or "none". */
  readonly withErrors: LayerImport | null;
  readonly remembered: RememberedMappings;
}

/** What the planner, the worker or storage does to the form. */
export type ImportFormAction =
  | { readonly type: 'remembered'; readonly remembered: RememberedMappings }
  | { readonly type: 'choosing'; readonly label: string }
  | { readonly type: 'too-large'; readonly problem: Problem }
  | { readonly type: 'read'; readonly files: readonly InputFile[] }
  | { readonly type: 'inspecting' }
  | { readonly type: 'inspect-failed'; readonly problems: readonly Problem[] }
  | {
      readonly type: 'inspected';
      readonly found: ImportInspection;
      readonly choices: ReadChoices;
      readonly keepLayer: boolean;
      /** The app can store reference layers: a line file then becomes one by default. */
      readonly referenceAllowed: boolean;
    }
  | { readonly type: 'choices'; readonly choices: ReadChoices }
  | { readonly type: 'target'; readonly target: ImportTarget }
  | { readonly type: 'reference-choice'; readonly choice: ReferenceChoice }
  | { readonly type: 'mapping'; readonly mapping: FieldMapping }
  | { readonly type: 'point-system'; readonly pointSystem: PointSystem }
  | { readonly type: 'job-started'; readonly label: string; readonly cancel: () => void }
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'job-ended' }
  | { readonly type: 'slow' }
  | { readonly type: 'problems'; readonly problems: readonly Problem[] | null }
  | { readonly type: 'with-errors'; readonly imported: LayerImport | null };

/**
 * The division layer the mapping and the "replace" note speak of. While the target is a reference layer
 * no division layer is written; grids stand in, as the mapping fieldset is then hidden anyway.
 */
export function layerOf(form: Pick<ImportForm, 'target'>): Layer {
  return form.target === REFERENCE_TARGET ? 'grid' : form.target;
}

/** The dialog as it opens: nothing chosen, grids proposed, WGS84 points. */
export const INITIAL_IMPORT_FORM: ImportForm = {
  files: null,
  fileLabel: '',
  choices: {},
  inspection: null,
  problems: null,
  target: 'grid',
  referenceChoice: null,
  mapping: {},
  pointSystem: 'wgs84',
  running: null,
  slow: false,
  withErrors: null,
  remembered: { lastLayer: undefined, byLayer: {} },
};

/**
 * A file read anew (`keepLayer` false: a new choice of files) or re-read with other choices (`keepLayer`
 * true): the layer is proposed from the file and the remembered mappings unless kept, the mapping is
 * proposed again unless kept and all its fields still exist (a new encoding can rename Chinese field
 * names), and a projected file without a zone gets the zone its eastings suggest. A new file that holds
 * lines is proposed as a reference layer when the app stores them (no division layer is made of lines);
 * the reference name, role and label field are proposed anew for a new file, kept on a re-read.
 */
function inspected(
  form: ImportForm,
  found: ImportInspection,
  choices: ReadChoices,
  keepLayer: boolean,
  referenceAllowed: boolean,
): ImportForm {
  const layer = keepLayer ? layerOf(form) : initialLayer(found, form.remembered);
  const asReference = referenceAllowed && canBeReference(found) && holdsLines(found);
  const target: ImportTarget = keepLayer ? form.target : asReference ? REFERENCE_TARGET : layer;
  const referenceChoice =
    keepLayer && form.referenceChoice ? form.referenceChoice : initialReferenceChoice(found);
  const stale = Object.values(form.mapping).some(
    (field) => field !== undefined && !found.fields.includes(field),
  );
  const mapping = !keepLayer || stale ? initialMapping(layer, found, form.remembered) : form.mapping;
  const proposeZone =
    found.crs?.status === 'needs-zone' && choices.zoneEpsg === undefined && found.crs.proposed;
  return {
    ...form,
    inspection: found,
    target,
    referenceChoice,
    mapping,
    ...(proposeZone && found.crs?.proposed && { choices: { ...choices, zoneEpsg: found.crs.proposed.epsg } }),
  };
}

/** The import dialog's state transitions (pure). */
export function importFormReducer(form: ImportForm, action: ImportFormAction): ImportForm {
  switch (action.type) {
    case 'remembered':
      return { ...form, remembered: action.remembered };
    case 'choosing':
      return { ...form, inspection: null, withErrors: null, fileLabel: action.label };
    case 'too-large':
      // Refused by size before a byte is read.
      return { ...form, files: null, problems: [action.problem] };
    case 'read':
      return { ...form, files: action.files, choices: {} };
    case 'inspecting':
      return { ...form, problems: null };
    case 'inspect-failed':
      return { ...form, inspection: null, problems: action.problems };
    case 'inspected':
      return inspected(form, action.found, action.choices, action.keepLayer, action.referenceAllowed);
    case 'choices':
      return { ...form, choices: action.choices };
    case 'target':
      // A reference layer has no field mapping: the division layer's mapping stays as it was.
      return {
        ...form,
        target: action.target,
        mapping:
          form.inspection && action.target !== REFERENCE_TARGET
            ? initialMapping(action.target, form.inspection, form.remembered)
            : form.mapping,
      };
    case 'reference-choice':
      return { ...form, referenceChoice: action.choice };
    case 'mapping':
      return { ...form, mapping: action.mapping };
    case 'point-system':
      return { ...form, pointSystem: action.pointSystem };
    case 'job-started':
      return {
        ...form,
        slow: false,
        running: { label: action.label, cancel: action.cancel, fraction: undefined },
      };
    case 'progress':
      return form.running ? { ...form, running: { ...form.running, fraction: action.fraction } } : form;
    case 'job-ended':
      return { ...form, running: null };
    case 'slow':
      return { ...form, slow: true };
    case 'problems':
      return { ...form, problems: action.problems };
    case 'with-errors':
      return { ...form, withErrors: action.imported };
  }
}
