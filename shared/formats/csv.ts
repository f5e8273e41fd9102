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
 * are skipped. The first non-blank row is the header.
 */
export function parseCsv(source: string): TextTable {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const newline = body.indexOf('\n');
  const delimiter = delimiterOf(newline < 0 ? body : body.slice(0, newline));
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
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
  if (cell !== '' || cells.length > 0) endRow();
  const [first, ...rest] = rows;
  return { header: first ? first.cells.map((h) => h.trim()) : [], rows: rest };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes CSV with CRLF line ends (what Excel expects); the caller prepends a BOM for Excel's UTF-8. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map((v) => quote(String(v))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
