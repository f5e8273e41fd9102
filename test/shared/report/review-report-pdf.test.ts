import { describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../../../shared/model';
import { communitySummary, reviewReportPdf } from '../../../shared/report/review-report-pdf';
import { demoDivision } from '../cli/filing-package-fixtures';
import { validateDivision } from '../../../shared/validate/validate-division';
import { pdfFonts, pdfPages, pdfText, testFonts, writeTemporaryPdf } from './pdf-tools';
import { cells, census, community, division, grid, township } from './report-fixtures';

const A = '510302003001';
const leader = [{ role: 'leader' as const, name: '网格长甲', phone: '13800000000' }];
const B = '510302003002';
// Community A has two grids overlapping (an error), community B a gap (no grid) and a census point
// outside every grid. 700 households in one grid: over the Zigong band (a warning, justified).
const G1 = grid(`${A}001`, '光明社区第1网格', A, cells(0, 1, 2, 2), leader);
const G2 = {
  ...grid(`${A}002`, '光明社区第2网格', A, cells(1.5, 1, 3, 2), leader),
  justification: '一个小区不宜拆分',
};
const demo = division(
  township(cells(0, 1, 6, 2)),
  community(A, '光明社区', cells(0, 1, 3, 2)),
  community(B, '建设社区', cells(3, 1, 6, 2)),
  G1,
  G2,
  census('p1', 0.5, 1.5, { households: 300 }),
  census('p2', 2.5, 1.5, { households: 700 }),
  census('p3', 4.5, 1.5, { households: 5, address: '建设路9号' }),
);
const ruleSet = builtinRuleSet('zigong')!;
const report = validateDivision(demo, ruleSet);

describe('communitySummary', () => {
  it('counts grids, households, grids within the band and issues per community', () => {
    const rows = communitySummary(demo, report);
    const a = rows.find((row) => row.code === A)!;
    const b = rows.find((row) => row.code === B)!;
    expect(a).toMatchObject({ name: '光明社区', grids: 2, households: 1000 });
    expect(a.withinBand).toBe(report.grids.filter((g) => g.target === 'ok').length);
    expect(a.errors).toBe(report.issues.filter((i) => i.severity === 'error' && i.rule === 'overlap').length);
    // The gap and the census point in no grid lie in community B.
    expect(b.grids).toBe(0);
    expect(b.errors).toBe(
      report.issues.filter(
        (i) => i.severity === 'error' && (i.rule === 'gap' || i.rule === 'unassigned-point'),
      ).length,
    );
    const total = rows.reduce((sum, row) => sum + row.errors + row.warnings, 0);
    expect(total).toBe(report.issues.length);
  });

  it('counts "within the band" only of grids that have a household target', () => {
    // The demo township: Zigong sets no household target for villages' grids nor exclusive grids.
    const township = demoDivision();
    const checked = validateDivision(township, ruleSet);
    const rows = communitySummary(township, checked);
    const villages = new Set(
      [...township.community.values()].filter((c) => c.kind === 'rural').map((c) => c.code),
    );
    const withTarget = (code: string) =>
      checked.grids.filter((g) => g.parentCode === code && g.target !== 'none').length;
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.withTarget, row.code).toBe(withTarget(row.code));
      expect(row.withinBand).toBeLessThanOrEqual(row.withTarget);
    }
    expect(checked.grids.some((g) => g.target === 'none')).toBe(true);
    const villageRows = rows.filter((row) => villages.has(row.code) && row.grids > 0);
    expect(villageRows.length).toBeGreaterThan(0);
    for (const row of villageRows) expect(row.withTarget, row.code).toBe(0);
  });
});

describe('reviewReportPdf', () => {
  it('has a cover, the summary, an overview, every issue and a sign-off block', async () => {
    expect(report.issues.map((i) => i.rule)).toEqual(
      expect.arrayContaining(['overlap', 'gap', 'unassigned-point', 'household-over']),
    );
    const file = writeTemporaryPdf(
      await reviewReportPdf(demo, report, {
        fonts: testFonts,
        ruleSetName: ruleSet.name.zh,
        version: '3',
        date: new Date('2026-12-05T00:00:00Z'),
        decision: {
          decision: 'return',
          reviewer: '审核员甲',
          date: '2026-12-06',
          note: '请消除重叠后重新提交。',
        },
      }),
    );
    const pages = pdfText(file).split('\f');
    const { pages: count } = pdfPages(file);
    expect(pages[0]).toContain('网格划分审核报告');
    expect(pages[0]).toContain('新街街道');
    expect(pages[0]).toContain(ruleSet.name.zh);
    expect(pages[0]).toContain('2026年12月5日');
    expect(pages[0]).toContain('各社区（村）汇总');
    expect(pages[0]).toContain('建设社区');
    expect(pages[0]).toContain('存在错误');
    expect(pages[1]).toContain('总览图');
    expect(pages[1]).toContain('户数超出');
    const all = pages.join('\n');
    for (const words of ['重叠', '空白/缝隙', '户数超出', '一个小区不宜拆分', '未落格人口点', '建设路9号']) {
      expect(all, words).toContain(words);
    }
    const last = pages[count - 1]!;
    for (const words of ['审核意见', '审核人', '审核员甲', '退回', '请消除重叠后重新提交。', '签字']) {
      expect(last, words).toContain(words);
    }
    expect(last).toContain(`第 ${count} 页，共 ${count} 页`);
    for (const font of pdfFonts(file)) expect(font).toMatchObject({ emb: true, sub: true });
  });

  it('leaves the sign-off blank without a decision and says when nothing was found', async () => {
    const clean = division(
      township(cells(0, 1, 2, 2)),
      community(A, '光明社区', cells(0, 1, 2, 2)),
      grid(`${A}001`, '唯一网格', A, cells(0, 1, 2, 2), leader),
      census('p', 1, 1.5, { households: 400 }),
    );
    const cleanReport = validateDivision(clean, ruleSet);
    expect(cleanReport.issues).toEqual([]);
    const file = writeTemporaryPdf(
      await reviewReportPdf(clean, cleanReport, { fonts: testFonts, lang: 'en' }),
    );
    const content = pdfText(file);
    expect(content).toContain('Grid division review report');
    expect(content).toContain('No issues found.');
    expect(content).toContain('working copy');
    expect(content).not.toContain('approved');
  });
});
