import type { Division } from '../model';
import type { ReplyTownship } from './review-reply';

/**
 * The township a division is about: its (first by code) township feature, else the project name with
 * no code, so that a reply to a division without a township layer still says whose it is.
 */
export function replyTownshipOf(division: Division): ReplyTownship {
  const townships = [...division.township.values()].sort((a, b) => a.code.localeCompare(b.code));
  const first = townships[0];
  if (first && /^\d{12}$/.test(first.code)) return { code: first.code, name: first.name };
  return { code: '', name: first?.name ?? division.meta.name };
}
