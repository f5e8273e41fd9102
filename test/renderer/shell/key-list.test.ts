import { describe, expect, it } from 'vitest';
import { legendEn } from '../../../renderer/i18n/legend-en';
import { legendZh } from '../../../renderer/i18n/legend-zh';
import { keyList } from '../../../renderer/shell/key-list';
import { TOOLS } from '../../../renderer/tools/tool-registry';
import type { ToolDefinition } from '../../../renderer/tools/tool-definition';

describe('keyList', () => {
  it('lists every key of every registered tool', () => {
    const rows = keyList(TOOLS);
    for (const tool of TOOLS) {
      const row = rows.find((candidate) => candidate.label === tool.label);
      expect(row?.keys).toEqual([tool.key, ...(tool.otherKeys ?? [])]);
    }
  });

  it('lists undo, redo, Esc, Enter, T and the help keys, and no key twice', () => {
    const rows = keyList(TOOLS);
    const keys = rows.flatMap((row) => row.keys.map((key) => key.toUpperCase()));
    for (const key of ['CTRL+Z', 'CTRL+SHIFT+Z', 'ESC', 'ENTER', 'DELETE', 'T', '?', 'F1'])
      expect(keys).toContain(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the window-wide Delete row when no tool claims Delete', () => {
    const onlyOne: ToolDefinition[] = [{ ...TOOLS[0]!, key: 'Q', otherKeys: [] }];
    const rows = keyList(onlyOne);
    expect(rows[0]).toEqual({ keys: ['Q'], label: TOOLS[0]!.label });
    expect(rows.some((row) => row.label === 'legend.keys.delete')).toBe(true);
  });

  it('has both languages for every window-wide row', () => {
    const fixed = keyList([]).map((row) => row.label.replace('legend.keys.', ''));
    for (const name of fixed) {
      expect(legendZh.keys[name as keyof typeof legendZh.keys]).toBeTruthy();
      expect(legendEn.keys[name as keyof typeof legendEn.keys]).toBeTruthy();
    }
  });
});
