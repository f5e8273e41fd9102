import type { FilingPackage } from '../formats/filing-package';
import { looksLikeZip, readFilingPackage } from '../formats/filing-package';
import { parseDivisionGeoJson } from '../formats/geojson';
import { decodeText } from '../formats/text-encoding';
import type { Division, Language, LocalText, Problem, Result } from '../model';
import { ok, text } from '../model';

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
  host: { readText(path: string): Result<string>; readBytes?: (path: string) => Result<Uint8Array> },
  file: string,
  lang: Language,
):
  | { readonly division: Division; readonly filingPackage?: FilingPackage }
  | { readonly failure: CommandResult } {
  const cannotRead = (problems: readonly Problem[]) => ({
    failure: unreadableResult(text(`无法读取文件 ${file}：`, `Cannot read ${file}:`), problems, lang),
  });
  let source: Result<string>;
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
    // The text of the bytes already read (reading again would hold a large file twice); a UTF-8 BOM,
    // which some Windows tools write, is dropped by the decoder.
    source = ok(decodeText(bytes.value, 'utf-8'));
  } else {
    source = host.readText(file);
  }
  if (!source.ok) return cannotRead(source.problems);
  const parsed = parseDivisionGeoJson(source.value);
  if (!parsed.ok) {
    const lead = text(
      `无法读取 ${file}（不是可用的 GridPlan GeoJSON）：`,
      `Cannot read ${file} (not usable GridPlan GeoJSON):`,
    );
    return { failure: unreadableResult(lead, parsed.problems, lang) };
  }
  return { division: parsed.value };
}
