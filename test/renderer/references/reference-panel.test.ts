import i18next from 'i18next';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CityComment, ReferenceLayer } from '../../../shared/model';
import { initReactI18next } from 'react-i18next';
import { referencesEn } from '../../../renderer/i18n/references-en';
import { referencesZh } from '../../../renderer/i18n/references-zh';
import { cityCommentsOf } from '../../../renderer/panels/city-comments-list';
import { ReferencePanel } from '../../../renderer/references/reference-panel';

const comment: CityComment = {
  grid: '510302001001001',
  author: '市网格办',
  body: '请核对边界',
  createdAt: '2026-12-05T08:00:00Z',
};

/** What a `city pull` of a township without neighbouring grids leaves: a layer holding only comments. */
const commentsOnly: ReferenceLayer = {
  id: 'pull',
  name: '相邻乡镇网格（来自市级库）',
  role: 'neighbour',
  visible: true,
  features: [],
  cityComments: [comment, { ...comment, grid: undefined, body: '整体同意' }],
};

function panelText(layers: readonly ReferenceLayer[]): string {
  const noop = () => undefined;
  const html = renderToString(
    createElement(ReferencePanel, {
      layers,
      onVisible: noop,
      onRename: noop,
      onDelete: noop,
      onZoom: noop,
      onImport: noop,
    }),
  );
  return html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
}

describe('ReferencePanel', () => {
  beforeAll(async () => {
    // The panel's own namespace, as i18n.ts merges it (initI18n itself reads the browser's storage).
    await i18next.use(initReactI18next).init({
      lng: 'zh',
      resources: {
        zh: { translation: { references: referencesZh } },
        en: { translation: { references: referencesEn } },
      },
    });
  });

  it('says what a layer holding only city comments holds, in Chinese and English', async () => {
    await i18next.changeLanguage('zh');
    expect(panelText([commentsOnly])).toContain('0 个要素 · 市级意见 2 条');
    await i18next.changeLanguage('en');
    expect(panelText([commentsOnly])).toContain('0 features · 2 city comments');
    expect(panelText([{ ...commentsOnly, cityComments: [comment] }])).toContain('· 1 city comment');
    expect(panelText([{ ...commentsOnly, cityComments: undefined }])).not.toContain('city comment');
  });
});

describe('cityCommentsOf', () => {
  it('lists a comment that came twice (one pull file imported twice) once, in order', () => {
    const other: CityComment = { ...comment, body: '另一条' };
    const listed = cityCommentsOf([commentsOnly, { cityComments: [comment, other] }]);
    expect(listed).toEqual([comment, { ...comment, grid: undefined, body: '整体同意' }, other]);
  });
});
