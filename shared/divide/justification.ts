/**
 * The start of the note that marks a proposed grid as outside the band and needing a 情况说明 (its reason
 * follows), so the UI can ask the planner for a justification.
 */
export const JUSTIFICATION_NEEDED_PREFIX = '待填写情况说明：';
