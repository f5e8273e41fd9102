import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { divideEn } from '../../../renderer/i18n/divide-en';
import { divideZh } from '../../../renderer/i18n/divide-zh';

beforeAll(async () => {
  await i18next.init({
    lng: 'zh',
    resources: { zh: { translation: { divide: divideZh } }, en: { translation: { divide: divideEn } } },
  });
});

describe('division words', () => {
  const summary = { community: '光明社区', inBand: 1, mean: '0.70', min: '0.70', seconds: '0.1' };

  it('says 1 grid and 2 grids in English, 个网格 in Chinese', () => {
    const en = i18next.getFixedT('en');
    const zh = i18next.getFixedT('zh');
    expect(en('divide.summary', { ...summary, count: 1 })).toMatch(/^光明社区: 1 grid, 1 within target/);
    expect(en('divide.summary', { ...summary, count: 2 })).toMatch(/^光明社区: 2 grids, 1 within target/);
    expect(en('divide.accepted', { count: 1 })).toBe('Proposal accepted: 1 new grid (undoable).');
    expect(en('divide.rebalanced', { count: 3 })).toBe('3 grids rebalanced (undoable).');
    expect(zh('divide.summary', { ...summary, count: 1 })).toMatch(/^光明社区：1 个网格，1 个达标/);
    expect(zh('divide.accepted', { count: 1 })).toBe('已接受方案：新建 1 个网格（可撤销）。');
  });
});
