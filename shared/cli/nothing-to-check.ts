import type { Division, Language } from '../model';
import { text } from '../model';
import type { CommandResult } from './command-result';

/**
 * Exit 2 when a file read as a division holds no area at all (no township, community, grid or micro-grid):
 * a verdict on it would say "passed, 0 grids" of what is most likely the wrong file (an empty export, a
 * census table converted on its own). Undefined when there is something to check.
 */
export function nothingToCheck(division: Division, file: string, lang: Language): CommandResult | undefined {
  const areas =
    division.township.size + division.community.size + division.grid.size + division.microgrid.size;
  if (areas > 0) return undefined;
  const points = division.census.size;
  const message = text(
    `${file} 中没有乡镇/街道、社区/行政村、网格或微网格${points > 0 ? `（只有 ${points} 个人口点）` : ''}，没有可校验的网格划分：请检查是否选错了文件。`,
    `${file} holds no township, community, grid or micro-grid${points > 0 ? ` (only ${points} census points)` : ''}: there is no division to check. Check that it is the right file.`,
  );
  return { stdout: '', stderr: `${message[lang]}\n`, exitCode: 2 };
}
