// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowTileOrigins, canAllowTileOrigins } from '../../../renderer/map/allow-tile-origins';
import type { GridPlanBridge } from '../../../shared/ipc';

/** A desktop bridge whose dialog answers per origin: allowed (the origin), declined (null) or refused. */
function bridge(answers: Record<string, { allowed: string | null } | 'refused'>): GridPlanBridge {
  const none = () => Promise.resolve({ ok: true as const, value: null });
  return {
    openProjectFile: vi.fn(none),
    saveProjectFile: vi.fn(none),
    getAppInfo: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { version: '1', platform: 'linux' as const } }),
    ),
    setMenuLanguage: vi.fn(none),
    onMenuCommand: vi.fn(() => () => undefined),
    cityDatabaseStatus: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { shownUrl: null, remembered: false } }),
    ),
    setCityDatabase: vi.fn(() =>
      Promise.resolve({ ok: true as const, value: { shownUrl: null, remembered: false } }),
    ),
    fileToCity: vi.fn(() => Promise.reject(new Error('not used by this test'))),
    pullFromCity: vi.fn(() => Promise.reject(new Error('not used by this test'))),
    allowTileOrigin: vi.fn((origin: string) => {
      const answer = answers[origin];
      return Promise.resolve(
        answer === 'refused'
          ? {
              ok: false as const,
              problems: [{ kind: 'invalid-request', message: { zh: '不能', en: 'cannot' } }],
            }
          : { ok: true as const, value: answer?.allowed ?? null },
      );
    }),
  };
}

afterEach(() => {
  delete window.gridplan;
});

describe('allowing tile servers from the basemap dialog', () => {
  it('asks nothing in a browser: a page cannot widen its own policy', async () => {
    expect(canAllowTileOrigins()).toBe(false);
    expect(await allowTileOrigins(['https://a.example.cn'])).toEqual({ ok: true, value: 0 });
  });

  it('asks the desktop app for each server and counts those the planner allowed', async () => {
    window.gridplan = bridge({
      'https://a.example.cn': { allowed: 'https://a.example.cn' },
      'https://b.example.cn': { allowed: null },
    });
    expect(canAllowTileOrigins()).toBe(true);
    expect(await allowTileOrigins(['https://a.example.cn', 'https://b.example.cn'])).toEqual({
      ok: true,
      value: 1,
    });
    expect(window.gridplan.allowTileOrigin).toHaveBeenCalledTimes(2);
  });

  it('stops at the first refusal and passes its bilingual problem on', async () => {
    window.gridplan = bridge({ 'https://x': 'refused' });
    const result = await allowTileOrigins(['https://x', 'https://a.example.cn']);
    expect(result.ok).toBe(false);
    expect(window.gridplan.allowTileOrigin).toHaveBeenCalledTimes(1);
  });
});
