import { describe, expect, it } from 'vitest';
import { englishCount } from '../../../shared/model';

describe('englishCount', () => {
  it('agrees the noun with the count', () => {
    expect(englishCount(1, 'row')).toBe('1 row');
    expect(englishCount(0, 'grid')).toBe('0 grids');
    expect(englishCount(2, 'good row')).toBe('2 good rows');
    expect(englishCount(3, 'census point')).toBe('3 census points');
    expect(englishCount(2, 'micro-grid')).toBe('2 micro-grids');
  });
});
