import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCliInto } from './built-binary';
import type { CliHost } from '../../../shared/cli/run-cli';
import { runCli } from '../../../shared/cli/run-cli';
import { fail, ok, text } from '../../../shared/model';
import { pdfFonts, pdfText } from '../report/pdf-tools';
import { nodeHost } from './node-host';

const root = path.resolve(import.meta.dirname, '../../..');
const demo = path.join(root, 'resources/demo/demo-township.geojson');
const folder = mkdtempSync(path.join(tmpdir(), 'gridplan-notice-'));
const fontFiles: Record<string, string> = {
  'NotoSansSC-Regular.ttf':
    'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'NotoSansSC-Bold.ttf': 'node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
const host: CliHost = {
  ...nodeHost,
  readAsset: (name) => {
    const file = fontFiles[name];
    return file
      ? ok(new Uint8Array(readFileSync(path.join(root, file))))
      : fail({ kind: 'not-found', message: text('无', 'none') });
  },
};

afterAll(() => rmSync(folder, { recursive: true, force: true }));

// A small division with two communities, streets in a separate file.
const division = {
  type: 'FeatureCollection',
  ruleSet: 'zigong',
  features: [
    {
      type: 'Feature',
      properties: {
        layer: 'township',
        code: '510302003000',
        name: '新街街道',
        supervisionPhone: '0813-2222222',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104.75, 29.36],
            [104.762, 29.36],
            [104.762, 29.366],
            [104.75, 29.366],
            [104.75, 29.36],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { layer: 'community', code: '510302003001', name: '光明社区', kind: 'urban' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104.75, 29.36],
            [104.756, 29.36],
            [104.756, 29.366],
            [104.75, 29.366],
            [104.75, 29.36],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { layer: 'community', code: '510302003002', name: '建设社区', kind: 'urban' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104.756, 29.36],
            [104.762, 29.36],
            [104.762, 29.366],
            [104.756, 29.366],
            [104.756, 29.36],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        layer: 'grid',
        code: '510302003001001',
        name: '光明社区第1网格',
        parentCode: '510302003001',
        gridType: 'urban',
        staff: [{ role: 'leader', name: '夏磊静', phone: '15324792259' }],
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104.75, 29.36],
            [104.756, 29.36],
            [104.756, 29.366],
            [104.75, 29.366],
            [104.75, 29.36],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        layer: 'grid',
        code: '510302003002001',
        name: '建设社区第1网格',
        parentCode: '510302003002',
        gridType: 'urban',
        staff: [{ role: 'leader', name: '钱建设', phone: '13700000001' }],
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104.756, 29.36],
            [104.762, 29.36],
            [104.762, 29.366],
            [104.756, 29.366],
            [104.756, 29.36],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        layer: 'census',
        households: 400,
        population: 1000,
        personal: { 姓名: '居民甲乙丙', 电话: '18600001111' },
      },
      geometry: { type: 'Point', coordinates: [104.753, 29.363] },
    },
  ],
};
const file = path.join(folder, 'division.geojson');
writeFileSync(file, JSON.stringify(division));
const streets = path.join(folder, 'streets.geojson');
writeFileSync(
  streets,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '滨江路' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [104.7499, 29.3595],
            [104.7499, 29.3665],
          ],
        },
      },
    ],
  }),
);

describe('gridplan notice', () => {
  it('writes the notice PDF for the communities named, with streets as four boundaries', async () => {
    const out = path.join(folder, 'notice.pdf');
    const result = await runCli(
      [
        'notice',
        file,
        '--out',
        out,
        '--community',
        '510302003001',
        '--reference',
        streets,
        '--date',
        '2026-12-05',
      ],
      host,
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 个网格');
    const content = pdfText(out);
    expect(content).toContain('光明社区 第1网格 公示');
    expect(content).toContain('西至');
    expect(content).toContain('滨江路');
    expect(content).toContain('0813-2222222');
    expect(content).not.toContain('建设社区 第1网格 公示');
    expect(content).not.toContain('居民甲乙丙');
    expect(content).not.toContain('18600001111');
    for (const font of pdfFonts(out)) expect(font).toMatchObject({ emb: true, sub: true });
  });

  it('refuses an unknown community with exit 1 and leaves --out as it was', async () => {
    const out = path.join(folder, 'kept.pdf');
    writeFileSync(out, 'old');
    const result = await runCli(['notice', file, '--out', out, '--community', '999999999999'], host);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('999999999999');
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('refuses a division with no grids to publish (exit 1) or nothing at all (exit 2), leaving --out', async () => {
    const out = path.join(folder, 'kept-too.pdf');
    writeFileSync(out, 'old');
    const noGrids = path.join(folder, 'no-grids.geojson');
    const features = division.features.filter((feature) => feature.properties.layer !== 'grid');
    writeFileSync(noGrids, JSON.stringify({ ...division, features }));
    const zh = await runCli(['notice', noGrids, '--out', out], host);
    expect(zh.exitCode).toBe(1);
    expect(zh.stderr).toContain('没有网格，没有可公示的内容');
    const en = await runCli(
      ['notice', noGrids, '--out', out, '--community', '510302003001', '--lang', 'en'],
      host,
    );
    expect(en.stderr).toBe('510302003001 has no grids: there is nothing to publish.\n');
    const empty = path.join(folder, 'empty.geojson');
    writeFileSync(empty, '{"type":"FeatureCollection","features":[]}');
    expect((await runCli(['notice', empty, '--out', out], host)).exitCode).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('answers exit 2 for unreadable input, a bad date, a missing --out and a host without fonts', async () => {
    const out = path.join(folder, 'never.pdf');
    expect((await runCli(['notice', path.join(folder, 'none.geojson'), '--out', out], host)).exitCode).toBe(
      2,
    );
    const noMonth = await runCli(['notice', file, '--out', out, '--date', '2026-13-01'], host);
    expect(noMonth.exitCode).toBe(2);
    expect(noMonth.stderr).toContain('没有 2026-13-01 这一天');
    const notWritten = await runCli(
      ['report', file, '--format', 'pdf', '--out', out, '--date', '2026/12/05'],
      host,
    );
    expect(notWritten.stderr).toContain('日期 2026/12/05 应为 YYYY-MM-DD');
    const noDay = await runCli(
      ['report', file, '--format', 'pdf', '--out', out, '--date', '2024-02-30', '--lang', 'en'],
      host,
    );
    expect(noDay.stderr).toContain('There is no day 2024-02-30');
    expect((await runCli(['notice', file], host)).exitCode).toBe(2);
    const bad = path.join(folder, 'bad.geojson');
    writeFileSync(bad, '{"type":"FeatureCollection"');
    expect((await runCli(['notice', file, '--out', out, '--reference', bad], host)).exitCode).toBe(2);
    const noFonts = await runCli(['notice', file, '--out', out, '--lang', 'en'], nodeHost);
    expect(noFonts.exitCode).toBe(2);
    expect(noFonts.stderr).toContain('no Chinese font');
    expect(existsSync(out)).toBe(false);
  });

  it('has help in both languages', async () => {
    expect((await runCli(['notice', '--help'], host)).stdout).toContain('四至');
    expect((await runCli(['notice', '--help', '--lang', 'en'], host)).stdout).toContain('four boundaries');
  });
});

describe('gridplan report', () => {
  it('writes the PDF report; exit 0 for a division without errors', async () => {
    const out = path.join(folder, 'report.pdf');
    const result = await runCli(
      ['report', file, '--format', 'pdf', '--out', out, '--version', '7', '--date', '2026-12-05'],
      host,
    );
    expect(result.stderr).toBe('');
    const content = pdfText(out);
    expect(content).toContain('网格划分审核报告');
    expect(content).toContain('审核人');
    expect(content).toContain('没有错误');
    expect(result.exitCode).toBe(0);
  });

  it('writes English PDFs with English punctuation (the demo’s own names have none of 、：（）)', async () => {
    for (const args of [
      ['notice', demo, '--out', path.join(folder, 'en-notice.pdf')],
      ['report', demo, '--format', 'pdf', '--out', path.join(folder, 'en-report.pdf')],
    ]) {
      await runCli([...args, '--lang', 'en', '--date', '2026-12-05'], host);
      const content = pdfText(args.at(-1)!);
      expect(content).toMatch(/Supervision phone: |新街街道 \(510302003000\)/);
      expect(content.match(/[：（）、]/g), args[0]).toBeNull();
    }
  });

  it('says when the township has no supervision phone, and names an undivided community so', async () => {
    const out = path.join(folder, 'demo-notice.pdf');
    const result = await runCli(['notice', demo, '--out', out, '--date', '2026-12-05'], host);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      '注意：乡镇没有监督电话，公示上印为“（乡镇尚未设置）”：请在乡镇属性中填写后重新生成。\n',
    );
    // 新民社区 has no grids yet: the overview's legend says so instead of "0 grids, 0 households".
    const overview = pdfText(out);
    expect(overview).toMatch(/新民社区\s+尚未划分网格/);
    expect(overview).not.toContain('共 0 个网格');
  });

  it("reports a package under the package's version unless --version says another", async () => {
    const pkg = path.join(folder, 'v3.zip');
    const made = await runCli(['package', demo, '--out', pkg, '--version', '3'], host);
    expect(made.stdout).toContain('第 3 版');
    const out = path.join(folder, 'package-report.pdf');
    await runCli(['report', pkg, '--format', 'pdf', '--out', out, '--date', '2026-12-05'], host);
    expect(pdfText(out)).toMatch(/版本\s+3\n/);
    await runCli(
      ['report', pkg, '--format', 'pdf', '--out', out, '--version', '9', '--date', '2026-12-05'],
      host,
    );
    expect(pdfText(out)).toMatch(/版本\s+9\n/);
  });

  it('exit 1 for a division with errors, and the HTML report carries the overview map', async () => {
    const result = await runCli(['report', demo, '--format', 'html'], host);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('<svg');
    expect(result.stdout).toContain('总览图');
    const validateHtml = await runCli(['validate', demo, '--format', 'html'], host);
    expect(validateHtml.stdout).toContain('<svg');
  });

  it('refuses a wrong --format and a PDF without --out', async () => {
    expect((await runCli(['report', file, '--format', 'docx', '--out', 'x'], host)).exitCode).toBe(2);
    expect((await runCli(['report', file, '--format', 'pdf'], host)).exitCode).toBe(2);
    expect((await runCli(['report', file, '--rules', 'nowhere'], host)).exitCode).toBe(2);
  });
});

describe('the bundled gridplan finds its font', () => {
  it('makes a notice with the fonts resolved from the installed package', () => {
    const binary = buildCliInto(folder);
    const out = path.join(folder, 'binary-notice.pdf');
    const run = spawnSync(process.execPath, [binary, 'notice', file, '--out', out, '--no-overview'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(pdfText(out)).toContain('建设社区 第1网格 公示');
  });
});
