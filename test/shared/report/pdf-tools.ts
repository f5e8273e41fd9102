import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportFonts } from '../../../shared/report/pdf-document';

const root = path.resolve(import.meta.dirname, '../../..');
const fontDir = path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc');

/** The fonts the CLI and the app ship (OFL Noto Sans SC), read once. */
export const testFonts: ReportFonts = {
  regular: new Uint8Array(readFileSync(path.join(fontDir, '400Regular/NotoSansSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(path.join(fontDir, '700Bold/NotoSansSC_700Bold.ttf'))),
};

const folder = mkdtempSync(path.join(tmpdir(), 'gridplan-pdf-'));
let count = 0;

/** Writes PDF bytes to a temporary file and returns its path. */
export function writeTemporaryPdf(bytes: Uint8Array): string {
  const file = path.join(folder, `out-${count++}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

/** The text of a PDF as poppler's pdftotext extracts it (layout off), per page split by form feeds. */
export function pdfText(file: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']);
}

/** poppler's pdffonts rows: name, embedded, subset. */
export function pdfFonts(file: string): { name: string; emb: boolean; sub: boolean }[] {
  const lines = run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: the flags are the 5th to 3rd columns from the end.
    const n = columns.length;
    return { name: columns[0]!, emb: columns[n - 5] === 'yes', sub: columns[n - 4] === 'yes' };
  });
}

/** Page count and page sizes in points from pdfinfo. */
export function pdfPages(file: string): { pages: number; sizes: string[] } {
  const info = run('pdfinfo', ['-f', '1', '-l', '9999', file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/gm)].map((m) => m[1]!);
  return { pages, sizes };
}

/** Renders one page to PNG (for looking at it) and returns the PNG's path. */
export function renderPage(file: string, page: number, resolution = 50): string {
  const prefix = file.replace(/\.pdf$/, `-p${page}`);
  run('pdftoppm', [
    '-r',
    String(resolution),
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    prefix,
  ]);
  return `${prefix}.png`;
}
