import type { Language } from '../model';

/** A caption and its value as each language writes them: 监督电话：12345 / Supervision phone: 12345. */
export function labelled(caption: string, value: string, lang: Language): string {
  return lang === 'zh' ? `${caption}：${value}` : `${caption}: ${value}`;
}

/** A text with an aside in brackets: 新街街道（510302003000） / 新街街道 (510302003000). */
export function withAside(main: string, aside: string, lang: Language): string {
  return lang === 'zh' ? `${main}（${aside}）` : `${main} (${aside})`;
}
