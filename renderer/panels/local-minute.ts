/** A moment as the planner's clock shows it, to the minute: `2026-12-06 08:30` (local time). */
export function localMinute(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A time written by another system — ISO 8601 (`2026-12-06T00:30:00.000Z`) or PostgreSQL's text
 * (`2026-12-06 00:30:00.123+00`) — in local time to the minute; text that does not read as a time is
 * shown as it came.
 */
export function localMinuteOfText(written: string): string {
  const iso = written
    .trim()
    .replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2')
    .replace(/([+-]\d\d)$/, '$1:00');
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? localMinute(ms) : written;
}
