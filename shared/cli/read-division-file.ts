import { parseDivisionGeoJson } from '../formats/geojson';
import type { Division, Language, LocalText, Problem, Result } from '../model';
import { text } from '../model';

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
 * Reads and restores a division file for a command (validate, stats, export): the division, or the
 * exit-2 answer saying why the file cannot be used.
 */
export function readDivisionFile(
  host: { readText(path: string): Result<string> },
  file: string,
  lang: Language,
): { readonly division: Division } | { readonly failure: CommandResult } {
  const source = host.readText(file);
  if (!source.ok) {
    return {
      failure: unreadableResult(
        text(`无法读取文件 ${file}：`, `Cannot read ${file}:`),
        source.problems,
        lang,
      ),
    };
  }
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
