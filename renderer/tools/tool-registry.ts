import { carveTool } from './carve-tool';
import { deleteTool } from './delete-tool';
import { drawGridTool } from './draw-grid-tool';
import { fillGapTool } from './fill-gap-tool';
import { measureAreaTool, measureDistanceTool } from './measure-tools';
import { mergeTool } from './merge-tool';
import { microgridTool } from './microgrid-tool';
import { selectTool } from './select-tool';
import { splitTool } from './split-tool';
import type { ToolDefinition } from './tool-definition';

/** The editing tools, in toolbar order. A new tool is one file and one line here. */
export const TOOLS: readonly ToolDefinition[] = [
  selectTool,
  drawGridTool,
  splitTool,
  mergeTool,
  carveTool,
  fillGapTool,
  microgridTool,
  deleteTool,
  measureDistanceTool,
  measureAreaTool,
];

/** The tool of a name; 选择 for a name no tool has. */
export function toolNamed(name: string): ToolDefinition {
  return TOOLS.find((tool) => tool.name === name) ?? selectTool;
}

/** The tool a key press chooses, if any. Letters are matched case-insensitively. */
export function toolForKey(key: string): ToolDefinition | undefined {
  const upper = key.length === 1 ? key.toUpperCase() : key;
  return TOOLS.find((tool) => tool.key === upper || tool.otherKeys?.includes(key));
}
