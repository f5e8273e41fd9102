import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { noticeFacts, noticePdf, shortGridName } from '../../../shared/report/notice-pdf';
import { pdfFonts, pdfPages, pdfText, renderPage, testFonts, writeTemporaryPdf } from './pdf-tools';
import { cells, census, community, division, grid, roads, township } from './report-fixtures';

const A = '510302003001';
const B = '510302003002';
const G1 = grid(`${A}001`, '光明社区第1网格', A, cells(0, 1, 2, 2), [
  { role: 'micro-leader', name: '周微', phone: '13900000005' },
  { role: 'leader', name: '夏磊静', phone: '15324792259' },
  { role: 'full-time', name: '李春平', phone: '13080544024' },
  { role: 'part-time', name: '王兼职' },
  { role: 'instructor', name: '张指导', phone: '028-1234567' },
]);
const G2 = grid(`${A}002`, '光明社区第2网格', A, cells(0, 2, 3, 3), [
  { role: 'leader', name: '赵二', phone: '13800000002' },
]);
const G3 = grid(`${A}003`, '光明社区第3网格', A, cells(2, 1, 3, 2));
const H1 = grid(`${B}001`, '建设社区第1网格', B, cells(3, 1, 6, 3), [
  { role: 'leader', name: '钱建设', phone: '13700000001' },
]);
// Residents' personal data that must never reach a notice.
const secretName = '居民秘密姓名';
const secretPhone = '18612345678';
const secretId = '510302199001011234';
const people = [
  census('p1', 0.5, 1.5, {
    households: 3,
    population: 7,
    personal: { 姓名: secretName, 电话: secretPhone, 身份证号: secretId },
  }),
  census('p2', 1.5, 1.2, { households: 2, population: 5, address: '光明路1号' }),
  census('p3', 4, 2, { households: 4, population: 9, personal: { 户主: secretName } }),
];
const demo = division(
  township(cells(0, 1, 6, 3), { supervisionPhone: '0813-12345678' }),
  community(A, '光明社区', cells(0, 1, 3, 3)),
  community(B, '建设社区', cells(3, 1, 6, 3)),
  G1,
  G2,
  G3,
  H1,
  {
    layer: 'microgrid',
    id: 'm1',
    code: `${A}001001`,
    name: '光明一号楼微网格',
    parentCode: G1.code,
    staff: [{ role: 'micro-leader', name: '孙微长', phone: '13600000006' }],
    geometry: cells(0, 1, 1, 2),
    extra: {},
  },
  ...people,
);
const street = roads({
  name: '人民南路',
  points: [
    [1.98, 0.5],
    [1.98, 2.5],
  ],
});
const date = new Date('2026-12-05T00:00:00Z');

describe('noticeFacts', () => {
  it('counts households from census points and lists staff in the order of the regulations', () => {
    const facts = noticeFacts(demo, { referenceLayers: [street] });
    const first = facts.find((f) => f.grid.code === G1.code)!;
    expect(first.title).toBe('光明社区 第1网格 公示');
    expect(first.households).toBe(5);
    expect(first.population).toBe(12);
    expect(first.areaM2).toBeGreaterThan(0);
    expect(first.staff.map((s) => s.role)).toEqual([
      'leader',
      'full-time',
      'part-time',
      'instructor',
      'micro-leader',
    ]);
    expect(first.bounds.map((b) => `${b.side}${b.text}`)).toEqual([
      '北至光明社区第2网格',
      '东至人民南路',
      '南至新街街道界',
      '西至新街街道界',
    ]);
    expect(first.microgrids.map((m) => m.micro.name)).toEqual(['光明一号楼微网格']);
    // Only the communities asked for, in code order.
    expect(noticeFacts(demo, { communities: [B] }).map((f) => f.grid.code)).toEqual([H1.code]);
  });

  it('drops the community name in front of a grid name only when something is left', () => {
    const c = community(A, '光明社区', cells(0, 0, 1, 1));
    expect(shortGridName(G1, c)).toBe('第1网格');
    expect(shortGridName({ ...G1, name: '光明社区' }, c)).toBe('光明社区');
    expect(shortGridName({ ...G1, name: '' }, c)).toBe(G1.code);
  });
});

describe('noticePdf', () => {
  it('prints every grid with its four boundaries, staff and supervision phone in an embedded subset font', async () => {
    const file = writeTemporaryPdf(
      await noticePdf(demo, { fonts: testFonts, referenceLayers: [street], date }),
    );
    const { pages, sizes } = pdfPages(file);
    // The A3 landscape overview, then one A4 portrait page per grid.
    expect(pages).toBe(5);
    expect(sizes[0]).toBe('1190.55 x 841.89');
    expect(sizes.slice(1).every((size) => size === '595.28 x 841.89')).toBe(true);
    const content = pdfText(file);
    const pageTexts = content.split('\f');
    expect(pageTexts[0]).toContain('新街街道 网格划分总览图');
    expect(pageTexts[0]).toContain('图例');
    expect(pageTexts[0]).toContain('北');
    const first = pageTexts[1]!;
    for (const expected of [
      '光明社区 第1网格 公示',
      G1.code,
      '北至',
      '光明社区第2网格',
      '东至',
      '人民南路',
      '南至',
      '新街街道界',
      '网格长',
      '夏磊静',
      '15324792259',
      '专职网格员',
      '李春平',
      '兼职网格员',
      '网格指导员',
      '028-1234567',
      '微网格长',
      '光明一号楼微网格',
      '孙微长',
      '13600000006',
      '监督电话',
      '0813-12345678',
      '2026年12月5日',
      '平方米',
      '公顷',
    ]) {
      expect(first, expected).toContain(expected);
    }
    // pdftotext may drop the thin space between a number and its unit.
    expect(first).toMatch(/\b5\s?户/);
    expect(first).toMatch(/\b12\s?人/);
    expect(pageTexts[4]).toContain('建设社区 第1网格 公示');
    expect(pageTexts[4]).toContain('钱建设');
    // A grid without staff says so instead of an empty table.
    expect(pageTexts[3]).toContain('尚未配备');

    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
      expect(font).toMatchObject({ emb: true, sub: true });
    }
    // Subset: far smaller than the 10 MB font.
    expect(readFileSync(file).length).toBeLessThan(600_000);
  });

  it("never prints residents' personal data", async () => {
    const file = writeTemporaryPdf(await noticePdf(demo, { fonts: testFonts, date }));
    const content = pdfText(file);
    expect(content).toContain('夏磊静');
    for (const secret of [secretName, secretPhone, secretId, '光明路1号'])
      expect(content).not.toContain(secret);
  });

  it('batches one community, without the overview when asked, and in English', async () => {
    const file = writeTemporaryPdf(
      await noticePdf(demo, { fonts: testFonts, communities: [B], overview: false, date, lang: 'en' }),
    );
    expect(pdfPages(file).pages).toBe(1);
    const content = pdfText(file);
    expect(content).toContain('Public notice: 建设社区第1网格, 建设社区');
    expect(content).toContain('Supervision phone');
    expect(content).not.toContain('光明社区第1网格 ');
  });

  it('draws ink on the map: the grid page is not blank where the map is', async () => {
    const file = writeTemporaryPdf(
      await noticePdf(demo, { fonts: testFonts, referenceLayers: [street], date }),
    );
    const png = PNG.sync.read(readFileSync(renderPage(file, 2, 40)));
    // Count non-white pixels in the map band (between the title and the tables).
    let ink = 0;
    const top = Math.round(png.height * 0.12);
    const bottom = Math.round(png.height * 0.45);
    for (let y = top; y < bottom; y++)
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        if (png.data[i]! < 240 || png.data[i + 1]! < 240 || png.data[i + 2]! < 240) ink++;
      }
    expect(ink / (png.width * (bottom - top))).toBeGreaterThan(0.2);
  });
});
