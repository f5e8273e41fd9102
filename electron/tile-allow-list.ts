import type { LocalText, Result } from '../shared/model';
import { fail, ok, text } from '../shared/model';
import { canonicalTileOrigin, contentSecurityPolicy } from './content-security-policy';
import type { SmallFile } from './small-file';

/**
 * The tile servers the desktop app may reach, kept by the main process (docs/adr/0007): those named in
 * GRIDPLAN_TILE_ORIGINS at start, plus those the planner allowed at run time, stored in a small JSON
 * file in the user's data folder. The page can never write it: only main-process code after a native
 * confirmation adds an origin. The session's request filter and the CSP of the next responses read it
 * live, so an added server works after the window reloads, without restarting the app.
 */

/** Where the run-time allowed origins are kept: a `smallFile` in production, memory in tests. */
export type AllowListStore = Pick<SmallFile, 'read' | 'write'>;

function refused(origin: string): LocalText {
  return text(
    `“${origin}”不能作为瓦片服务器：只允许 https 源（如 https://t0.tianditu.gov.cn），或本机的 http（localhost/127.0.0.1），不能含路径或通配符。`,
    `“${origin}” cannot be a tile server: only https origins (e.g. https://t0.tianditu.gov.cn) or http on this machine (localhost/127.0.0.1), without paths or wildcards.`,
  );
}

/** The live allow-list of tile origins. */
export class TileAllowList {
  readonly #fromStart: readonly string[];
  readonly #store: AllowListStore;
  #added: string[];
  #policy: string | undefined;

  constructor(fromStart: readonly string[], store: AllowListStore) {
    this.#fromStart = fromStart.map(canonicalTileOrigin).filter((o): o is string => o !== null);
    this.#store = store;
    this.#added = TileAllowList.#parse(store.read());
  }

  /** Stored origins, each checked again: a hand-edited file cannot smuggle in a wildcard. */
  static #parse(contents: string | undefined): string[] {
    if (!contents) return [];
    try {
      const value: unknown = JSON.parse(contents);
      const list =
        typeof value === 'object' && value !== null ? (value as { origins?: unknown }).origins : [];
      if (!Array.isArray(list)) return [];
      const origins = list
        .filter((entry): entry is string => typeof entry === 'string')
        .map(canonicalTileOrigin)
        .filter((o): o is string => o !== null);
      return [...new Set(origins)];
    } catch {
      return [];
    }
  }

  /** Every allowed origin: from the start, then those added at run time. */
  origins(): readonly string[] {
    return [...new Set([...this.#fromStart, ...this.#added])];
  }

  /** Whether requests to this origin may pass. */
  has(origin: string): boolean {
    return this.#fromStart.includes(origin) || this.#added.includes(origin);
  }

  /** The CSP for the next responses (recomputed only after a change). */
  policy(): string {
    this.#policy ??= contentSecurityPolicy([...this.origins()]);
    return this.#policy;
  }

  /** Adds a server (its canonical origin is returned) and stores the list; refuses what is not an origin. */
  add(origin: string): Result<string> {
    const canonical = canonicalTileOrigin(origin);
    if (canonical === null) return fail({ kind: 'invalid-request', message: refused(origin) });
    if (!this.has(canonical)) {
      const next = [...this.#added, canonical];
      this.#store.write(JSON.stringify({ origins: next }, null, 2));
      this.#added = next;
      this.#policy = undefined;
    }
    return ok(canonical);
  }

  /** Takes a server allowed at run time off the list (those from the start stay until restart). */
  remove(origin: string): void {
    const canonical = canonicalTileOrigin(origin);
    if (canonical === null || !this.#added.includes(canonical)) return;
    const next = this.#added.filter((o) => o !== canonical);
    this.#store.write(JSON.stringify({ origins: next }, null, 2));
    this.#added = next;
    this.#policy = undefined;
  }
}
