import type { Division, Entity, RuleSet } from '../../../shared/model';
import { divisionOf as modelDivisionOf } from '../../../shared/model';

/** A rule set without targets or leader requirement: only geometry and codes can fail validation. */
export const NO_RULE_SET_FOR_TESTS: RuleSet = {
  id: 'none',
  name: { zh: '无目标', en: 'no targets' },
  source: { zh: '测试', en: 'test' },
  urban: null,
  rural: null,
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

/** A division of the given entities, rule set `zigong` (default code template). */
export function divisionOf(entities: Iterable<Entity>): Division {
  return modelDivisionOf({ name: 'test', ruleSetId: 'zigong' }, entities);
}
