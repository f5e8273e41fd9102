// @vitest-environment happy-dom
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cityEn } from '../../../renderer/i18n/city-en';
import { cityZh } from '../../../renderer/i18n/city-zh';
import { en } from '../../../renderer/i18n/en';
import { zh } from '../../../renderer/i18n/zh';
import { CityFilingOutcome } from '../../../renderer/panels/city-filing-outcome';
import type { Shell } from '../../../renderer/shell/shell';
import type { CityFilingAnswer } from '../../../shared/ipc';
import type { LocalText } from '../../../shared/model';
import { text } from '../../../shared/model';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.init({
    lng: 'zh',
    resources: {
      zh: { translation: { ...zh, city: cityZh } },
      en: { translation: { ...en, city: cityEn } },
    },
  });
});

afterEach(async () => {
  document.body.innerHTML = '';
  await i18next.changeLanguage('zh');
});

const CODE = '510302003001001';

const REFUSED = {
  kind: 'invalid-geometry',
  township: '510302003000',
  grids: [
    {
      code: CODE,
      message: text(
        `网格 ${CODE}的图形无效（边界自相交），请先修复后再操作。`,
        `The shape of grid ${CODE} is not valid (self-intersecting boundary): repair it first.`,
      ),
    },
  ],
} as CityFilingAnswer; // the city office's answer as the main process sends it

/** The answer rendered for a shell whose division holds the refused grid. */
function render(language: 'zh' | 'en', outcome: CityFilingAnswer = REFUSED) {
  const showOnMap = vi.fn();
  const shell = {
    t: i18next.t.bind(i18next),
    say: (message: LocalText) => message[language],
    division: { grid: new Map([['g-1', { id: 'g-1', code: CODE }]]) },
    references: { layers: [] },
    showOnMap,
  } as unknown as Shell; // only what CityFilingOutcome reads
  const container = document.createElement('div');
  document.body.append(container);
  act(() => createRoot(container).render(<CityFilingOutcome shell={shell} outcome={outcome} />));
  return { container, showOnMap };
}

describe('CityFilingOutcome', () => {
  it('lists each grid that is not a valid polygon with its reason, a click from the map', () => {
    const { container, showOnMap } = render('zh');
    expect(container.textContent).toContain('拒绝备案：1 个网格图形无效');
    const rows = container.querySelectorAll('[data-testid="city-invalid-grids"] li');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('边界自相交');
    expect(container.textContent).toContain('市级库未作任何改动');
    act(() => rows[0]!.querySelector('button')!.click());
    expect(showOnMap).toHaveBeenCalledWith({ gridId: 'g-1' });
  });

  it('says it in English', async () => {
    await i18next.changeLanguage('en');
    const { container } = render('en');
    expect(container.textContent).toContain('Refused: grids that are not valid polygons cannot be compared');
    expect(container.textContent).toContain('self-intersecting boundary');
  });

  it('says why a version number not after the filed one is refused, in both languages', async () => {
    const refused: CityFilingAnswer = {
      kind: 'version-not-after',
      township: '510302003000',
      version: 2,
      current: {
        id: 7,
        township: '510302003000',
        version: 3,
        divisionSha256: 'a'.repeat(64),
        author: '',
        createdAt: '2026-12-07T08:00:00.000Z',
      },
    };
    expect(render('zh', refused).container.textContent).toBe(
      '拒绝备案：报审包为第 2 版，而乡镇 510302003000 在市级库已备案到第 3 版（备案号 7）。' +
        '市级库中乡镇的版本号只能递增：请报送版本号大于 3 的版本。 市级库未作任何改动。',
    );
    document.body.innerHTML = '';
    await i18next.changeLanguage('en');
    expect(render('en', refused).container.textContent).toContain(
      'the package is version 2, but township 510302003000 has already filed version 3 (filing 7)',
    );
  });

  it('lists what the database cannot store', () => {
    const refused: CityFilingAnswer = {
      kind: 'unstorable',
      township: '510302003000',
      problems: [text('网格 X 的户数 1.5 不是整数', 'The grid X has 1.5 households')],
    };
    const { container } = render('zh', refused);
    expect(container.querySelectorAll('[data-testid="city-unstorable"] li')).toHaveLength(1);
    expect(container.textContent).toContain('拒绝备案：报审包中有市级库无法保存的内容：');
    expect(container.textContent).toContain('网格 X 的户数 1.5 不是整数');
  });
});
