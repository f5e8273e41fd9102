/**
 * Okabe–Ito colours of a diff, told apart with red-green colour blindness; each kind also has its own
 * hatching on the map (use-review-overlay.ts), so colour is never the only cue: added = blue "/" lines,
 * removed = vermillion "\" lines, changed = reddish purple cross-hatch.
 */
export const DIFF_COLOURS = { added: '#0072B2', removed: '#D55E00', changed: '#CC79A7' } as const;
