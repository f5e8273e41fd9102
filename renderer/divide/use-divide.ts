import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Division, Problem, ReferenceLayer, RuleSet } from '../../shared/model';
import { text } from '../../shared/model';
import type { EditorSession } from '../editor/editor-session';
import { feasibleInWorker, previewInWorker } from './divide-client';
import type { DivideJob } from './divide-client';
import type { CommunityCounts, Preview } from './divide-protocol';

/** Where the 自动划分 / 平衡 panel is. */
export type DividePhase = 'closed' | 'choose' | 'pick' | 'running' | 'preview';
export type DivideKind = 'divide' | 'rebalance';

export interface DivideInput {
  readonly session: EditorSession | null;
  readonly division: Division | null;
  readonly ruleSet: RuleSet;
  readonly selectedGridId: string | null;
  /** The project's reference layers (参考图层) that may guide the division. */
  readonly referenceLayers: readonly ReferenceLayer[];
  readonly report: (title: string, problems: readonly Problem[]) => void;
  readonly inform: (title: string) => void;
  readonly title: (key: 'failed' | 'rebalanceFailed') => string;
  readonly acceptedTitle: (kind: DivideKind, count: number) => string;
}

/** Communities of a division that have no grid yet (what "every undivided community" divides). */
export function undividedCommunities(division: Division): string[] {
  const divided = new Set([...division.grid.values()].map((grid) => grid.parentCode));
  return [...division.community.values()]
    .filter((community) => !divided.has(community.code))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((community) => community.id);
}

/**
 * 自动划分 and 平衡 in the window: the panel's choices, the feasible counts, the run in a worker with
 * progress and cancel, the proposal previewed on the map, and 接受 (one undoable change through the
 * editor session) or 放弃. Nothing reaches the project before 接受.
 */
export function useDivide(input: DivideInput) {
  const [phase, setPhase] = useState<DividePhase>('closed');
  const [kind, setKind] = useState<DivideKind>('divide');
  const [scope, setScope] = useState<'one' | 'all'>('one');
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [gridCount, setGridCount] = useState<number | 'auto'>('auto');
  const [guideIds, setGuideIds] = useState<readonly string[]>([]);
  const [counts, setCounts] = useState<readonly CommunityCounts[]>([]);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<{ readonly preview: Preview; readonly base: Division } | null>(null);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const job = useRef<DivideJob<unknown> | null>(null);
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });

  const stopJob = useCallback(() => {
    job.current?.cancel();
    job.current = null;
  }, []);
  useEffect(() => stopJob, [stopJob]);

  const close = useCallback(() => {
    stopJob();
    setPhase('closed');
    setPreview(null);
    setPicked([]);
  }, [stopJob]);

  /** Opens 自动划分 on the selected grid's community, else the first undivided one. */
  const openDivide = useCallback(() => {
    const { division, selectedGridId } = latest.current;
    if (!division) return;
    stopJob();
    const selected = selectedGridId ? division.grid.get(selectedGridId) : undefined;
    const fromSelection = selected
      ? [...division.community.values()].find((c) => c.code === selected.parentCode)?.id
      : undefined;
    const undivided = undividedCommunities(division);
    setKind('divide');
    setScope('one');
    setCommunityId(fromSelection ?? undivided[0] ?? [...division.community.keys()][0] ?? null);
    setGridCount('auto');
    setPreview(null);
    setPhase('choose');
  }, [stopJob]);

  /** Opens 平衡: the grids are picked on the map (a click adds a grid, a second click takes it out). */
  const openRebalance = useCallback(() => {
    stopJob();
    setKind('rebalance');
    setPreview(null);
    setPicked([]);
    setPhase('pick');
  }, [stopJob]);

  const pick = useCallback((id: string | null) => {
    if (!id) return;
    setPicked((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  }, []);

  // The feasible counts of the communities in scope, computed in the worker whenever the choice changes.
  const division = input.division;
  const scopeIds = useMemo(() => {
    if (!division) return [];
    if (scope === 'all') return undividedCommunities(division);
    return communityId ? [communityId] : [];
  }, [division, scope, communityId]);
  const guides = useMemo(
    () => input.referenceLayers.filter((layer) => guideIds.includes(layer.id)),
    [input.referenceLayers, guideIds],
  );
  useEffect(() => {
    if (phase !== 'choose' || !division || scopeIds.length === 0) return undefined;
    const counting = feasibleInWorker({
      type: 'feasible',
      division,
      communityIds: scopeIds,
      ruleSet: latest.current.ruleSet,
      guides,
    });
    let live = true;
    void counting.result.then((value) => {
      if (live && value !== 'cancelled') setCounts(value);
    });
    return () => {
      live = false;
      counting.cancel();
    };
  }, [phase, division, scopeIds, guides]);

  const runJob = useCallback(
    (which: DivideKind) => {
      const current = latest.current;
      const doc = current.division;
      if (!doc) return;
      stopJob();
      setProgress(0);
      setPhase('running');
      const common = {
        division: doc,
        ruleSet: current.ruleSet,
        guides,
        seed: 1,
        at: new Date().toISOString(),
      };
      const started =
        which === 'divide'
          ? previewInWorker(
              {
                type: 'divide',
                ...common,
                communityIds: scope === 'all' ? [] : scopeIds,
                ...(gridCount !== 'auto' && scope === 'one' ? { gridCount } : {}),
              },
              setProgress,
            )
          : previewInWorker({ type: 'rebalance', ...common, gridIds: picked }, setProgress);
      job.current = started;
      void started.result.then((result) => {
        if (job.current !== started) return;
        job.current = null;
        if (result === 'cancelled') return;
        if (!result.ok) {
          setPhase(which === 'divide' ? 'choose' : 'pick');
          latest.current.report(
            latest.current.title(which === 'divide' ? 'failed' : 'rebalanceFailed'),
            result.problems,
          );
          return;
        }
        setPreview({ preview: result.value, base: doc });
        setPhase('preview');
      });
    },
    [stopJob, guides, scope, scopeIds, gridCount, picked],
  );

  const cancel = useCallback(() => {
    stopJob();
    setPhase(kind === 'divide' ? 'choose' : 'pick');
  }, [stopJob, kind]);

  /** 接受: the proposal as one undoable change, if the document is still the one it was made from. */
  const accept = useCallback(async () => {
    const current = latest.current;
    if (!preview || !current.session) return;
    // Checked when its turn comes in the session's queue: an edit or undo still being saved counts.
    const outcome = await current.session.applyOn(preview.base, preview.preview.change);
    if (outcome === 'stale') {
      current.report(current.title(kind === 'divide' ? 'failed' : 'rebalanceFailed'), [
        {
          kind: 'stale',
          message: text(
            '方案生成后项目已被修改：请重新计算方案。',
            'The project changed after the proposal was made: compute it again.',
          ),
        },
      ]);
      return;
    }
    if (outcome === 'applied') {
      current.inform(current.acceptedTitle(kind, preview.preview.grids.length));
      close();
    }
  }, [preview, kind, close]);

  /** The proposal as map features: each grid coloured by target status, labelled with its households. */
  const previewFeatures = useMemo<FeatureCollection | null>(
    () =>
      preview
        ? {
            type: 'FeatureCollection',
            features: preview.preview.change.put
              .filter((entity) => entity.layer === 'grid')
              .map((grid) => {
                const row = preview.preview.grids.find((g) => g.gridId === grid.id);
                return {
                  type: 'Feature',
                  properties: {
                    id: grid.id,
                    status: row?.status ?? 'none',
                    exclusive: grid.layer === 'grid' && grid.gridType === 'exclusive',
                    households: row?.households ?? 0,
                    flagged: row?.reason !== undefined,
                    label: `${grid.layer === 'grid' ? grid.code.slice(-3) : ''}\n${row?.households ?? 0}`,
                  },
                  geometry: grid.layer === 'grid' ? grid.geometry : { type: 'Polygon', coordinates: [] },
                };
              }),
          }
        : null,
    [preview],
  );

  return {
    phase,
    kind,
    scope,
    setScope,
    communityId,
    setCommunityId,
    gridCount,
    setGridCount,
    guideIds,
    setGuideIds,
    counts,
    progress,
    preview: preview?.preview ?? null,
    previewFeatures,
    picked,
    picking: phase === 'pick',
    pick,
    openDivide,
    openRebalance,
    run: () => runJob(kind),
    cancel,
    accept,
    discard: () => {
      setPreview(null);
      setPhase(kind === 'divide' ? 'choose' : 'pick');
    },
    close,
  };
}

/** The state and actions of 自动划分 / 平衡 (the Shell's `divide`). */
export type DivideState = ReturnType<typeof useDivide>;
