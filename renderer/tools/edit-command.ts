import type { Polygon, Position } from 'geojson';
import {
  carveExclusiveGridCommand,
  communityAround,
} from '../../shared/commands/carve-exclusive-grid-command';
import { drawGridCommand } from '../../shared/commands/draw-grid-command';
import { fillGapCommand, fillSmallGapsCommand } from '../../shared/commands/fill-gap-command';
import type { Change, Division, Result } from '../../shared/model';
import { mergePicked } from './merge-picked';
import { microgridInGrid } from './microgrid-in-grid';
import { splitAlong } from './split-targets';

/**
 * One planner action whose command may be too slow for the main thread (issue 12: no task over 50 ms),
 * as plain data: the window sends it to the sketch worker (structured clone) or, without a worker, runs
 * it itself with {@link runEditCommand}; both sides run the very same command.
 */
export type EditCommand =
  /** 画网格: the drawn outline, clipped to the community under it (and around its grids with 避免重叠). */
  | { readonly kind: 'draw-grid'; readonly polygon: Polygon; readonly avoidOverlap: boolean }
  /** 微网格: the drawn outline, inside the grid selected when it was finished, else the grid under it. */
  | {
      readonly kind: 'microgrid';
      readonly polygon: Polygon;
      readonly selectedGridId: string | null;
      readonly avoidOverlap: boolean;
    }
  /** 拆分: the line, the grid selected when it was finished (split-targets.ts). */
  | {
      readonly kind: 'split';
      readonly line: readonly Position[];
      readonly selectedGridId: string | null;
      readonly keepCodeOnLarger: boolean;
    }
  /**
   * 合并: the picked grids (or micro-grids); `keep` the id whose code survives, null for a new code,
   * undefined for the default (the lowest code).
   */
  | { readonly kind: 'merge'; readonly picked: readonly string[]; readonly keep?: string | null }
  /** 挖出专属网格: the drawn outline and the new grid's name (translated by the window). */
  | { readonly kind: 'carve'; readonly polygon: Polygon; readonly name: string }
  /** 填补空白 of one gap: the point inside it, made a new grid or given to its neighbour. */
  | {
      readonly kind: 'fill-gap';
      readonly communityId: string;
      readonly at: readonly number[];
      readonly into: 'new-grid' | 'neighbour';
    }
  /** 填补空白 of every gap of a community under `maxAreaM2`. */
  | { readonly kind: 'fill-small'; readonly communityId: string; readonly maxAreaM2: number };

/** Runs an edit command on `doc`: its `Result<Change>`, the same in the worker and on the main thread. */
export function runEditCommand(doc: Division, command: EditCommand): Result<Change> {
  switch (command.kind) {
    case 'draw-grid': {
      const community = communityAround(doc, command.polygon);
      if (!community.ok) return community;
      return drawGridCommand(doc, community.value.id, command.polygon, {
        avoidOverlap: command.avoidOverlap,
      });
    }
    case 'microgrid':
      return microgridInGrid(doc, command.polygon, command.selectedGridId, command.avoidOverlap);
    case 'split':
      return splitAlong(doc, command.line, command.selectedGridId, {
        keepCodeOnLarger: command.keepCodeOnLarger,
      });
    case 'merge':
      return mergePicked(doc, command.picked, command.keep);
    case 'carve':
      return carveExclusiveGridCommand(doc, undefined, command.polygon, 'school', command.name);
    case 'fill-gap':
      return fillGapCommand(doc, command.communityId, [...command.at], { into: command.into });
    case 'fill-small':
      return fillSmallGapsCommand(doc, command.communityId, command.maxAreaM2);
  }
}
