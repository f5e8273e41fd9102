import type { Result } from '../model';
import { fail, ok, text } from '../model';

/**
 * CSV as Excel and statistics systems write it (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks). Rows keep the line number they start on, so errors can name the line a planner sees in a text
 * editor.
 */

/** A row of a table with the line (CSV) or row number (XLSX) it came from, 1-based. */
export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A table read from a file: the header row and the data rows after it. */
export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
}

/** Picks the delimiter of the header line: tab, semicolon or (default) comma. */
function delimiterOf(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  const tabs = count('\t');
  const semicolons = count(';');
  const commas = count(',');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

/**
 * Parses CSV text (a leading BOM is dropped; the delimiter is guessed from the first line). Blank lines,
 * and rows whose every cell is blank, are skipped. The first non-blank row is the header. A quote that is never closed would swallow every
 * row after it into one cell: refused, naming the line where it opened.
 *
 * Cells are cut as slices between the characters that matter (delimiter, quote, line ends), never built
 * one character at a time: a 100,000-row census table is read without a string per character.
 */
export function parseCsv(source: string, fileName = 'CSV'): Result<TextTable> {
  const rows: TableRow[] = [];
  const scanned = scanCsv(source, fileName, (cells, line) => {
    rows.push({ line, cells });
  });
  if (!scanned.ok) return scanned;
  const [first, ...rest] = rows;
  return ok({ header: first ? first.cells.map((h) => h.trim()) : [], rows: rest });
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads CSV text row by row, handing each non-blank row (header included) with the line it starts on to
 * `onRow`, without keeping the rows: what {@link parseCsv} and the columnar census reader share.
 */
export function scanCsv(
  source: string,
  fileName: string,
  onRow: (cells: string[], line: number) => void,
): Result<true> {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const newline = body.indexOf('\n');
  const delimiter = delimiterOf(newline < 0 ? body : body.slice(0, newline)).charCodeAt(0);
  const length = body.length;
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    // A row of nothing but delimiters (",,,,": Excel writes blank rows inside a table so) is blank too.
    if (cells.some((value) => value.trim() !== '')) onRow(cells, rowLine);
    cells = [];
    cell = '';
  };
  while (i < length) {
    // Unquoted: everything up to the next delimiter, quote or line end belongs to the cell.
    let j = i;
    let c = 0;
    while (j < length) {
      c = body.charCodeAt(j);
      if (c === delimiter || c === LF || c === CR || c === QUOTE) break;
      j++;
    }
    if (j > i) cell += body.slice(i, j);
    if (j >= length) break;
    if (c === QUOTE) {
      if (cell !== '') {
        cell += '"';
        i = j + 1;
        continue;
      }
      // Quoted: up to the closing quote; a doubled quote is one quote; line breaks stay in the cell.
      const quoteLine = line;
      let k = j + 1;
      for (;;) {
        const close = body.indexOf('"', k);
        const end = close < 0 ? length : close;
        for (let n = body.indexOf('\n', k); n >= 0 && n < end; n = body.indexOf('\n', n + 1)) line++;
        cell += body.slice(k, end);
        if (close < 0) {
          return fail({
            kind: 'unclosed-quote',
            message: text(
              `${fileName} 第 ${quoteLine} 行有一个引号（"）没有配对，它之后的所有行会被读成一个单元格，未导入。请在该行补上或删去引号后再导入。`,
              `${fileName} has an unmatched quote (") on line ${quoteLine}: every row after it would be read as one cell, so nothing was imported. Close or remove the quote on that line and import again.`,
            ),
          });
        }
        if (body.charCodeAt(close + 1) === QUOTE) {
          cell += '"';
          k = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      continue;
    }
    if (c === delimiter) {
      cells.push(cell);
      cell = '';
      i = j + 1;
      continue;
    }
    // A line end: CRLF, LF or a lone CR.
    i = c === CR && body.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
    endRow();
    line++;
    rowLine = line;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return ok(true);
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A text cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return:
 * CSV injection) gets a leading apostrophe, so Excel and WPS show it as text. Numbers stay numbers.
 */
export function spreadsheetSafe(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Writes CSV with CRLF line ends (what Excel expects); the caller prepends a BOM for Excel's UTF-8.
 * Text cells are written so that spreadsheets show them as text ({@link spreadsheetSafe}).
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map((v) => quote(spreadsheetSafe(v))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
