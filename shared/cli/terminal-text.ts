/**
 * Characters a terminal would act on instead of showing: C0 controls but tab and line feed (ESC starts
 * colour, cursor and title sequences), DEL, C1 controls, and the bidirectional controls that reorder what
 * follows (U+202A–202E, U+2066–2069, LRM/RLM, ALM): a name from a file can otherwise rewrite the screen or
 * make a code read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every unsafe character shown as a visible `\u{XXXX}` escape. */
export function terminalSafe(value: string): string {
  return value.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

/**
 * JSON for a terminal: the same characters written as JSON `\uXXXX` escapes, so the document means
 * exactly the same data and stays valid JSON (JSON.stringify leaves C1 and bidi controls raw).
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
