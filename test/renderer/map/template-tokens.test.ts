import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeholderOf, templateTokens, TILE_PLACEHOLDERS } from '../../../renderer/map/template-tokens';

describe('the tile template token table', () => {
  it('knows XYZ names exactly and WMTS names in any case', () => {
    expect(placeholderOf('z')).toMatchObject({ kind: 'tile', tile: { family: 'xyz' } });
    expect(placeholderOf('Z').kind).toBe('unknown');
    expect(placeholderOf('TileMatrix')).toMatchObject({ kind: 'tile', tile: { maplibre: '{z}' } });
    expect(placeholderOf('TILEROW')).toMatchObject({ kind: 'tile', tile: { maplibre: '{y}' } });
    expect(placeholderOf('tilecol')).toMatchObject({ kind: 'tile', tile: { maplibre: '{x}' } });
    expect(placeholderOf('KEY').kind).toBe('key');
    expect(placeholderOf('Style').kind).toBe('unknown');
    for (const tile of TILE_PLACEHOLDERS) expect(placeholderOf(tile.name)).toEqual({ kind: 'tile', tile });
  });

  it('reads subdomain switches and refuses a malformed list', () => {
    expect(placeholderOf('s')).toEqual({ kind: 'switch', subdomains: ['a', 'b', 'c'], valid: true });
    expect(placeholderOf('switch:t0, t1,t2')).toEqual({
      kind: 'switch',
      subdomains: ['t0', 't1', 't2'],
      valid: true,
    });
    expect(placeholderOf('switch:a,b c')).toMatchObject({ kind: 'switch', valid: false });
  });

  it('finds every token between balanced braces, where it is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[a-z/.]{0,6}$/), fc.stringMatching(/^[A-Za-z:,-]{0,8}$/)), {
          maxLength: 6,
        }),
        (parts) => {
          const template = parts.map(([plain, name]) => `${plain}{${name}}`).join('');
          const { tokens, problems } = templateTokens(template);
          return (
            problems.length === 0 &&
            tokens.length === parts.length &&
            tokens.every(
              (token, i) =>
                token.name === parts[i]![1] && template.slice(token.start, token.end) === `{${token.name}}`,
            )
          );
        },
      ),
    );
  });

  it('locates an unclosed and a stray brace', () => {
    const open = templateTokens('https://t.example/{z/{x}/{y}');
    expect(open.problems.map((p) => [p.kind, p.at?.start])).toEqual([['brace', 18]]);
    const stray = templateTokens('https://t.example/z}/{x}/{y');
    expect(stray.problems.map((p) => p.at?.start)).toEqual([19, 25]);
    expect(stray.problems[0]!.message.zh).toContain('第 20 个字符处');
  });
});
