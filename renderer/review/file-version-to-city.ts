import type { CityFilingAnswer, CityPullAnswer, GridPlanBridge, IpcReply } from '../../shared/ipc';
import type { Problem } from '../../shared/model';

/** The bridge members 报送市级库 uses. */
export type CityFilingBridge = Pick<GridPlanBridge, 'pullFromCity' | 'fileToCity'>;

/** A failed reply of the desktop shell, carrying its bilingual problems to the notice. */
export class CityReplyError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems[0]?.message.en ?? 'city database');
  }
}

/** The value of a reply, or {@link CityReplyError}. */
export function unwrapCityReply<T>(reply: IpcReply<T>): T {
  if (reply.ok) return reply.value;
  throw new CityReplyError(reply.problems);
}

/**
 * 报送市级库 of one version: asks the office which version of the township it holds (its SHA-256), has
 * the package made against that version as its base (none when the township has not filed), and files
 * it. The office then accepts it, or refuses it as stale (the planner's versions do not contain what it
 * holds) or for overlaps. Undefined when the package could not be made (the planner was told why).
 */
export async function fileVersionToCity(
  bridge: CityFilingBridge,
  township: string,
  makePackage: (
    baseSha256: string | null,
    head: CityPullAnswer | null,
  ) => Promise<{ readonly name: string; readonly bytes: Uint8Array } | undefined>,
  author: string,
): Promise<CityFilingAnswer | undefined> {
  const head = /^\d{9}000$/.test(township) ? unwrapCityReply(await bridge.pullFromCity(township)) : null;
  const made = await makePackage(head?.filedSha256 ?? null, head);
  if (!made) return undefined;
  return unwrapCityReply(
    await bridge.fileToCity({ packageBytes: made.bytes, packageName: made.name, author: author.trim() }),
  );
}
