import { GapPanel } from '../panels/gap-panel';
import type { PlainTool } from './tool-definition';

/** 填补空白: its panel lists the gaps of the selected grid's community; each becomes a grid or joins one. */
export const fillGapTool: PlainTool = {
  name: 'fill-gap',
  key: 'F',
  icon: '▨',
  label: 'tools.fill-gap',
  tip: 'toolHints.fill-gap',
  hint: (t) => t('toolHints.fill-gap'),
  failure: 'edit.fillFailed',
  drawMode: 'none',
  panel: ({ division, community, run, listGaps, showAt }) => (
    <GapPanel division={division} community={community} onRun={run} listGaps={listGaps} onShow={showAt} />
  ),
};
