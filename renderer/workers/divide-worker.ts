/// <reference lib="webworker" />
// Automatic division (自动划分) and rebalancing (平衡) off the main thread: they take seconds on a large
// community, and the planner must be able to cancel (the app terminates this worker). It only computes:
// the proposal comes back as one Change that the planner accepts or discards, so a cancelled or failed
// run leaves the project exactly as it was.
import { guardLockedGrids } from '../../shared/commands/locked-grids';
import { divideCommunities, feasibleGridCounts, rebalanceGrids } from '../../shared/divide';
import type { Problem, Result } from '../../shared/model';
import { fail, ok, text } from '../../shared/model';
import type { DivideReply, DivideRequest, Preview } from '../divide/divide-protocol';
import { proposalFigures } from '../divide/proposal-figures';
import { failedUnchanged } from './failed-unchanged';
import type { PackedRequest } from './packed-division';
import { unpackRequest } from './packed-division';

declare const self: DedicatedWorkerGlobalScope;

function reply(message: DivideReply): void {
  self.postMessage(message);
}

function unexpected(error: unknown): Problem {
  const what = text('计算方案时出错', 'Computing the proposal failed');
  return { kind: 'unexpected', message: failedUnchanged(what, error) };
}

function preview(request: Extract<DivideRequest, { type: 'divide' | 'rebalance' }>): Result<Preview> {
  const options = {
    ruleSet: request.ruleSet,
    guides: request.guides,
    seed: request.seed,
    at: request.at,
    onProgress: (fraction: number) => reply({ type: 'progress', fraction }),
  };
  const made =
    request.type === 'divide'
      ? divideCommunities(request.division, request.communityIds, {
          ...options,
          ...(request.gridCount !== undefined ? { gridCount: request.gridCount } : {}),
        })
      : (() => {
          const rebalanced = rebalanceGrids(request.division, request.gridIds, options);
          return rebalanced.ok
            ? ok({ change: rebalanced.value.change, communities: [rebalanced.value.outcome] })
            : rebalanced;
        })();
  if (!made.ok) return made;
  // Whatever the engine proposes, a locked grid stays as it is: checked here before the planner sees it.
  const guarded = guardLockedGrids(
    request.division,
    made.value.change,
    request.type === 'divide' ? 'divide' : 'rebalance',
  );
  if (!guarded.ok) return fail(...guarded.problems);
  return ok(proposalFigures(request.division, made.value.change, made.value.communities, request.ruleSet));
}

self.onmessage = (event: MessageEvent<PackedRequest<DivideRequest>>) => {
  const packed = event.data;
  try {
    const request = unpackRequest<DivideRequest>(packed);
    if (request.type === 'feasible') {
      const counts = request.communityIds.map((communityId) => ({
        communityId,
        ...feasibleGridCounts(
          request.division,
          communityId,
          { ruleSet: request.ruleSet, guides: request.guides },
          request.communityIds,
        ),
      }));
      reply({ type: 'feasible', counts });
    } else {
      reply({ type: 'preview', result: preview(request) });
    }
  } catch (error) {
    if (packed.type === 'feasible') reply({ type: 'feasible', counts: [] });
    else reply({ type: 'preview', result: fail(unexpected(error)) });
  }
};
