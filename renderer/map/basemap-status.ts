import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';
import { LOCAL_TILES_GONE } from './local-tiles';

/**
 * What the map's basemap is doing, for the toolbar button and the settings dialog: shown or not, and
 * why tiles fail (blocked by the security policy, refused by the server, a local folder to choose
 * again). The map side writes it (use-basemap.ts), the panels read it with useSyncExternalStore.
 */
export interface BasemapStatus {
  readonly shown: 'offline' | 'raster';
  readonly problems: readonly { readonly kind: string; readonly message: LocalText }[];
  /** Servers the basemap's tiles come from. */
  readonly origins: readonly string[];
  /** Warnings about the tiles shown (GCJ-02/BD-09 offsets), kept visible while the dialog is closed. */
  readonly warnings: readonly LocalText[];
}

const OFFLINE: BasemapStatus = { shown: 'offline', problems: [], origins: [], warnings: [] };
let status: BasemapStatus = OFFLINE;
const listeners = new Set<() => void>();

function publish(next: BasemapStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

export function getBasemapStatus(): BasemapStatus {
  return status;
}

export function subscribeBasemapStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Replaces the status after a basemap was applied. */
export function setBasemapStatus(next: BasemapStatus): void {
  publish(next);
}

/** Adds a problem seen while tiles load; one of each kind is enough. */
export function addBasemapProblem(kind: string, message: LocalText): void {
  const has = (k: string): boolean => status.problems.some((p) => p.kind === k);
  // A blocked request also fails as a tile error; the policy message says why, so it replaces that one.
  if (has(kind) || (kind === 'tiles' && has('csp'))) return;
  const others = kind === 'csp' ? status.problems.filter((p) => p.kind !== 'tiles') : status.problems;
  publish({ ...status, problems: [...others, { kind, message }] });
}

/** Back to the offline default (tests, and a map that went away). */
export function resetBasemapStatus(): void {
  publish(OFFLINE);
}

/** The message when the Content-Security-Policy stopped tiles from `origins`. */
export function cspBlockedMessage(origins: readonly string[]): LocalText {
  const list = origins.join(',');
  return text(
    `安全策略（CSP）阻止了从 ${list} 加载瓦片：GridPlan 默认不连接任何外部服务器，以免项目信息外泄。` +
      `如确需此底图，请允许该服务器后重新启动：GRIDPLAN_TILE_ORIGINS=${list} npm start（说明见 docs/adr/0005-user-basemap-and-csp.md）。`,
    `The security policy (CSP) blocked tiles from ${list}: GridPlan connects to no outside server by default, so that project data cannot leak. ` +
      `To use this basemap, allow the server and start again: GRIDPLAN_TILE_ORIGINS=${list} npm start (see docs/adr/0005-user-basemap-and-csp.md).`,
  );
}

/** The message when a tile server answered with an error. */
export function tileErrorMessage(status: number | null, detail: string): LocalText {
  if (status === 401 || status === 403) {
    return text(
      `瓦片服务器拒绝了请求（HTTP ${status}）：密钥可能无效、已过期，或没有为本机地址授权。`,
      `The tile server refused the request (HTTP ${status}): the key may be wrong, expired, or not allowed for this address.`,
    );
  }
  if (status === null && detail.startsWith(LOCAL_TILES_GONE)) {
    return text(
      '本地底图瓦片已不可用（文件夹或文件已移走，或本次打开未授权读取）：请点击工具栏的“底图”重新选择。',
      'The local basemap tiles are no longer available (the folder or file moved, or reading it was not allowed this time): choose it again under Basemap in the toolbar.',
    );
  }
  return text(
    `部分底图瓦片无法加载（${status ? `HTTP ${status}` : detail}）。`,
    `Some basemap tiles could not be loaded (${status ? `HTTP ${status}` : detail}).`,
  );
}
