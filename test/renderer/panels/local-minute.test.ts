import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localMinute, localMinuteOfText } from '../../../renderer/panels/local-minute';

// The planner's clock: these tests run in China Standard Time (UTC+8, no daylight saving).
const saved = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('localMinute', () => {
  it('shows a moment in local time to the minute', () => {
    expect(localMinute(Date.UTC(2026, 11, 5, 16, 30, 59))).toBe('2026-12-06 00:30');
  });
});

describe('localMinuteOfText', () => {
  it('reads ISO 8601 and PostgreSQL text in UTC and shows it in local time', () => {
    expect(localMinuteOfText('2026-12-06T00:29:41.123Z')).toBe('2026-12-06 08:29');
    expect(localMinuteOfText('2026-12-06 00:29:41.123+00')).toBe('2026-12-06 08:29');
    expect(localMinuteOfText('2026-12-05 23:59:00+08')).toBe('2026-12-05 23:59');
    expect(localMinuteOfText('2026-12-06T00:29:41+05:30')).toBe('2026-12-06 02:59');
  });

  it('shows text that is not a time as it came', () => {
    expect(localMinuteOfText('昨天')).toBe('昨天');
    expect(localMinuteOfText('2026-13-45 99:99')).toBe('2026-13-45 99:99');
    expect(localMinuteOfText('')).toBe('');
  });
});
