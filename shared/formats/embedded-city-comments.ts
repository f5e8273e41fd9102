import type { CityComment, Division } from '../model';

/** The foreign member of a pulled file that holds the city office's remarks (docs/city-office.md). */
export const CITY_COMMENTS_MEMBER = 'cityComments';

/** At most this many remarks are read from one file (the office writes a handful per filing). */
export const MAX_CITY_COMMENTS = 1000;
/** Longest remark kept (characters; the city database holds remarks to the same bound). */
export const MAX_CITY_COMMENT_CHARS = 2000;
/** Longest author, grid code or time kept (characters). */
export const MAX_CITY_COMMENT_FIELD_CHARS = 200;

function clipped(value: string, limit: number): string {
  const characters = [...value];
  return characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : value;
}

function field(value: unknown): string | undefined {
  return typeof value === 'string' ? clipped(value.trim(), MAX_CITY_COMMENT_FIELD_CHARS) : undefined;
}

/**
 * The city office's remarks in a pulled division file (its member `cityComments`), oldest first as
 * written; none for any other file. The member is untrusted input: an entry without a non-empty text is
 * skipped, the other fields are kept only when they are strings, every string is clipped to a bound and
 * at most {@link MAX_CITY_COMMENTS} are read.
 */
export function embeddedCityComments(division: Division): CityComment[] {
  const member = division.meta.extra[CITY_COMMENTS_MEMBER];
  if (!Array.isArray(member)) return [];
  const comments: CityComment[] = [];
  for (const item of member.slice(0, MAX_CITY_COMMENTS)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const entry = item as Record<string, unknown>;
    if (typeof entry.body !== 'string' || entry.body.trim() === '') continue;
    const grid = field(entry.grid);
    comments.push({
      ...(grid ? { grid } : {}),
      author: field(entry.author) ?? '',
      body: clipped(entry.body.trim(), MAX_CITY_COMMENT_CHARS),
      createdAt: field(entry.createdAt) ?? '',
    });
  }
  return comments;
}
