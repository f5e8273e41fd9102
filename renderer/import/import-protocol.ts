import type { ImportInspection } from '../../shared/formats/import-files';
import type { LayerImport, LayerRequest } from '../../shared/formats/import-layer';
import type { ReferenceImport, ReferenceRequest } from '../../shared/formats/reference-layer-import';
import type { TextFileEncodingChoice } from '../../shared/formats/text-encoding';
import type { InputFile } from '../../shared/formats/zip-archive';
import type { Division, Result } from '../../shared/model';

/** The planner's reading choices sent with every request (see shared/formats/import-files.ts). */
export interface ReadChoices {
  readonly encoding?: TextFileEncodingChoice;
  readonly zoneEpsg?: number;
  readonly shapefileLayer?: string;
}

/** Messages to the import worker. One worker runs one job: cancelling terminates it. */
export type ImportWorkerRequest =
  | { readonly type: 'inspect'; readonly files: readonly InputFile[]; readonly choices: ReadChoices }
  | {
      readonly type: 'convert';
      readonly files: readonly InputFile[];
      readonly choices: ReadChoices;
      readonly request: LayerRequest;
    }
  | {
      /** A reference layer (参考图层): streets, rivers, compounds... beside the division. */
      readonly type: 'reference';
      readonly files: readonly InputFile[];
      readonly choices: ReadChoices;
      readonly request: ReferenceRequest;
    };

/** What a conversion gives: one layer, or a whole GridPlan division (a GeoJSON of the profile). */
export type Converted =
  | { readonly kind: 'layer'; readonly layer: LayerImport }
  | { readonly kind: 'division'; readonly division: Division };

/** Messages from the import worker. */
export type ImportWorkerReply =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'inspected'; readonly result: Result<ImportInspection> }
  | { readonly type: 'converted'; readonly result: Result<Converted> }
  | { readonly type: 'referenced'; readonly result: Result<ReferenceImport> };
