import { useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';
import { GAUSS_KRUGER_ZONES } from '../../shared/formats/coordinate-systems';
import type { MappedAttribute } from '../../shared/formats/field-mapping';
import { attributesOf, requiredAttributes } from '../../shared/formats/field-mapping';
import type { LayerImport, PointSystem } from '../../shared/formats/import-layer';
import type { ReferenceImport } from '../../shared/formats/reference-layer-import';
import { POINT_SYSTEMS } from '../../shared/formats/import-layer';
import type { InputFile } from '../../shared/formats/zip-archive';
import { MAX_IMPORT_BYTES, tooLargeProblem } from '../../shared/formats/zip-archive';
import type { Division, Language, LocalText } from '../../shared/model';
import { LAYERS } from '../../shared/model';
import type { ImportJob } from '../import/import-client';
import {
  convertInWorker,
  convertReferenceInWorker,
  inspectInWorker,
  readChosenFiles,
} from '../import/import-client';
import type { ReadChoices } from '../import/import-protocol';
import type { RememberedMappings } from '../import/remembered-mapping';
import { readRemembered, remember } from '../import/remembered-mapping';
import '../import/transfer.css';
import { ImportEncodingChoice } from './import-encoding-choice';
import { ImportSwapHint } from './import-swap-hint';
import { LabelledSelect } from './labelled-select';
// --- reference layers (参考图层): renderer/references/ ---
import { canBeReference, ReferenceImportFields } from '../references/reference-import-fields';
import type { ReferenceChoice } from '../references/reference-import-fields';
import type { ImportTarget } from './import-form';
import {
  importFormReducer,
  INITIAL_IMPORT_FORM,
  layerOf,
  REFERENCE_TARGET as REFERENCE,
} from './import-form';

/** Work shorter than this shows no progress bar (it would only flicker). */
const PROGRESS_DELAY_MS = 1000;
const ACCEPT = '.zip,.shp,.shx,.dbf,.prj,.cpg,.csv,.txt,.xlsx,.xls,.geojson,.json';
const MAX_LISTED_ROWS = 100;

/** What the dialog needs from the app. Nothing is written until `onImportLayer`/`onImportDivision`. */
export interface ImportDialogProps {
  readonly language: Language;
  /** False when no project is open: layers cannot be imported, a division file still can. */
  readonly hasProject: boolean;
  readonly loadRemembered: () => Promise<unknown>;
  readonly saveRemembered: (value: RememberedMappings) => Promise<void>;
  /** Puts the layer into the open project as one undoable change; resolves false when that failed. */
  readonly onImportLayer: (imported: LayerImport, fileName: string) => Promise<boolean>;
  readonly onImportDivision: (division: Division, fileName: string) => Promise<void>;
  /** Stores a reference layer in the open project; resolves false when that failed. Absent: no such target. */
  readonly onImportReference?: (imported: ReferenceImport) => Promise<boolean>;
  readonly onClose: () => void;
}

/**
 * The import dialog: choose files, check the decoded preview, encoding and coordinates, say which layer
 * the file becomes and which field holds what, then import in the worker with progress and cancel.
 * Census rows with errors are listed with their line numbers; the planner imports the good rows or none.
 */
export function ImportDialog(props: ImportDialogProps) {
  const { t } = useTranslation();
  const say = (message: LocalText): string => message[props.language];
  const [form, dispatch] = useReducer(importFormReducer, INITIAL_IMPORT_FORM);
  const { files, fileLabel, choices, inspection, problems, target, referenceChoice, mapping } = form;
  const { pointSystem, running, slow, withErrors, remembered } = form;
  useEscapeToClose(props.onClose, !running);
  const layer = layerOf(form);
  const jobRef = useRef<ImportJob<unknown> | null>(null);
  // The browser's own file input says "Choose File / No file chosen" in the browser's language: it is
  // hidden, and our button and file names speak the window's.
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    props
      .loadRemembered()
      .then((value) => live && dispatch({ type: 'remembered', remembered: readRemembered(value) }))
      .catch(() => undefined);
    return () => {
      live = false;
      jobRef.current?.cancel();
    };
    // Loaded once per opening of the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setTimeout(() => dispatch({ type: 'slow' }), PROGRESS_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [running]);

  /** Runs a worker job with the progress/cancel state around it; resolves undefined when cancelled. */
  async function runJob<T>(label: string, job: ImportJob<T>) {
    jobRef.current = job;
    dispatch({ type: 'job-started', label, cancel: job.cancel });
    const result = await job.result;
    jobRef.current = null;
    dispatch({ type: 'job-ended' });
    return result === 'cancelled' ? undefined : result;
  }

  async function inspect(chosen: readonly InputFile[], nextChoices: ReadChoices, keepLayer: boolean) {
    dispatch({ type: 'inspecting' });
    const result = await runJob(t('transfer.reading'), inspectInWorker([...chosen], nextChoices));
    if (!result) return;
    if (!result.ok) dispatch({ type: 'inspect-failed', problems: result.problems });
    else
      dispatch({
        type: 'inspected',
        found: result.value,
        choices: nextChoices,
        keepLayer,
        referenceAllowed: props.onImportReference !== undefined,
      });
  }

  async function choose(list: FileList | null) {
    if (!list || list.length === 0) return;
    const chosen = [...list];
    const total = chosen.reduce((sum, f) => sum + f.size, 0);
    dispatch({ type: 'choosing', label: chosen.map((f) => f.name).join(', ') });
    // Refused by size before a byte is read: a 200 MB file never reaches memory.
    if (total > MAX_IMPORT_BYTES) {
      dispatch({ type: 'too-large', problem: tooLargeProblem(chosen.map((f) => f.name).join(', '), total) });
      return;
    }
    const read = await readChosenFiles(chosen);
    dispatch({ type: 'read', files: read });
    await inspect(read, {}, false);
  }

  function changeChoices(next: ReadChoices) {
    dispatch({ type: 'choices', choices: next });
    if (files) void inspect(files, next, true);
  }

  async function importReference(choice: ReferenceChoice | null = referenceChoice) {
    if (!files || !inspection || !choice || !props.onImportReference) return;
    dispatch({ type: 'problems', problems: null });
    const request = {
      id: crypto.randomUUID(),
      name: choice.name.trim() || inspection.name,
      role: choice.role,
      source: fileLabel,
      ...(choice.labelField !== undefined ? { labelField: choice.labelField } : {}),
    };
    const job = convertReferenceInWorker([...files], choices, request, (fraction) =>
      dispatch({ type: 'progress', fraction }),
    );
    const result = await runJob(t('transfer.converting'), job);
    if (!result) return;
    if (!result.ok) return dispatch({ type: 'problems', problems: result.problems });
    if (await props.onImportReference(result.value)) props.onClose();
  }

  async function finish(imported: LayerImport) {
    const name = inspection?.name ?? fileLabel;
    const done = await props.onImportLayer(imported, name);
    if (!done) return;
    const next = remember(remembered, layer, mapping);
    await props.saveRemembered(next).catch(() => undefined);
    props.onClose();
  }

  async function importNow() {
    if (target === REFERENCE) return importReference();
    if (!files || !inspection) return;
    dispatch({ type: 'problems', problems: null });
    let result;
    if (inspection.format === 'division') {
      result = await runJob(
        t('transfer.converting'),
        convertInWorker([...files], choices, { layer, mapping }, () => undefined),
      );
      if (!result) return;
      if (!result.ok) return dispatch({ type: 'problems', problems: result.problems });
      if (result.value.kind === 'division') {
        await props.onImportDivision(result.value.division, inspection.name);
        props.onClose();
      }
      return;
    }
    const job = convertInWorker([...files], choices, { layer, mapping, pointSystem }, (fraction) =>
      dispatch({ type: 'progress', fraction }),
    );
    result = await runJob(t('transfer.converting'), job);
    if (!result) return;
    if (!result.ok) return dispatch({ type: 'problems', problems: result.problems });
    if (result.value.kind !== 'layer') return;
    const imported = result.value.layer;
    if (imported.errorCount > 0) {
      dispatch({ type: 'with-errors', imported });
      return;
    }
    await finish(imported);
  }

  const needsZone = inspection?.crs?.status === 'needs-zone';
  const attributes = inspection ? attributesOf(layer, inspection.table) : [];
  const required = inspection ? requiredAttributes(layer, inspection.table) : [];
  const asReference = target === REFERENCE && inspection !== null && canBeReference(inspection);
  const ready =
    inspection !== null &&
    !running &&
    (asReference ||
      inspection.format === 'division' ||
      (props.hasProject &&
        required.every((a) => mapping[a]) &&
        (!needsZone || choices.zoneEpsg !== undefined) &&
        target !== REFERENCE &&
        !(inspection.table && layer !== 'census')));
  const layerChoices: readonly ImportTarget[] = inspection?.table
    ? ['census']
    : props.onImportReference && inspection && canBeReference(inspection)
      ? [...LAYERS, REFERENCE]
      : LAYERS;

  return (
    <div className="modal-backdrop" role="presentation">
      <div
        className="modal transfer-dialog"
        role="dialog"
        aria-label={t('transfer.importHeading')}
        data-testid="import-dialog"
      >
        <h2>{t('transfer.importHeading')}</h2>

        <div className="transfer-files">
          <span>{t('transfer.chooseFiles')}</span>
          <span className="transfer-choose">
            <button
              type="button"
              disabled={!!running}
              onClick={() => fileInput.current?.click()}
              data-testid="import-choose"
            >
              {t('transfer.chooseButton')}
            </button>
            <span data-testid="import-file-names">{fileLabel || t('transfer.noFileChosen')}</span>
          </span>
          <input
            ref={fileInput}
            type="file"
            hidden
            multiple
            accept={ACCEPT}
            disabled={!!running}
            data-testid="import-files"
            onChange={(event) => void choose(event.target.files)}
          />
          <small>{t('transfer.chooseHint')}</small>
        </div>

        {running && (
          <div className="transfer-progress" data-testid="import-progress" aria-live="polite">
            <span>{running.label}</span>
            {slow && (
              <>
                <progress max={1} value={running.fraction} />
                <button type="button" onClick={running.cancel} data-testid="import-cancel">
                  {t('transfer.cancel')}
                </button>
              </>
            )}
          </div>
        )}

        {problems && (
          <div className="transfer-problems" role="alert" data-testid="import-problems">
            <strong>{t('transfer.failed')}</strong>
            <ul>
              {problems.map((problem, index) => (
                <li key={index}>{say(problem.message)}</li>
              ))}
            </ul>
            {files && !inspection && problems.some((problem) => problem.kind === 'bad-encoding') && (
              <ImportEncodingChoice
                format={undefined}
                detected={undefined}
                chosen={choices.encoding}
                onChoose={(encoding) => changeChoices({ ...choices, encoding })}
              />
            )}
          </div>
        )}

        {inspection && !withErrors && inspection.format === 'division' && inspection.divisionCounts && (
          <p data-testid="import-division-summary">
            {t('transfer.divisionSummary', {
              grids: inspection.divisionCounts.grid,
              communities: inspection.divisionCounts.community,
              census: inspection.divisionCounts.census,
            })}{' '}
            {t('transfer.divisionNote')}
          </p>
        )}

        {inspection &&
          !withErrors &&
          inspection.format === 'division' &&
          (!!inspection.neighbourGrids || !!inspection.cityComments) && (
            <div className="transfer-city-pull" data-testid="import-city-pull">
              <p>
                {t('city.pullRecognised', { count: inspection.neighbourGrids ?? 0 })}
                {inspection.cityComments
                  ? ` ${t('city.pullComments', { count: inspection.cityComments })}`
                  : ''}
              </p>
              {props.onImportReference ? (
                <button
                  type="button"
                  disabled={!!running}
                  onClick={() =>
                    void importReference({
                      name: t('city.neighbourLayerName'),
                      role: 'neighbour',
                      labelField: 'code',
                    })
                  }
                  data-testid="import-city-neighbours"
                >
                  {t('city.importNeighbours')}
                </button>
              ) : (
                <small>{t('city.openProjectFirst')}</small>
              )}
            </div>
          )}

        {inspection && !withErrors && inspection.format !== 'division' && (
          <div className="transfer-body">
            <p className="transfer-facts">
              <span>
                {t(`transfer.formats.${inspection.format}`)} ·{' '}
                {t('transfer.records', { count: inspection.recordCount })}
              </span>
              {inspection.geometryKind && (
                <span>
                  {t('transfer.geometry', {
                    kind: t(`transfer.geometryKinds.${inspection.geometryKind}`, {
                      defaultValue: inspection.geometryKind,
                    }),
                  })}
                </span>
              )}
            </p>

            {inspection.otherLayers.length > 0 && (
              <LabelledSelect
                label={t('transfer.shapefileLayer')}
                value={choices.shapefileLayer ?? inspection.name}
                choices={[inspection.name, ...inspection.otherLayers]
                  .sort()
                  .map((name) => ({ value: name, label: name }))}
                onChange={(shapefileLayer) => changeChoices({ ...choices, shapefileLayer })}
              />
            )}

            {inspection.encoding && inspection.format !== 'xlsx' && (
              <ImportEncodingChoice
                format={inspection.format}
                detected={{ encoding: inspection.encoding, source: inspection.encodingSource }}
                chosen={choices.encoding}
                garbled={inspection.garbled === true}
                onChoose={(encoding) => changeChoices({ ...choices, encoding })}
              />
            )}

            {inspection.crs && (
              <div className="transfer-crs">
                <span>
                  {t('transfer.crs')}
                  {t('punct.colon')}
                </span>
                {inspection.crs.status === 'ok' ? (
                  <span>{inspection.crs.label ? say(inspection.crs.label) : inspection.crs.name}</span>
                ) : (
                  <>
                    <span className="transfer-warning" data-testid="import-zone-message">
                      {say(inspection.crs.message.message)}
                    </span>
                    <LabelledSelect
                      label={t('transfer.zone')}
                      value={String(choices.zoneEpsg ?? '')}
                      choices={[
                        { value: '', label: t('transfer.zoneChoose') },
                        ...GAUSS_KRUGER_ZONES.map((zone) => ({
                          value: String(zone.epsg),
                          label: say(zone.label),
                        })),
                      ]}
                      onChange={(zone) =>
                        changeChoices({ ...choices, zoneEpsg: zone ? Number(zone) : undefined })
                      }
                      testId="import-zone"
                    />
                  </>
                )}
              </div>
            )}

            <div className="transfer-preview">
              <div>{t('transfer.preview', { count: inspection.preview.length })}</div>
              <div className="transfer-table-wrap">
                <table data-testid="import-preview">
                  <thead>
                    <tr>
                      {inspection.fields.map((field) => (
                        <th key={field}>{field}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {inspection.preview.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={c}>{cell}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>

            <LabelledSelect<ImportTarget>
              label={t('transfer.layer')}
              value={target}
              choices={layerChoices.map((l) => ({
                value: l,
                label: l === REFERENCE ? t('references.target') : t(`transfer.layers.${l}`),
              }))}
              onChange={(next) => dispatch({ type: 'target', target: next })}
              testId="import-layer"
            />
            {inspection.suggestedBy !== undefined && target === inspection.suggestedLayer && (
              <small data-testid="import-layer-guess">
                {t('transfer.layerGuess', {
                  field: inspection.suggestedBy,
                  layer: t(`transfer.layers.${inspection.suggestedLayer}`),
                })}
              </small>
            )}
            {target === REFERENCE && referenceChoice && (
              <ReferenceImportFields
                inspection={inspection}
                choice={referenceChoice}
                onChange={(choice) => dispatch({ type: 'reference-choice', choice })}
              />
            )}
            {target === REFERENCE && !canBeReference(inspection) && (
              <p className="transfer-warning">{t('references.pointsRefused')}</p>
            )}
            {target !== REFERENCE && (
              <small>{t('transfer.replaceNote', { layer: t(`transfer.layers.${layer}`) })}</small>
            )}

            {target !== REFERENCE && (
              <fieldset className="transfer-mapping">
                <legend>{t('transfer.mapping')}</legend>
                {attributes.map((attribute: MappedAttribute) => (
                  <LabelledSelect
                    key={attribute}
                    label={
                      t(`transfer.attributes.${attribute}`) +
                      (required.includes(attribute) ? t('transfer.required') : '')
                    }
                    value={mapping[attribute] ?? ''}
                    choices={[
                      { value: '', label: t('transfer.notMapped') },
                      ...inspection.fields.map((field) => ({ value: field, label: field })),
                    ]}
                    onChange={(field) =>
                      dispatch({ type: 'mapping', mapping: { ...mapping, [attribute]: field || undefined } })
                    }
                    testId={`import-field-${attribute}`}
                  />
                ))}
                {(layer === 'grid' || layer === 'microgrid') && <small>{t('transfer.countedNote')}</small>}
                {layer === 'census' && (
                  <ImportSwapHint
                    inspection={inspection}
                    mapping={mapping}
                    onMapping={(next) => dispatch({ type: 'mapping', mapping: next })}
                  />
                )}
              </fieldset>
            )}

            {target === 'census' && (
              <LabelledSelect<PointSystem>
                label={t('transfer.pointSystem')}
                value={pointSystem}
                choices={POINT_SYSTEMS.map((system) => ({
                  value: system,
                  label: t(`transfer.pointSystems.${system}`),
                }))}
                onChange={(next) => dispatch({ type: 'point-system', pointSystem: next })}
                testId="import-point-system"
              />
            )}
            {!props.hasProject && <p className="transfer-warning">{t('transfer.noProject')}</p>}
          </div>
        )}

        {withErrors && (
          <div className="transfer-problems" data-testid="import-row-errors">
            <strong>
              {t('transfer.rowErrors', { bad: withErrors.errorCount, total: withErrors.total })}
            </strong>
            <ul>
              {withErrors.errors.slice(0, MAX_LISTED_ROWS).map((error, index) => (
                <li key={index}>{t('transfer.rowError', { line: error.line, reason: say(error.reason) })}</li>
              ))}
              {withErrors.errorCount > MAX_LISTED_ROWS && (
                <li>{t('transfer.moreRows', { count: withErrors.errorCount - MAX_LISTED_ROWS })}</li>
              )}
            </ul>
          </div>
        )}

        <div className="modal-buttons">
          {withErrors ? (
            <>
              <button
                type="button"
                onClick={() => dispatch({ type: 'with-errors', imported: null })}
                data-testid="import-none"
              >
                {t('transfer.importNone')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={withErrors.entities.length === 0}
                onClick={() => void finish(withErrors)}
                data-testid="import-good-rows"
              >
                {t('transfer.importGood', { count: withErrors.entities.length })}
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={props.onClose} disabled={!!running} data-testid="import-close">
                {t('transfer.close')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={!ready}
                onClick={() => void importNow()}
                data-testid="import-confirm"
              >
                {inspection?.format === 'division'
                  ? t('transfer.importDivision')
                  : t('transfer.importAction')}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
