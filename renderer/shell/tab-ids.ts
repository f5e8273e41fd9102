/** The tab the right panel opens with and returns to when a grid is selected. */
export const ATTRIBUTES_TAB = 'attributes';
/** The tab of validation issues. */
export const ISSUES_TAB = 'issues';
