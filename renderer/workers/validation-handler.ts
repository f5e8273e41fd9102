import type { LocalText } from '../../shared/model';
import { errorDetail, text } from '../../shared/model';
import { Validator } from '../../shared/validate';
import { unpackDivision } from './packed-division';
import type { ValidationRequest, ValidationResponse } from './validation-protocol';

/** What the panel says when checking threw: in both languages, with the error's own words. */
function workerFailed(error: unknown): LocalText {
  const detail = errorDetail(error);
  return text(`校验程序出错（${detail}）`, `the validation worker failed (${detail})`);
}

/**
 * The validation worker's logic without the worker: holds one Validator and answers requests. The
 * worker script only connects it to `self`; tests drive it directly.
 */
export class ValidationHandler {
  private validator: Validator | null = null;

  handle(request: ValidationRequest): ValidationResponse {
    const started = performance.now();
    try {
      let scopes = 0;
      if (request.type === 'reset') {
        this.validator = new Validator(unpackDivision(request.division), request.ruleSet, {
          minAreaM2: request.minAreaM2,
        });
      } else if (this.validator) {
        scopes = this.validator.update(request.change).scopesRecomputed;
      } else {
        // A change before any reset: the client lost track; say so rather than stay silent.
        return {
          type: 'failed',
          revision: request.revision,
          message: text(
            '校验程序先收到了修改而没有收到划分：请重新整体校验。',
            'The validation worker received a change before the division: check the whole division again.',
          ),
        };
      }
      const counts = this.validator.counts();
      return {
        type: 'result',
        revision: request.revision,
        issues: this.validator.issues(),
        gridCounts: counts.byGrid,
        counts,
        unassignedHouseholds: counts.unassigned.households,
        full: request.type === 'reset',
        durationMs: performance.now() - started,
        scopes,
      };
    } catch (error) {
      return {
        type: 'failed',
        revision: request.revision,
        message: workerFailed(error),
      };
    }
  }
}
