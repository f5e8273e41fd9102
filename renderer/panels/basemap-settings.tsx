import type { ReactNode } from 'react';
import { useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';
import type { Language, LocalText, Result } from '../../shared/model';
import type { BasemapSettings, TemplateCheck } from '../map/basemap-source';
import { BASEMAP_SETTING, OFFLINE_BASEMAP, parseBasemapSettings } from '../map/basemap-source';
import { getBasemapStatus, subscribeBasemapStatus } from '../map/basemap-status';
import type { DirectoryHandleLike, FileHandleLike, LocalTileSet } from '../map/local-tiles';
import {
  folderFromFiles,
  folderFromHandle,
  localTiles,
  newLocalId,
  registerLocalTiles,
} from '../map/local-tiles';
import { LOCAL_FILE_ACCEPT, openLocalFile } from '../map/local-file';
import { allowTileOrigins } from '../map/allow-tile-origins';
import type { ProjectStore } from '../storage/project-store';
import './basemap-settings.css';
import type { PickedTiles } from './basemap-form';
import { basemapFormReducer, chosenSettings, formCheck, initialBasemapForm } from './basemap-form';

/**
 * The basemap settings: offline (the default), an XYZ or WMTS URL template with its key, a local
 * folder of tiles or a local PMTiles file. Saved per project under the 'basemap' setting.
 */

// Tianditu's web-mercator layers (WMTS KVP). Only t0: one server keeps the CSP allow-list short.
const TIANDITU = (layer: 'img' | 'vec'): string =>
  `https://t0.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
  '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}';

/** The File System Access pickers, where the browser has them (Chromium); TypeScript's DOM lib lacks them. */
interface PickerWindow {
  showDirectoryPicker?: (options?: { mode?: 'read' }) => Promise<DirectoryHandleLike>;
  showOpenFilePicker?: (options?: {
    multiple?: boolean;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<FileHandleLike[]>;
}

/**
 * Whether chosen folders and files can be remembered (stored handles). Not in the desktop app: its
 * session refuses every permission request, File System Access included, so it uses file inputs.
 */
function canRememberFiles(): boolean {
  const pickers = window as unknown as PickerWindow;
  return typeof pickers.showDirectoryPicker === 'function' && !window.gridplan;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Reopens a stored folder or file handle and registers its tiles under the setting's id. Without
 * `prompt` only an already granted permission is used (opening a project must not pop up a question);
 * with it (a click on 重新连接) the browser may ask the planner.
 */
async function reconnect(
  settings: BasemapSettings,
  prompt: boolean,
): Promise<Result<LocalTileSet> | 'denied' | null> {
  if (settings.kind !== 'folder' && settings.kind !== 'pmtiles') return null;
  if (localTiles(settings.localId)) return null;
  const handle = settings.handle;
  if (!handle) return null;
  let permission = (await handle.queryPermission?.({ mode: 'read' })) ?? 'granted';
  if (permission !== 'granted' && prompt) {
    permission = (await handle.requestPermission?.({ mode: 'read' })) ?? 'denied';
  }
  if (permission !== 'granted') return 'denied';
  const opened =
    handle.kind === 'directory'
      ? await folderFromHandle(handle)
      : await openLocalFile(await handle.getFile(), settings.name);
  if (opened.ok) registerLocalTiles(settings.localId, opened.value);
  return opened;
}

/**
 * The open project's basemap setting: read when a project opens (reconnecting a remembered local
 * folder when the browser still allows it), saved with {@link ProjectStore.setSetting}.
 */
export function useProjectBasemap(store: ProjectStore, projectId: string | null) {
  const [loaded, setLoaded] = useState<{ projectId: string; settings: BasemapSettings } | null>(null);
  useEffect(() => {
    if (!projectId) return undefined;
    let cancelled = false;
    const load = async (): Promise<BasemapSettings> => {
      const settings = parseBasemapSettings(await store.getSetting(projectId, BASEMAP_SETTING));
      try {
        await reconnect(settings, false);
      } catch {
        // The folder may have moved: the map then says it must be chosen again.
      }
      return settings;
    };
    void load()
      .catch(() => OFFLINE_BASEMAP)
      .then((settings) => {
        if (!cancelled) setLoaded({ projectId, settings });
      });
    return () => {
      cancelled = true;
    };
  }, [store, projectId]);
  const settings = loaded && loaded.projectId === projectId ? loaded.settings : OFFLINE_BASEMAP;
  const save = useCallback(
    async (next: BasemapSettings): Promise<void> => {
      if (!projectId) return;
      await store.setSetting(projectId, BASEMAP_SETTING, next);
      setLoaded({ projectId, settings: next });
    },
    [store, projectId],
  );
  return { settings, save };
}

function useBasemapStatus() {
  return useSyncExternalStore(subscribeBasemapStatus, getBasemapStatus);
}

/**
 * The toolbar button that opens the settings. It shows ⚠ when the map has a basemap problem, and
 * while offset (GCJ-02/BD-09) tiles are shown, with the warning as its tooltip.
 */
export function BasemapButton(props: { readonly onClick: () => void; readonly disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const status = useBasemapStatus();
  const troubled = status.problems.length > 0;
  const warning = status.warnings[0];
  const title = troubled
    ? t('basemap.buttonProblem')
    : warning
      ? warning[i18n.language === 'en' ? 'en' : 'zh']
      : t('basemap.buttonTitle');
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled}
      title={title}
      data-testid="basemap-button"
      data-basemap-problem={troubled ? 'true' : undefined}
      data-basemap-warning={warning ? 'true' : undefined}
    >
      {(troubled || warning) && '⚠ '}
      {t('basemap.button')}
    </button>
  );
}

/** The template with the spans that problems point at marked, so the planner sees where to look. */
function MarkedTemplate(props: { readonly template: string; readonly check: TemplateCheck }) {
  const spans = props.check.problems
    .flatMap((p) => (p.at ? [p.at] : []))
    .sort((a, b) => a.start - b.start)
    .filter((span, index, all) => index === 0 || span.start >= all[index - 1]!.end);
  if (spans.length === 0) return null;
  const parts: ReactNode[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    parts.push(props.template.slice(at, span.start));
    parts.push(
      <mark key={index}>{props.template.slice(span.start, Math.max(span.end, span.start + 1)) || ' '}</mark>,
    );
    at = Math.max(span.end, span.start + 1);
  });
  parts.push(props.template.slice(at));
  return <code className="basemap-marked">{parts}</code>;
}

type Kind = BasemapSettings['kind'];
type Picked = PickedTiles;

/** Props of {@link BasemapSettingsDialog}. */
export interface BasemapSettingsDialogProps {
  readonly language: Language;
  /** The project's current setting. */
  readonly current: BasemapSettings;
  /** Saves the setting for the project (the map follows); rejects with a storage problem. */
  readonly onSave: (settings: BasemapSettings) => Promise<void>;
  readonly onClose: () => void;
}

/** The basemap settings dialog; Chinese by default. */
export function BasemapSettingsDialog(props: BasemapSettingsDialogProps) {
  const { t } = useTranslation();
  const say = (message: LocalText): string => message[props.language];
  // A dialog string in both languages, for messages kept as LocalText like the checks' own.
  const both = (key: string, values: Record<string, string> = {}): LocalText => ({
    zh: t(key, { ...values, lng: 'zh' }),
    en: t(key, { ...values, lng: 'en' }),
  });
  const current = props.current;
  const status = useBasemapStatus();
  const [form, dispatch] = useReducer(basemapFormReducer, current, (setting: BasemapSettings) =>
    initialBasemapForm(setting, localTiles),
  );
  const { kind, template, key, attribution, touched, picked, tms, busy, problems } = form;
  const setProblems = (list: readonly LocalText[]): void => dispatch({ type: 'problems', problems: list });
  const setBusy = (value: string | null): void => dispatch({ type: 'busy', busy: value });
  const folderInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const remember = canRememberFiles();
  const desktop = !!window.gridplan;

  const check = formCheck(form);
  const local = kind === 'folder' ? picked.folder : kind === 'pmtiles' ? picked.pmtiles : null;
  // A remembered folder or file from the setting that this page cannot read yet.
  const stale = (kind === 'folder' || kind === 'pmtiles') && current.kind === kind && !local ? current : null;

  useEffect(() => {
    // <input webkitdirectory> is not in React's attribute list; set it on the element.
    folderInput.current?.setAttribute('webkitdirectory', '');
  });

  useEscapeToClose(props.onClose);

  const opened = (
    result: Result<LocalTileSet>,
    localKind: 'folder' | 'pmtiles',
    handle?: DirectoryHandleLike | FileHandleLike,
  ) => {
    if (!result.ok) {
      setProblems(result.problems.map((p) => p.message));
      return;
    }
    const set = result.value;
    const localId = newLocalId();
    registerLocalTiles(localId, set);
    setProblems([]);
    if (localKind === 'folder') {
      const settings: BasemapSettings = {
        kind: 'folder',
        name: set.name,
        localId,
        scheme: set.suggestedScheme,
        ...(handle?.kind === 'directory' && { handle }),
      };
      dispatch({
        type: 'picked',
        kind: 'folder',
        entry: { settings, set },
        tms: set.suggestedScheme === 'tms',
      });
    } else {
      const settings: BasemapSettings = {
        kind: 'pmtiles',
        name: set.name,
        localId,
        ...(handle?.kind === 'file' && { handle }),
      };
      dispatch({ type: 'picked', kind: 'pmtiles', entry: { settings, set } });
    }
  };

  const reading = async (work: () => Promise<void>): Promise<void> => {
    setBusy(t('basemap.reading'));
    try {
      await work();
    } catch (error) {
      if (!isAbort(error)) setProblems([{ zh: String(error), en: String(error) }]);
    } finally {
      setBusy(null);
    }
  };

  const chooseFolder = (): void => {
    const pickers = window as unknown as PickerWindow;
    if (remember && pickers.showDirectoryPicker) {
      const pick = pickers.showDirectoryPicker;
      void reading(async () => {
        const handle = await pick({ mode: 'read' });
        opened(await folderFromHandle(handle), 'folder', handle);
      });
    } else folderInput.current?.click();
  };

  const chooseFile = (): void => {
    const pickers = window as unknown as PickerWindow;
    if (remember && pickers.showOpenFilePicker) {
      const pick = pickers.showOpenFilePicker;
      void reading(async () => {
        const [handle] = await pick({
          types: [
            {
              description: 'PMTiles / GeoTIFF',
              accept: { 'application/octet-stream': ['.pmtiles'], 'image/tiff': ['.tif', '.tiff'] },
            },
          ],
        });
        if (!handle) return;
        const file = await handle.getFile();
        opened(await openLocalFile(file, file.name), 'pmtiles', handle);
      });
    } else fileInput.current?.click();
  };

  const reconnectStale = (): void => {
    if (!stale) return;
    void reading(async () => {
      const result = await reconnect(stale, true);
      if (result === 'denied') {
        setProblems([both('basemap.permissionDenied', { name: stale.name })]);
        return;
      }
      if (result && !result.ok) {
        setProblems(result.problems.map((p) => p.message));
        return;
      }
      const set = localTiles(stale.localId);
      if (set) dispatch({ type: 'picked', kind: stale.kind, entry: { settings: stale, set } });
    });
  };

  const preset = (layer: 'img' | 'vec'): void => {
    dispatch({ type: 'template', template: TIANDITU(layer) });
  };

  const save = async (): Promise<void> => {
    dispatch({ type: 'touch' });
    const next = chosenSettings(form);
    if (!next) {
      if (kind === 'folder' || kind === 'pmtiles') setProblems([both('basemap.nothingChosen')]);
      return;
    }
    setBusy(t('basemap.saving'));
    try {
      await props.onSave(next);
      props.onClose();
    } catch (error) {
      const problem =
        typeof error === 'object' && error !== null && 'problem' in error
          ? (error as { problem: { message: LocalText } }).problem.message
          : { zh: String(error), en: String(error) };
      setProblems([problem]);
    } finally {
      setBusy(null);
    }
  };

  /** Desktop: saves, then asks the main process to allow the servers (it reloads the window). */
  const saveAndAllow = async (origins: readonly string[]): Promise<void> => {
    const next = chosenSettings(form);
    if (!next) return;
    setBusy(t('basemap.saving'));
    try {
      await props.onSave(next);
      const allowed = await allowTileOrigins(origins);
      if (!allowed.ok) setProblems(allowed.problems.map((p) => p.message));
    } catch (error) {
      setProblems([{ zh: String(error), en: String(error) }]);
    } finally {
      setBusy(null);
    }
  };

  const summary = (entry: Picked): string => {
    const { set } = entry;
    const values = {
      name: set.name,
      count: set.tileCount ?? 0,
      min: set.minZoom,
      max: set.maxZoom,
      format: set.format,
    };
    if (set.kind === 'pmtiles') return t('basemap.pmtilesSummary', values);
    if (set.kind === 'geotiff') return t('basemap.geotiffSummary', values);
    return set.tileCount === null
      ? t('basemap.folderSummaryLazy', values)
      : t('basemap.folderSummary', values);
  };

  const kinds: Kind[] = ['offline', 'xyz', 'wmts', 'folder', 'pmtiles'];
  const showMapProblems = status.problems.length > 0 && kind === current.kind;

  return (
    <div className="modal-backdrop" role="presentation">
      <form
        className="modal basemap-dialog"
        role="dialog"
        aria-label={t('basemap.heading')}
        data-testid="basemap-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>{t('basemap.heading')}</h2>
        <fieldset className="basemap-kinds">
          {kinds.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="basemap-kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  dispatch({ type: 'kind', kind: k });
                }}
                data-testid={`basemap-kind-${k}`}
              />
              {t(`basemap.kinds.${k}`)}
            </label>
          ))}
        </fieldset>

        {kind === 'offline' && <p className="basemap-hint">{t('basemap.offlineHint')}</p>}

        {(kind === 'xyz' || kind === 'wmts') && check && (
          <div className="basemap-remote">
            {kind === 'wmts' && (
              <div className="basemap-presets">
                {t('basemap.presets')}
                {t('punct.colon')}
                <button type="button" onClick={() => preset('img')}>
                  {t('basemap.presetTiandituImg')}
                </button>
                <button type="button" onClick={() => preset('vec')}>
                  {t('basemap.presetTiandituVec')}
                </button>
              </div>
            )}
            <label>
              {t('basemap.template')}
              <textarea
                value={template}
                rows={3}
                spellCheck={false}
                onChange={(event) => {
                  dispatch({ type: 'template', template: event.target.value });
                }}
                data-testid="basemap-template"
              />
              <small>{kind === 'xyz' ? t('basemap.templateHintXyz') : t('basemap.templateHintWmts')}</small>
            </label>
            <label>
              {t('basemap.key')}
              <input
                value={key}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => dispatch({ type: 'key', key: event.target.value })}
                data-testid="basemap-key"
              />
              <small>{t('basemap.keyHint')}</small>
            </label>
            <label>
              {t('basemap.attribution')}
              <input
                value={attribution}
                onChange={(event) => dispatch({ type: 'attribution', attribution: event.target.value })}
              />
            </label>
            {check.notices.map((notice) => (
              <p
                key={notice.kind}
                className={notice.severity === 'warning' ? 'basemap-warning' : 'basemap-info'}
                role={notice.severity === 'warning' ? 'alert' : undefined}
                data-testid={notice.kind === 'tianditu' ? 'basemap-tianditu-note' : 'basemap-gcj02-warning'}
              >
                {notice.severity === 'warning' ? '⚠ ' : 'ℹ '}
                {say(notice.message)}
              </p>
            ))}
            {touched && check.problems.length > 0 && (
              <div className="basemap-problems" data-testid="basemap-problems">
                <MarkedTemplate template={template.trim()} check={check} />
                <ul>
                  {check.problems.map((p, index) => (
                    <li key={index}>{say(p.message)}</li>
                  ))}
                </ul>
              </div>
            )}
            {check.problems.length === 0 && (
              <div className="basemap-info" data-testid="basemap-template-ok">
                <p>✔ {t('basemap.templateOk')}</p>
                <p>{t('basemap.network', { hosts: check.origins.join('、') })}</p>
                <p>{t('basemap.cspNote', { origins: check.origins.join(',') })}</p>
                {desktop && (
                  <button
                    type="button"
                    disabled={busy !== null}
                    data-testid="basemap-allow-origins"
                    onClick={() => void saveAndAllow(check.origins)}
                  >
                    {t('basemap.allowOrigins')}
                  </button>
                )}
              </div>
            )}
          </div>
        )}

        {(kind === 'folder' || kind === 'pmtiles') && (
          <div className="basemap-local">
            <p className="basemap-hint">{t('basemap.localNote')}</p>
            <div className="basemap-presets">
              <button
                type="button"
                onClick={kind === 'folder' ? chooseFolder : chooseFile}
                disabled={busy !== null}
                data-testid="basemap-choose"
              >
                {kind === 'folder' ? t('basemap.chooseFolder') : t('basemap.chooseFile')}
              </button>
              {stale?.handle && (
                <button
                  type="button"
                  onClick={reconnectStale}
                  disabled={busy !== null}
                  data-testid="basemap-reconnect"
                >
                  {t('basemap.reconnect')}
                </button>
              )}
            </div>
            {local ? (
              <p data-testid="basemap-local-summary">{summary(local)}</p>
            ) : (
              stale && (
                <p className="basemap-warning">
                  {stale.handle
                    ? t('basemap.reconnectHint', { name: stale.name })
                    : t('basemap.chooseAgain', { name: stale.name })}
                </p>
              )
            )}
            {kind === 'folder' && (
              <label className="basemap-check">
                <input
                  type="checkbox"
                  checked={tms}
                  onChange={(event) => dispatch({ type: 'tms', tms: event.target.checked })}
                />
                {t('basemap.tms')}
              </label>
            )}
            <p className="basemap-hint">
              {desktop
                ? t('basemap.persistDesktop')
                : remember
                  ? t('basemap.persistYes')
                  : t('basemap.persistNo')}
            </p>
            <input
              ref={folderInput}
              type="file"
              hidden
              multiple
              data-testid="basemap-folder-input"
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                if (files.length) opened(folderFromFiles(files), 'folder');
              }}
            />
            <input
              ref={fileInput}
              type="file"
              hidden
              accept={LOCAL_FILE_ACCEPT}
              data-testid="basemap-file-input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void reading(async () => opened(await openLocalFile(file, file.name), 'pmtiles'));
              }}
            />
          </div>
        )}

        {problems.length > 0 && (
          <div className="basemap-problems" role="alert" data-testid="basemap-pick-problems">
            <ul>
              {problems.map((p, index) => (
                <li key={index}>{say(p)}</li>
              ))}
            </ul>
          </div>
        )}
        {showMapProblems && (
          <div className="basemap-problems" data-testid="basemap-map-problems">
            <strong>{t('basemap.mapProblems')}</strong>
            <ul>
              {status.problems.map((p) => (
                <li key={p.kind}>{say(p.message)}</li>
              ))}
            </ul>
          </div>
        )}
        {busy && <p className="basemap-hint">{busy}</p>}
        <div className="modal-buttons">
          <button type="button" onClick={props.onClose}>
            {t('basemap.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy !== null} data-testid="basemap-save">
            {t('basemap.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
