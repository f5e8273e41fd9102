import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  neighbourReferenceImport,
  withoutEmbeddedReferenceLayers,
} from '../../shared/formats/embedded-neighbours';
import { stringifyDivision } from '../../shared/formats/geojson';
import type { LayerImport } from '../../shared/formats/import-layer';
import { LAYER_NAMES, replaceLayerChange } from '../../shared/formats/import-layer';
import type { Division, Language } from '../../shared/model';
import { countByLayer } from '../../shared/model';
import { saveProjectFile } from '../platform/project-files';
import type { Notices } from './use-notices';
import { CHANGED_MEANWHILE } from '../editor/editor-session';
import type { EditorSession } from '../editor/editor-session';
import type { ProjectSession } from './use-project-session';
import type { MapTarget } from './shell';
import { boundsOfEntities } from '../map/entity-bounds';

/** What the import and export buttons, dialogs and the desktop 文件 menu do. */
export interface TransferActions {
  /** 导出 GeoJSON: the open project in the interchange profile. */
  readonly exportFile: () => Promise<void>;
  /** The import dialog's layer import: one undoable change; resolves false when it was not saved. */
  readonly importLayer: (imported: LayerImport, fileName: string) => Promise<boolean>;
  /** The import dialog's whole-division import: a new project. */
  readonly importDivision: (made: Division, fileName: string) => Promise<void>;
}

function total(division: Division): number {
  return Object.values(countByLayer(division)).reduce((a, b) => a + b, 0);
}

/**
 * Import and export of files. A layer import is one undoable change through the editor session, written
 * only when the planner confirms; a cancelled or failed import never reaches the session. The desktop
 * menu's 文件 items act here, and the menu follows the UI language.
 */
export function useTransferDialogs(
  project: ProjectSession,
  /**
   * The session the window shows (a version, a package, the working copy; null while the census is read):
   * 导出 writes its document, and a layer import goes to it, so a version or a package refuses the import.
   */
  shown: EditorSession | null,
  notices: Notices,
  language: Language,
  /** Opens the import dialog (导入…), as the toolbar's button does. */
  openImportDialog: () => void,
  showOnMap?: (target: MapTarget) => void,
): TransferActions {
  const { t } = useTranslation();
  const { state, createFrom } = project;
  const { notify, reportError } = notices;
  // Read when an import ends, not when it started: the census may have been read, or a version opened.
  // While the census is read no session is shown: the project's own refuses the import and says why.
  const edited = useRef(shown ?? project.session);
  useEffect(() => {
    edited.current = shown ?? project.session;
  });

  const exportFile = async (): Promise<void> => {
    // The desktop menu can ask while the census points are read: say why nothing is exported yet.
    if (state?.censusLoading) notify({ kind: 'info', title: t('status.loadingCensus'), lines: [] });
    // The document shown (a version too): what 导出数据… exports, and what the planner sees.
    const division = shown?.getState().division;
    if (!division) return;
    const name = `${division.meta.name || 'gridplan'}.geojson`;
    try {
      const saved = await saveProjectFile(name, stringifyDivision(division));
      if (saved) {
        const title = window.gridplan
          ? t('messages.exported', { path: saved })
          : t('messages.exportedBrowser', { name: saved });
        notify({ kind: 'info', title, lines: [] });
      }
    } catch (error) {
      reportError(t('messages.saveFailed'), error);
    }
  };

  /**
   * Remembers on the project the Gauss-Kruger zone a layer came in, so 导出数据… can offer it back. A later
   * import in longitude/latitude keeps it; an import from another zone replaces it.
   */
  const rememberSourceZone = async (zoneEpsg: number | undefined): Promise<void> => {
    if (!state || zoneEpsg === undefined || project.current?.sourceZoneEpsg === zoneEpsg) return;
    try {
      await project.store.updateMeta(state.projectId, { sourceZoneEpsg: zoneEpsg });
      await project.refreshProjects();
    } catch (error) {
      reportError(t('messages.saveFailed'), error);
    }
  };

  const importLayer = async (imported: LayerImport, fileName: string): Promise<boolean> => {
    const session = edited.current;
    if (!session) return false;
    const layerName = LAYER_NAMES[imported.layer][language];
    const note = `${language === 'zh' ? '导入' : 'Import'} ${fileName}（${layerName}）`;
    const current = session.getState().division;
    // A header without rows would replace the layer with nothing: refused, as the command line does.
    const existing = current[imported.layer].size;
    if (imported.entities.length === 0 && existing > 0) {
      notify({
        kind: 'error',
        title: t('transfer.emptyLayerRefused', { layer: layerName, count: existing }),
        lines: [],
      });
      return false;
    }
    const change = replaceLayerChange(current, imported, note);
    // Applied only to the document it replaces a layer of: an edit still being saved would survive the
    // replacement (its new areas are not in the change's list of areas taken away).
    const outcome = await session.applyOn(current, change);
    if (outcome === 'stale')
      notify({ kind: 'error', title: t('messages.saveFailed'), lines: [CHANGED_MEANWHILE.message] });
    const saved = outcome === 'applied';
    if (saved) await rememberSourceZone(imported.sourceZoneEpsg);
    if (saved) {
      notify({
        kind: 'info',
        title: t('transfer.imported', { count: imported.entities.length, layer: layerName }),
        lines: [],
      });
      // The planner sees what came in, wherever it lies (a new project is framed when it opens).
      const bounds = boundsOfEntities(imported.entities);
      if (bounds) showOnMap?.({ bounds });
    }
    return saved;
  };

  const importDivision = async (made: Division, fileName: string): Promise<void> => {
    // A file of `gridplan city pull` brings its neighbours' border grids along as a reference layer.
    const neighbours = neighbourReferenceImport(made, {
      id: crypto.randomUUID(),
      name: t('city.neighbourLayerName'),
      source: fileName,
    });
    const layers = neighbours?.ok ? [neighbours.value.layer] : [];
    const name = made.meta.name || fileName;
    const created = await createFrom(
      name,
      () => Promise.resolve(withoutEmbeddedReferenceLayers(made)),
      layers,
    );
    if (!created) return;
    notify({ kind: 'info', title: t('messages.imported', { count: total(made), name }), lines: [] });
  };

  // The desktop 文件 menu: 导入… opens the same import dialog as the toolbar, 导出 GeoJSON… is 导出.
  const menuActions = useRef({ openImportDialog, exportFile });
  useEffect(() => {
    menuActions.current = { openImportDialog, exportFile };
  });
  useEffect(
    () =>
      window.gridplan?.onMenuCommand((command) => {
        if (command === 'import') menuActions.current.openImportDialog();
        else void menuActions.current.exportFile();
      }),
    [],
  );
  useEffect(() => {
    void window.gridplan?.setMenuLanguage(language);
  }, [language]);

  return { exportFile, importLayer, importDivision };
}
