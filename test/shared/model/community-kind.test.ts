import { describe, expect, it } from 'vitest';
import { communityKindOf } from '../../../shared/model';

describe('communityKindOf', () => {
  it('takes the community’s own kind first', () => {
    expect(communityKindOf({ kind: 'urban', code: '510302003210' })).toBe('urban');
    expect(communityKindOf({ kind: 'rural', code: '510302003001' })).toBe('rural');
  });

  it('reads a missing kind from the code: 200–399 a village (村), else urban', () => {
    expect(communityKindOf({ kind: null, code: '510302003210' })).toBe('rural');
    expect(communityKindOf({ kind: null, code: '510302003399' })).toBe('rural');
    expect(communityKindOf({ kind: null, code: '510302003199' })).toBe('urban');
    expect(communityKindOf({ kind: null, code: '510302003400' })).toBe('urban');
    expect(communityKindOf({ kind: null, code: '5103' })).toBe('urban');
  });
});
