import type { FilingPackage } from '../formats/filing-package';
import { looksLikeZip, readFilingPackage } from '../formats/filing-package';
import { parseDivisionGeoJson } from '../formats/geojson';
import { parseDivisionBytes, readDivisionStream } from '../formats/parse-division-bytes';
import type { DecodedTextFile, TextFileEncodingChoice } from '../formats/text-encoding';
import { decodeTextFile, sniffTextEncoding } from '../formats/text-encoding';
import type { Division, Language, LocalText, Problem, Result } from '../model';
import { text } from '../model';

import type { CliHost } from './cli-host';
import type { CommandResult } from './command-result';

export type { CommandResult } from './command-result';

/** Exit status 2 with a lead line and the reasons on stderr, in the chosen language. */
export function unreadableResult(
  lead: LocalText,
  problems: readonly Problem[],
  lang: Language,
): CommandResult {
  return {
    stdout: '',
    stderr: `${lead[lang]}\n${problems.map((problem) => problem.message[lang]).join('\n')}\n`,
    exitCode: 2,
  };
}

/**
 * Reads and restores a division file for a command (validate, stats, export, diff, divide, notice,
 * report): the division, or the exit-2 answer saying why the file cannot be used. A filing package
 * (a zip, recognised by its first bytes when the host can read bytes) is read too: its files are checked
 * against its manifest (a missing, extra or altered file is refused, exit 2, naming the file) and its
 * `division.geojson` is the division; `filingPackage` is then the whole package.
 */
export function readDivisionFile(
  host: Pick<CliHost, 'readText' | 'readBytes' | 'readPieces'>,
  file: string,
  lang: Language,
  options: { readonly encoding?: TextFileEncodingChoice } = {},
):
  | {
      readonly division: Division;
      readonly filingPackage?: FilingPackage;
      /** How the text was read when it was not plain UTF-8 (GBK, UTF-16, or as `--encoding` said). */
      readonly readAs?: Pick<DecodedTextFile, 'encoding' | 'source'>;
    }
  | { readonly failure: CommandResult } {
  const cannotRead = (problems: readonly Problem[]) => ({
    failure: unreadableResult(text(`无法读取文件 ${file}：`, `Cannot read ${file}:`), problems, lang),
  });
  if (host.readPieces && (options.encoding === undefined || options.encoding === 'utf-8')) {
    // The usual case, a plain division file, read in pieces without holding the file whole; anything
    // else (a package, a file with problems, an unreadable file) is read again below, whole, so that
    // the answer and its messages are the same as ever.
    const streamed = host.readPieces(file, readDivisionStream);
    if (streamed.ok && streamed.value) return { division: streamed.value };
  }
  let parsed: Result<Division>;
  if (host.readBytes) {
    const bytes = host.readBytes(file);
    if (!bytes.ok) return cannotRead(bytes.problems);
    if (looksLikeZip(bytes.value)) {
      const read = readFilingPackage(bytes.value, file);
      if (!read.ok) {
        const lead = text(
          `无法使用报审包 ${file}（文件与清单不符或已损坏）：`,
          `Cannot use the filing package ${file} (its files do not match its manifest, or it is damaged):`,
        );
        return { failure: unreadableResult(lead, read.problems, lang) };
      }
      return { division: read.value.division, filingPackage: read.value };
    }
    if (options.encoding !== undefined) {
      // As the planner said (`--encoding`), refused when the text is not valid in it.
      const decoded = decodeTextFile(bytes.value, file, options.encoding);
      if (!decoded.ok) return cannotRead([{ kind: 'bad-encoding', message: decoded.message }]);
      parsed = parseDivisionGeoJson(decoded.value.text);
      if (parsed.ok) {
        const { encoding, source } = decoded.value;
        return { division: parsed.value, readAs: { encoding, source } };
      }
    } else {
      // Read from the bytes already read, without a string of the whole file; a UTF-8 BOM, which some
      // Windows tools write, is skipped.
      parsed = parseDivisionBytes(bytes.value);
      if (parsed.ok) {
        const readAs = sniffTextEncoding(bytes.value);
        return readAs.encoding === 'utf-8' ? { division: parsed.value } : { division: parsed.value, readAs };
      }
    }
  } else {
    const source = host.readText(file);
    if (!source.ok) return cannotRead(source.problems);
    parsed = parseDivisionGeoJson(source.value);
  }
  if (!parsed.ok) {
    const lead = text(
      `无法读取 ${file}（不是可用的 GridPlan GeoJSON）：`,
      `Cannot read ${file} (not usable GridPlan GeoJSON):`,
    );
    return { failure: unreadableResult(lead, parsed.problems, lang) };
  }
  return { division: parsed.value };
}
