import { zipSync } from 'fflate';
import type { Result } from '../model';
import { fail, ok, text } from '../model';
import type { TableRow, TextTable } from './csv';
import { decodeText, encodeText } from './text-encoding';
import type { XmlTag } from './xml-scan';
import { attributeOf, nextTag } from './xml-scan';
import { readZip } from './zip-archive';
import type { InflateRaw } from './zip-entries';

/**
 * A minimal XLSX (Office Open XML spreadsheet) reader and writer: one table of text and numbers. Written
 * here because the npm `xlsx` package has unfixed vulnerabilities and exceljs is large; GridPlan needs
 * only the first sheet's cell values, and the writer only a header and rows.
 */

/** The last column Excel has (XFD) and its last row: references beyond them are not a real sheet's. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
/** Cells kept (including the empty ones before a cell's column): bounds memory whatever the sheet says. */
const MAX_CELLS = 10_000_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Thrown while reading a part; turned into a refusal naming the part and the place. */
class SheetProblem extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** True for a code point XML 1.0 allows in a document (the rest cannot come from a numeric reference). */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** A place in the workbook, named in both languages. */
interface Where {
  readonly zh: string;
  readonly en: string;
}

function unescapeXml(value: string, where: Where): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,10}|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name]!;
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!isXmlCharacter(code)) {
      throw new SheetProblem(
        `${where.zh}含有无效的字符引用 ${whole}（不是合法字符）`,
        `${where.en} holds an invalid character reference ${whole} (not a valid character)`,
      );
    }
    return String.fromCodePoint(code);
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

/** Text up to the closing tag `</name>` from `from`; the offset after it. Linear: one search forward. */
function textUntil(xml: string, from: number, name: string): { readonly text: string; readonly end: number } {
  const close = xml.indexOf(`</${name}>`, from);
  if (close < 0) return { text: xml.slice(from), end: xml.length };
  return { text: xml.slice(from, close), end: close + name.length + 3 };
}

/**
 * The text of a rich or plain string (`<si>` or `<is>`) from `from` up to its closing tag: every `<t>`,
 * skipping phonetic runs (`<rPh>`), which are not the cell's text.
 */
function stringItem(
  xml: string,
  from: number,
  closeName: string,
  where: Where,
): { text: string; end: number } {
  let out = '';
  let at = from;
  let phonetic = 0;
  for (;;) {
    const tag = nextTag(xml, at);
    if (!tag) return { text: out, end: xml.length };
    at = tag.end;
    if (tag.name === closeName && tag.closing) return { text: out, end: at };
    if (tag.name === 'rPh') {
      if (tag.closing) phonetic = Math.max(0, phonetic - 1);
      else if (!tag.selfClosing) phonetic++;
      continue;
    }
    if (tag.name === 't' && !tag.closing && !tag.selfClosing) {
      const content = textUntil(xml, at, 't');
      at = content.end;
      if (phonetic === 0) out += unescapeXml(content.text, where);
    }
  }
}

/** Column index (0-based) of a cell reference such as "AB12"; refuses columns beyond XFD. */
function columnOf(reference: string): number {
  let column = 0;
  for (const c of reference) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column > MAX_COLUMNS) {
      throw new SheetProblem(
        `单元格引用 ${reference.slice(0, 20)} 超出了 Excel 的最大列（XFD）`,
        `the cell reference ${reference.slice(0, 20)} is beyond Excel's last column (XFD)`,
      );
    }
  }
  return column - 1;
}

function refuse(zh: string, en: string): Result<TextTable> {
  return fail({ kind: 'bad-xlsx', message: text(zh, en) });
}

const PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']);

/** The shared strings, in order. */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const tag = nextTag(xml, at);
    if (!tag) return out;
    at = tag.end;
    if (tag.name !== 'si' || tag.closing) continue;
    if (tag.selfClosing) {
      out.push('');
      continue;
    }
    const where = { zh: `共享字符串第 ${out.length + 1} 项`, en: `shared string ${out.length + 1}` };
    const item = stringItem(xml, at, 'si', where);
    out.push(item.text);
    at = item.end;
  }
}

/** The rows of a worksheet part, scanned tag by tag. */
function sheetRows(xml: string, shared: readonly string[]): TableRow[] {
  const rows: TableRow[] = [];
  let cellsKept = 0;
  let nextRow = 1;
  let at = 0;
  let row: { line: number; cells: string[]; nextColumn: number } | null = null;
  const finishRow = (): void => {
    if (row && row.cells.some((c) => c.trim() !== '')) rows.push({ line: row.line, cells: row.cells });
    row = null;
  };
  for (;;) {
    const tag = nextTag(xml, at);
    if (!tag) break;
    at = tag.end;
    if (tag.name === 'row') {
      if (tag.closing) {
        finishRow();
        continue;
      }
      finishRow();
      const declared = attributeOf(tag.attributes, 'r');
      const line = declared !== undefined && /^\d{1,7}$/.test(declared) ? Number(declared) : nextRow;
      if (line < 1 || line > MAX_ROWS) {
        throw new SheetProblem(
          `行号 ${line} 超出了 Excel 的最大行`,
          `row number ${line} is beyond Excel's last row`,
        );
      }
      nextRow = line + 1;
      row = { line, cells: [], nextColumn: 0 };
      if (tag.selfClosing) finishRow();
      continue;
    }
    if (tag.name !== 'c' || tag.closing) continue;
    const current: { line: number; cells: string[]; nextColumn: number } =
      row ?? (row = { line: nextRow++, cells: [], nextColumn: 0 });
    const reference = attributeOf(tag.attributes, 'r');
    const column = reference ? columnOf(reference) : current.nextColumn;
    if (column >= MAX_COLUMNS) {
      throw new SheetProblem(
        `第 ${current.line} 行的单元格超出了 Excel 的最大列`,
        `a cell of row ${current.line} is beyond Excel's last column`,
      );
    }
    current.nextColumn = column + 1;
    const where = reference
      ? { zh: `单元格 ${reference}`, en: `cell ${reference}` }
      : { zh: `第 ${current.line} 行第 ${column + 1} 列`, en: `row ${current.line}, column ${column + 1}` };
    const type = attributeOf(tag.attributes, 't');
    let raw: string | undefined;
    let inline = '';
    if (!tag.selfClosing) {
      // The cell's content up to </c>: <v>…</v>, or <is>…</is> for inline strings, or <f> (formula, skipped).
      for (;;) {
        const inner = nextTag(xml, at);
        if (!inner) break;
        at = inner.end;
        if (inner.name === 'c' && inner.closing) break;
        if (inner.name === 'v' && !inner.closing && !inner.selfClosing) {
          const content = textUntil(xml, at, 'v');
          raw = content.text;
          at = content.end;
        } else if (inner.name === 'is' && !inner.closing && !inner.selfClosing) {
          const item = stringItem(xml, at, 'is', where);
          inline = item.text;
          at = item.end;
        } else if ((inner.name === 'f' || inner.name === 'extLst') && !inner.closing && !inner.selfClosing) {
          at = textUntil(xml, at, inner.name).end;
        }
      }
    }
    let value = '';
    if (type === 's') {
      const index = raw === undefined ? NaN : Number(raw.trim());
      if (!Number.isInteger(index) || index < 0 || index >= shared.length) {
        throw new SheetProblem(
          `${where.zh}引用的共享字符串 ${raw ?? '（空）'} 不存在（共 ${shared.length} 项）`,
          `${where.en} refers to shared string ${raw ?? '(none)'}, which does not exist (there are ${shared.length})`,
        );
      }
      value = shared[index]!;
    } else if (type === 'inlineStr') value = inline;
    else if (type === 'b') value = raw?.trim() === '1' ? 'TRUE' : 'FALSE';
    else value = unescapeXml(raw ?? '', where);
    cellsKept += Math.max(0, column + 1 - current.cells.length);
    if (cellsKept > MAX_CELLS) {
      throw new SheetProblem(
        `表格过大（超过 ${MAX_CELLS / 1_000_000} 百万个单元格）`,
        `the sheet is too large (more than ${MAX_CELLS / 1_000_000} million cells)`,
      );
    }
    while (current.cells.length < column) current.cells.push('');
    current.cells[column] = value;
  }
  finishRow();
  return rows;
}

/**
 * Reads the first worksheet of an XLSX workbook as a table: the first non-empty row is the header, row
 * numbers are Excel's. Shared strings, inline strings, numbers and booleans are read; formulas give their
 * cached value. Work and memory are bounded whatever the file claims (zip limits on bytes actually
 * inflated, Excel's own row and column limits, a cell budget, a linear scan). Refuses files that are not
 * XLSX (including old .xls), and sheets with impossible content, naming the cell and saying what to do.
 */
export function readXlsx(bytes: Uint8Array, fileName: string, inflateRaw?: InflateRaw): Result<TextTable> {
  const notXlsx = () =>
    refuse(
      `${fileName} 不是 XLSX 工作簿（可能是旧的 .xls 或文件已损坏）。请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `${fileName} is not an XLSX workbook (perhaps an old .xls, or damaged). Save it as .xlsx or CSV (UTF-8) in Excel/WPS and import again.`,
    );
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return notXlsx();
  const unpacked = readZip(
    bytes,
    fileName,
    (name) => PARTS.has(name) || name.startsWith('xl/worksheets/sheet'),
    inflateRaw,
  );
  if (!unpacked.ok) return unpacked;
  const files = new Map(unpacked.value.map((file) => [file.name, file.bytes]));
  const read = (name: string): string | undefined => {
    const file = files.get(name);
    return file ? decodeText(file, 'utf-8') : undefined;
  };
  const workbook = read('xl/workbook.xml');
  if (!workbook) {
    return refuse(
      `${fileName} 缺少 xl/workbook.xml，不是有效的 XLSX。`,
      `${fileName} has no xl/workbook.xml: not a valid XLSX.`,
    );
  }
  try {
    // The first sheet in workbook order, through its relationship id, to its part.
    let sheetTag: XmlTag | undefined;
    for (let tag = nextTag(workbook, 0); tag; tag = nextTag(workbook, tag.end)) {
      if (tag.name === 'sheet' && !tag.closing) {
        sheetTag = tag;
        break;
      }
    }
    const relationId = sheetTag ? attributeOf(sheetTag.attributes, 'r:id') : undefined;
    let sheetPath = 'xl/worksheets/sheet1.xml';
    const rels = read('xl/_rels/workbook.xml.rels');
    if (relationId && rels) {
      for (let tag = nextTag(rels, 0); tag; tag = nextTag(rels, tag.end)) {
        if (tag.name !== 'Relationship' || tag.closing) continue;
        if (attributeOf(tag.attributes, 'Id') === relationId) {
          const target = attributeOf(tag.attributes, 'Target') ?? '';
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
    const sharedXml = read('xl/sharedStrings.xml');
    const shared = sharedXml ? sharedStrings(sharedXml) : [];
    const rows = sheetRows(sheet, shared);
    const [first, ...rest] = rows;
    return ok({ header: first ? first.cells.map((h) => h.trim()) : [], rows: rest });
  } catch (error) {
    if (!(error instanceof SheetProblem)) throw error;
    return refuse(
      `${fileName} 无法读取：${error.zh}。请在 Excel/WPS 中检查并另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `${fileName} cannot be read: ${error.en}. Check it in Excel/WPS and save it as .xlsx or CSV (UTF-8), then import again.`,
    );
  }
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
