import type { FeatureCollection, LineString, Polygon } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Division, RuleSet } from '../../shared/model';
import type { SketchPreview } from './sketch-counts';
import { NO_PREVIEW } from './sketch-counts';
import type { SketchRequest } from './sketch-protocol';
import type { SketchWorkerClient } from './sketch-worker-client';
import { whenIdle } from '../shell/when-idle';

/** The tools whose drawing is counted before commit. */
const SKETCHING_TOOLS: ReadonlySet<string> = new Set(['draw-grid', 'split']);

/** Pointer moves closer together than this are counted once (the last one). */
export const SKETCH_DEBOUNCE_MS = 60;

/**
 * Counts before commit: the households of each part of the grid or split line being drawn, computed in a
 * worker (debounced, newest sketch wins) and shown at the cursor; for a split line also the grids it would
 * split (outlined on the map) or why it would be refused. `onSketch` goes to Terra Draw's change
 * events; the counts clear when the tool changes or the drawing ends.
 */
export function useSketchCounts(
  /** The sketch-count worker (use-sketch-worker.ts). */
  client: SketchWorkerClient | null,
  division: Division | null,
  ruleSet: RuleSet,
  /** The active tool's name (renderer/tools/tool-registry.ts). */
  tool: string,
  options: { readonly avoidOverlap: boolean; readonly selectedGridId: string | null },
) {
  const [preview, setPreview] = useState<SketchPreview>(NO_PREVIEW);
  const latestClient = useRef(client);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ tool, options, division, ruleSet });
  useEffect(() => {
    latest.current = { tool, options, division, ruleSet };
    latestClient.current = client;
  });

  useEffect(
    () =>
      client?.onSketch((reply) => {
        // Only the newest sketch's answer is shown: older ones were overtaken by the pointer.
        if (reply.seq === seq.current) setPreview(reply.preview);
      }),
    [client],
  );

  // The worker follows the document (each edit replaces it; structured clone happens off the pointer path)
  // while a tool that sketches is chosen: packing and cloning a city's document took 0.2–1.3 s of the
  // window's thread, which at open delayed the first map a planner can click. It is sent when the window
  // is idle after 画网格 or 拆分 is chosen (before the first line is drawn); an edit the worker has the
  // document before is followed by its Change (followChange), and a sketch or split sends it first.
  const sketching = SKETCHING_TOOLS.has(tool);
  useEffect(() => {
    if (!division || !client || !sketching) return;
    return whenIdle(() => client.setDocument(division, ruleSet));
  }, [client, division, ruleSet, sketching]);

  const clear = useCallback(() => {
    seq.current++;
    if (timer.current) clearTimeout(timer.current);
    setPreview(NO_PREVIEW);
  }, []);

  // The counts belong to one drawing: a new tool starts without them.
  useEffect(() => clear, [tool, clear]);

  const onSketch = useCallback((geometry: Polygon | LineString | null) => {
    if (timer.current) clearTimeout(timer.current);
    const { tool: active, options: current } = latest.current;
    const drawing =
      geometry &&
      ((active === 'draw-grid' && geometry.type === 'Polygon') ||
        (active === 'split' && geometry.type === 'LineString'));
    if (!drawing) {
      seq.current++;
      setPreview(NO_PREVIEW);
      return;
    }
    timer.current = setTimeout(() => {
      const { division: document, ruleSet: rules } = latest.current;
      if (document) latestClient.current?.setDocument(document, rules);
      const request: SketchRequest = {
        type: 'sketch',
        seq: ++seq.current,
        sketch:
          geometry.type === 'Polygon'
            ? { kind: 'polygon', geometry, avoidOverlap: current.avoidOverlap }
            : { kind: 'line', geometry, gridId: current.selectedGridId },
      };
      latestClient.current?.sketch(request);
    }, SKETCH_DEBOUNCE_MS);
  }, []);

  // The targets' outlines for the map (the same object while they do not change).
  const targetFeatures = useMemo((): FeatureCollection => {
    const targets = preview.targets;
    const layer = targets && division ? division[targets.layer] : null;
    return {
      type: 'FeatureCollection',
      features: (targets?.ids ?? []).flatMap((id) => {
        const entity = layer?.get(id);
        return entity
          ? [{ type: 'Feature' as const, properties: { code: entity.code }, geometry: entity.geometry }]
          : [];
      }),
    };
  }, [preview.targets, division]);

  return {
    parts: preview.parts,
    targets: preview.targets,
    refusal: preview.refusal,
    targetFeatures,
    onSketch,
    clear,
  };
}

/** The counts before commit (the Shell's `sketch`). */
export type SketchCounts = ReturnType<typeof useSketchCounts>;
