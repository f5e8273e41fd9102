import { describe, expect, it } from 'vitest';
import { diffFieldsText, wordList } from '../../../shared/diff/diff-words';

describe('diff words', () => {
  it('lists codes as each language writes a list', () => {
    expect(wordList(['510302003202002', '510302003202003'])).toEqual({
      zh: '510302003202002、510302003202003',
      en: '510302003202002, 510302003202003',
    });
  });

  it('names changed fields in the reader’s language, unknown ones as they are', () => {
    expect(diffFieldsText(['name', 'staff', 'code', 'custom_field'])).toEqual({
      zh: '名称、网格员、网格编码、custom_field',
      en: 'name, staff, code, custom_field',
    });
  });
});
