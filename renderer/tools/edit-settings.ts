/** Switches of the editing tools, shown in the toolbar. */
export interface EditSettings {
  readonly snapping: boolean;
  readonly topological: boolean;
  readonly avoidOverlap: boolean;
  readonly keepCodeOnLarger: boolean;
  /** 合并 picks micro-grids (inside one grid) instead of grids. */
  readonly microgrids: boolean;
}

/** The switches as a new window starts: everything that keeps the division clean is on. */
export const DEFAULT_EDIT_SETTINGS: EditSettings = {
  snapping: true,
  topological: true,
  avoidOverlap: true,
  keepCodeOnLarger: true,
  microgrids: false,
};

/** The switches shown for every tool, in toolbar order; a tool adds its own with `settings`. */
export const COMMON_SETTINGS: readonly (keyof EditSettings)[] = ['snapping', 'topological', 'avoidOverlap'];
