/** The editing tools of the toolbar, in toolbar order. */
export const TOOLS = [
  'select',
  'draw-grid',
  'split',
  'merge',
  'carve',
  'fill-gap',
  'microgrid',
  'delete',
] as const;
export type Tool = (typeof TOOLS)[number];

/** One key per tool (without modifiers), shown in the tooltips. */
export const TOOL_KEYS: Readonly<Record<Tool, string>> = {
  select: 'V',
  'draw-grid': 'N',
  split: 'S',
  merge: 'M',
  carve: 'E',
  'fill-gap': 'F',
  microgrid: 'W',
  delete: 'Delete',
};

/** Icons drawn with text so nothing has to be fetched; each button also has a Chinese tooltip. */
export const TOOL_ICONS: Readonly<Record<Tool, string>> = {
  select: '⬚',
  'draw-grid': '✏',
  split: '✂',
  merge: '⊕',
  carve: '◈',
  'fill-gap': '▨',
  microgrid: '▦',
  delete: '🗑',
};

/** The tool a key press selects, if any. Keys are matched case-insensitively; Backspace also deletes. */
export function toolForKey(key: string): Tool | undefined {
  if (key === 'Backspace') return 'delete';
  const upper = key.length === 1 ? key.toUpperCase() : key;
  return TOOLS.find((tool) => TOOL_KEYS[tool] === upper);
}
