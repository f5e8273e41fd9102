import { text } from '../../shared/model';
import type { LocalText } from '../../shared/model';

/** A problem of a tile template, with the characters it is about (null: the template as a whole). */
export interface TemplateProblem {
  readonly kind: string;
  readonly message: LocalText;
  readonly at: { readonly start: number; readonly end: number } | null;
}

/** A problem located at characters start..end of the template, saying where in the message too. */
export function located(start: number, end: number, zh: string, en: string) {
  return {
    at: { start, end },
    message: text(`${zh}（第 ${start + 1} 个字符处）`, `${en} (at character ${start + 1})`),
  };
}

/** One `{…}` of a template: what is inside, and where the braces are (end is past the `}`). */
export interface TemplateToken {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The tile placeholders GridPlan knows, by the family of template they belong to. */
export interface TilePlaceholder {
  /** As written: XYZ names are matched exactly, WMTS names in any case. */
  readonly name: string;
  readonly family: 'xyz' | 'wmts';
  /** The MapLibre placeholder it becomes, when not the same. */
  readonly maplibre?: string;
}

/**
 * The token table: XYZ {z} {x} {y}, {-y} (rows from the bottom, TMS) and {quadkey}; WMTS {TileMatrix},
 * {TileRow}, {TileCol}, which become z, y and x (rows count from the top in GoogleMapsCompatible).
 */
export const TILE_PLACEHOLDERS: readonly TilePlaceholder[] = [
  { name: 'z', family: 'xyz' },
  { name: 'x', family: 'xyz' },
  { name: 'y', family: 'xyz' },
  { name: '-y', family: 'xyz', maplibre: '{y}' },
  { name: 'quadkey', family: 'xyz' },
  { name: 'tilematrix', family: 'wmts', maplibre: '{z}' },
  { name: 'tilerow', family: 'wmts', maplibre: '{y}' },
  { name: 'tilecol', family: 'wmts', maplibre: '{x}' },
];

/** What a token stands for. */
export type Placeholder =
  | { readonly kind: 'tile'; readonly tile: TilePlaceholder }
  | { readonly kind: 'key' }
  /** {s} (a, b, c) or {switch:a,b,c}: the server name varies; `valid` is false for a malformed list. */
  | { readonly kind: 'switch'; readonly subdomains: readonly string[]; readonly valid: boolean }
  | { readonly kind: 'unknown' };

/** Looks a token's name up in the table. */
export function placeholderOf(name: string): Placeholder {
  const lower = name.toLowerCase();
  if (lower === 's' || lower.startsWith('switch:')) {
    const subdomains =
      lower === 's'
        ? ['a', 'b', 'c']
        : name
            .slice('switch:'.length)
            .split(',')
            .map((s) => s.trim());
    return { kind: 'switch', subdomains, valid: subdomains.every((s) => /^[a-z0-9-]+$/i.test(s)) };
  }
  if (lower === 'key') return { kind: 'key' };
  const tile = TILE_PLACEHOLDERS.find((p) => (p.family === 'xyz' ? p.name === name : p.name === lower));
  return tile ? { kind: 'tile', tile } : { kind: 'unknown' };
}

/** The `{…}` tokens of a template, and a problem for each brace left open or closed without opening. */
export function templateTokens(template: string): {
  readonly tokens: readonly TemplateToken[];
  readonly problems: readonly TemplateProblem[];
} {
  const tokens: TemplateToken[] = [];
  const problems: TemplateProblem[] = [];
  let depth = -1;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === '{') {
      if (depth >= 0) {
        problems.push({ kind: 'brace', ...located(depth, i + 1, '大括号没有闭合', 'A brace is not closed') });
      }
      depth = i;
    } else if (char === '}') {
      if (depth < 0) {
        problems.push({
          kind: 'brace',
          ...located(i, i + 1, '多余的右大括号 }', 'A closing brace } without an opening one'),
        });
      } else {
        tokens.push({ name: template.slice(depth + 1, i), start: depth, end: i + 1 });
        depth = -1;
      }
    }
  }
  if (depth >= 0) {
    problems.push({
      kind: 'brace',
      ...located(depth, template.length, '大括号没有闭合', 'A brace is not closed'),
    });
  }
  return { tokens, problems };
}
