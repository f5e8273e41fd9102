import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReferenceImport } from '../../shared/formats/reference-layer-import';
import type { ReferenceLayer } from '../../shared/model';
import type { ProjectStore } from '../storage/project-store';

/** The open project's reference layers (参考图层) and what the panel, dialog and editor do with them. */
export interface ProjectReferences {
  /** In the order they were added; empty while none is open. */
  readonly layers: readonly ReferenceLayer[];
  /** Stores an imported layer; resolves false when it was not saved (the planner was told). */
  readonly add: (imported: ReferenceImport) => Promise<boolean>;
  readonly rename: (id: string, name: string) => Promise<void>;
  readonly setVisible: (id: string, visible: boolean) => Promise<void>;
  readonly remove: (id: string) => Promise<void>;
  /** Trace mode (追踪): drawn edges follow reference lines and boundaries between two clicks. */
  readonly trace: boolean;
  readonly setTrace: (on: boolean) => void;
}

/** How the hook tells the planner about a stored layer or a failed write. */
export interface ReferenceReports {
  readonly added: (imported: ReferenceImport) => void;
  /** A failed read or write, with the store's bilingual error. */
  readonly failed: (kind: 'save' | 'load', error: unknown) => void;
}

/**
 * Loads the project's reference layers when it opens and writes every change through the store first:
 * the list shows only what is stored, and a failed write leaves it as it was (the store's transaction
 * rolled back) with the store's message.
 */
export function useProjectReferences(
  store: ProjectStore,
  projectId: string | null,
  reports: ReferenceReports,
): ProjectReferences {
  const [loaded, setLoaded] = useState<{ projectId: string; layers: readonly ReferenceLayer[] } | null>(null);
  const [trace, setTrace] = useState(false);
  const { added, failed } = reports;

  useEffect(() => {
    if (!projectId) return undefined;
    let live = true;
    store
      .listReferenceLayers(projectId)
      .then((layers) => live && setLoaded({ projectId, layers }))
      .catch((error: unknown) => live && failed('load', error));
    return () => {
      live = false;
    };
  }, [store, projectId, failed]);

  const layers = useMemo(
    () => (loaded && loaded.projectId === projectId ? loaded.layers : []),
    [loaded, projectId],
  );

  /** Writes, then updates the list from what was written; reports a failure instead. */
  const write = useCallback(
    async (
      work: (id: string) => Promise<void>,
      next: (list: readonly ReferenceLayer[]) => ReferenceLayer[],
    ) => {
      if (!projectId) return false;
      try {
        await work(projectId);
      } catch (error) {
        failed('save', error);
        return false;
      }
      setLoaded((current) =>
        current && current.projectId === projectId ? { projectId, layers: next(current.layers) } : current,
      );
      return true;
    },
    [projectId, failed],
  );

  const add = useCallback(
    async (imported: ReferenceImport) => {
      const ok = await write(
        (id) => store.putReferenceLayer(id, imported.layer),
        (list) => [...list, imported.layer],
      );
      if (ok) added(imported);
      return ok;
    },
    [store, write, added],
  );

  const update = useCallback(
    async (layerId: string, patch: (layer: ReferenceLayer) => ReferenceLayer) => {
      const layer = layers.find((l) => l.id === layerId);
      if (!layer) return;
      const changed = patch(layer);
      await write(
        (id) => store.putReferenceLayer(id, changed),
        (list) => list.map((l) => (l.id === layerId ? changed : l)),
      );
    },
    [layers, store, write],
  );

  const rename = useCallback(
    (layerId: string, name: string) => update(layerId, (layer) => ({ ...layer, name })),
    [update],
  );
  const setVisible = useCallback(
    async (layerId: string, visible: boolean) => {
      await write(
        (id) => store.setReferenceLayerVisible(id, layerId, visible),
        (list) => list.map((l) => (l.id === layerId ? { ...l, visible } : l)),
      );
    },
    [store, write],
  );
  const remove = useCallback(
    async (layerId: string) => {
      await write(
        (id) => store.deleteReferenceLayer(id, layerId),
        (list) => list.filter((l) => l.id !== layerId),
      );
    },
    [store, write],
  );

  return { layers, add, rename, setVisible, remove, trace, setTrace };
}
