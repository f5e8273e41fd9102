import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addBasemapProblem,
  cspBlockedMessage,
  getBasemapStatus,
  resetBasemapStatus,
  setBasemapStatus,
  subscribeBasemapStatus,
  tileErrorMessage,
} from '../../../renderer/map/basemap-status';

describe('the basemap status', () => {
  afterEach(resetBasemapStatus);

  it('tells subscribers, keeps one problem of each kind, and lets the policy message replace tile errors', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeBasemapStatus(listener);
    setBasemapStatus({ shown: 'raster', problems: [], origins: ['https://a.example.cn'], warnings: [] });
    addBasemapProblem('tiles', tileErrorMessage(null, 'Failed to fetch'));
    addBasemapProblem('tiles', tileErrorMessage(500, ''));
    expect(getBasemapStatus().problems.map((p) => p.kind)).toEqual(['tiles']);
    addBasemapProblem('csp', cspBlockedMessage(['https://a.example.cn']));
    addBasemapProblem('tiles', tileErrorMessage(null, 'Failed to fetch'));
    expect(getBasemapStatus().problems.map((p) => p.kind)).toEqual(['csp']);
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    resetBasemapStatus();
    expect(listener).toHaveBeenCalledTimes(3);
    expect(getBasemapStatus()).toEqual({ shown: 'offline', problems: [], origins: [], warnings: [] });
  });

  it('says how to allow a blocked server, and what a refusal by the server may mean, in both languages', () => {
    const csp = cspBlockedMessage(['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn']);
    expect(csp.zh).toContain('GRIDPLAN_TILE_ORIGINS=https://t0.tianditu.gov.cn,https://t1.tianditu.gov.cn');
    expect(csp.en).toContain('GRIDPLAN_TILE_ORIGINS=https://t0.tianditu.gov.cn,https://t1.tianditu.gov.cn');
    expect(tileErrorMessage(403, '').zh).toContain('密钥');
    expect(tileErrorMessage(401, '').en).toContain('key');
    expect(tileErrorMessage(404, '').en).toContain('HTTP 404');
  });
});
