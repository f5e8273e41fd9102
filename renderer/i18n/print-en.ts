import type { printZh } from './print-zh';

/** Strings of the public notice / review report dialog (key `print`), English. */
export const printEn: Record<keyof typeof printZh, string> = {
  button: 'Notice/report',
  buttonTitle: 'Make the public notice PDF or the review report PDF',
  heading: 'Public notice and review report (PDF)',
  scope: 'Notice for',
  wholeTownship: 'The whole township',
  supervisionPhone: 'Supervision phone (a township setting, printed on every notice)',
  savePhone: 'Save the supervision phone',
  phoneSaved: 'Supervision phone saved',
  notice: 'Make the notice PDF',
  report: 'Make the review report PDF',
  busy: 'Making the PDF…',
  done: 'Saved {{name}}',
  failed: 'Making the PDF failed',
  privacy:
    "Notices show grids and grid staff only, never residents' personal data. Font: Noto Sans SC (SIL OFL, embedded as a subset).",
  close: 'Close',
  license: 'Font licence',
  editNote: 'Set the supervision phone',
};
