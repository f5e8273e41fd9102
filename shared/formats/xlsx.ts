import { unzipSync, zipSync } from 'fflate';
import type { Result } from '../model';
import { fail, ok, text } from '../model';
import type { TableRow, TextTable } from './csv';
import { decodeText, encodeText } from './text-encoding';

/**
 * A minimal XLSX (Office Open XML spreadsheet) reader and writer: one table of text and numbers. Written
 * here because the npm `xlsx` package has unfixed vulnerabilities and exceljs is large; GridPlan needs
 * only the first sheet's cell values, and the writer only a header and rows.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name]!;
  });
}

function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters other than tab and line breaks are not allowed in XML 1.0.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** Text of every `<t>` in a fragment, skipping phonetic runs (`<rPh>`), which are not the cell's text. */
function textOf(fragment: string): string {
  const withoutPhonetic = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const match of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)) {
    out += unescapeXml(match[1] ?? '');
  }
  return out;
}

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(reference: string): number {
  let column = 0;
  for (const c of reference) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function refuse(zh: string, en: string): Result<TextTable> {
  return fail({ kind: 'bad-xlsx', message: text(zh, en) });
}

/**
 * Reads the first worksheet of an XLSX workbook as a table: the first non-empty row is the header, row
 * numbers are Excel's. Shared strings, inline strings, numbers and booleans are read; formulas give their
 * cached value. Refuses files that are not XLSX (including old .xls) with a message saying what to do.
 */
export function readXlsx(bytes: Uint8Array, fileName: string): Result<TextTable> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) =>
        entry.name === 'xl/workbook.xml' ||
        entry.name === 'xl/_rels/workbook.xml.rels' ||
        entry.name === 'xl/sharedStrings.xml' ||
        entry.name.startsWith('xl/worksheets/sheet'),
    });
  } catch {
    return refuse(
      `${fileName} 不是 XLSX 工作簿（可能是旧的 .xls 或文件已损坏）。请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `${fileName} is not an XLSX workbook (perhaps an old .xls, or damaged). Save it as .xlsx or CSV (UTF-8) in Excel/WPS and import again.`,
    );
  }
  const read = (name: string): string | undefined => {
    const file = files[name];
    return file ? decodeText(file, 'utf-8') : undefined;
  };
  const workbook = read('xl/workbook.xml');
  if (!workbook) {
    return refuse(
      `${fileName} 缺少 xl/workbook.xml，不是有效的 XLSX。`,
      `${fileName} has no xl/workbook.xml: not a valid XLSX.`,
    );
  }
  // The first sheet in workbook order, through its relationship id, to its part.
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0];
  const relationId = firstSheet ? attribute(firstSheet, 'r:id') : undefined;
  let sheetPath = 'xl/worksheets/sheet1.xml';
  const rels = read('xl/_rels/workbook.xml.rels');
  if (relationId && rels) {
    for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (attribute(match[0], 'Id') === relationId) {
        const target = attribute(match[0], 'Target') ?? '';
        sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      }
    }
  }
  const sheet = read(sheetPath);
  if (!sheet) {
    return refuse(
      `${fileName} 中找不到第一个工作表（${sheetPath}）。`,
      `${fileName} has no first worksheet (${sheetPath}).`,
    );
  }
  const shared: string[] = [];
  const sharedXml = read('xl/sharedStrings.xml');
  if (sharedXml)
    for (const match of sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g))
      shared.push(textOf(match[1] ?? ''));

  const rows: TableRow[] = [];
  let nextRow = 1;
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(attribute(rowMatch[1]!, 'r') ?? nextRow);
    nextRow = rowNumber + 1;
    const cells: string[] = [];
    let nextColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cellMatch[1]!;
      const reference = attribute(attributes, 'r');
      const column = reference ? columnOf(reference) : nextColumn;
      nextColumn = column + 1;
      const inner = cellMatch[2] ?? '';
      const type = attribute(attributes, 't');
      const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (type === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
      else value = unescapeXml(raw ?? '');
      while (cells.length < column) cells.push('');
      cells[column] = value;
    }
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowNumber, cells });
  }
  const [first, ...rest] = rows;
  return ok({ header: first ? first.cells.map((h) => h.trim()) : [], rows: rest });
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Writes a one-sheet XLSX: a bold-less header row and the rows, text as inline strings, numbers as
 * numbers (so Excel can sum households). Excel, WPS, LibreOffice and GDAL read it.
 */
export function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): Uint8Array {
  const sheetRows = [header, ...rows].map((row, r) => {
    const cells = row.map((value, c) => {
      const reference = `${columnName(c)}${r + 1}`;
      if (value === null || value === '') return '';
      if (typeof value === 'number' && Number.isFinite(value))
        return `<c r="${reference}"><v>${value}</v></c>`;
      return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, string> = {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${xml}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
  };
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = encodeText(content, 'utf-8').bytes;
  return zipSync(entries, { level: 6 });
}
