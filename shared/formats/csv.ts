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
 * Parses CSV text (a leading BOM is dropped; the delimiter is guessed from the first line). Blank lines
 * are skipped. The first non-blank row is the header. A quote that is never closed would swallow every
 * row after it into one cell: refused, naming the line where it opened.
 */
export function parseCsv(source: string, fileName = 'CSV'): Result<TextTable> {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const newline = body.indexOf('\n');
  const delimiter = delimiterOf(newline < 0 ? body : body.slice(0, newline));
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += c;
    }
    i++;
  }
  if (quoted) {
    return fail({
      kind: 'unclosed-quote',
      message: text(
        `${fileName} 第 ${quoteLine} 行有一个引号（"）没有配对，它之后的所有行会被读成一个单元格，未导入。请在该行补上或删去引号后再导入。`,
        `${fileName} has an unmatched quote (") on line ${quoteLine}: every row after it would be read as one cell, so nothing was imported. Close or remove the quote on that line and import again.`,
      ),
    });
  }
  if (cell !== '' || cells.length > 0) endRow();
  const [first, ...rest] = rows;
  return ok({ header: first ? first.cells.map((h) => h.trim()) : [], rows: rest });
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
