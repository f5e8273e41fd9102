import type { ToolDefinition } from '../tools/tool-definition';

/** One row of the 快捷键 dialog: the keys (any of them works) and the i18n key of what they do. */
export interface KeyRow {
  readonly keys: readonly string[];
  readonly label: string;
}

/** Window-wide keys that are not a tool's (use-shell.ts, use-edit-tools.ts, use-trace-key.ts, use-help-key.ts). */
const OTHER_KEYS: readonly KeyRow[] = [
  { keys: ['Ctrl+Z'], label: 'legend.keys.undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], label: 'legend.keys.redo' },
  { keys: ['Esc'], label: 'legend.keys.escape' },
  { keys: ['Enter'], label: 'legend.keys.enter' },
  { keys: ['Delete'], label: 'legend.keys.delete' },
  { keys: ['T'], label: 'legend.keys.trace' },
  { keys: ['?', 'F1'], label: 'legend.keys.help' },
];

/**
 * Every key of the window: each tool's own keys from the registry (so a new tool shows up without
 * touching this list), then the window-wide ones. A window-wide row whose keys a tool already lists
 * (e.g. Delete, which chooses 删除) is left out so no key is listed twice.
 */
export function keyList(tools: readonly ToolDefinition[]): readonly KeyRow[] {
  const toolRows: KeyRow[] = tools.map((tool) => ({
    keys: [tool.key, ...(tool.otherKeys ?? [])],
    label: tool.label,
  }));
  const taken = new Set(toolRows.flatMap((row) => row.keys.map((key) => key.toUpperCase())));
  return [...toolRows, ...OTHER_KEYS.filter((row) => !row.keys.some((key) => taken.has(key.toUpperCase())))];
}
