import type { Problem } from '../model';
import { text } from '../model';

const PART_TYPES = new Set([3, 5, 13, 15, 23, 25, 31]);
const MULTIPOINT_TYPES = new Set([8, 18, 28]);

function damaged(layer: string, record: number, zh: string, en: string): Problem {
  return {
    kind: 'bad-shp',
    message: text(
      `${layer}.shp 第 ${record} 条记录已损坏：${zh}。请用原软件重新导出。`,
      `Record ${record} of ${layer}.shp is damaged: ${en}. Export it again from the original software.`,
    ),
  };
}

/**
 * Checks every record of a .shp before its geometry is read: record lengths inside the file, part and
 * point counts that fit the record, and part indexes that start at 0, increase and stay below the point
 * count. A reader given a negative or out-of-range part index silently makes an empty or wrong shape;
 * this names the record instead. Linear in the file's size whatever the counts claim.
 */
export function checkShpRecords(shp: Uint8Array, layer: string): Problem | undefined {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let at = 100;
  let record = 0;
  while (at + 8 <= shp.length) {
    record++;
    const contentBytes = view.getInt32(at + 4, false) * 2;
    const start = at + 8;
    if (contentBytes < 4 || start + contentBytes > shp.length) {
      return damaged(layer, record, '记录长度超出了文件', 'its length runs past the end of the file');
    }
    const type = view.getInt32(start, true);
    if (PART_TYPES.has(type)) {
      if (contentBytes < 44) return damaged(layer, record, '记录太短', 'it is too short');
      const parts = view.getInt32(start + 36, true);
      const points = view.getInt32(start + 40, true);
      if (parts < 1 || points < 0 || 44 + parts * 4 + points * 16 > contentBytes) {
        return damaged(
          layer,
          record,
          `部分数 ${parts}、点数 ${points} 与记录长度不符`,
          `its ${parts} parts and ${points} points do not fit the record`,
        );
      }
      let previous = -1;
      for (let p = 0; p < parts; p++) {
        const index = view.getInt32(start + 44 + p * 4, true);
        if ((p === 0 && index !== 0) || index <= previous || index >= points) {
          return damaged(
            layer,
            record,
            `第 ${p + 1} 部分的起点索引 ${index} 无效（共 ${points} 个点）`,
            `part ${p + 1} starts at index ${index}, which is invalid (there are ${points} points)`,
          );
        }
        previous = index;
      }
    } else if (MULTIPOINT_TYPES.has(type)) {
      const points = contentBytes >= 40 ? view.getInt32(start + 36, true) : -1;
      if (points < 0 || 40 + points * 16 > contentBytes) {
        return damaged(layer, record, '点数与记录长度不符', 'its point count does not fit the record');
      }
    } else if (type !== 0 && contentBytes < 20) {
      return damaged(layer, record, '记录太短', 'it is too short');
    }
    at = start + contentBytes;
  }
  return undefined;
}
