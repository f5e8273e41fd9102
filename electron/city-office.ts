import type { CityDatabase } from '../shared/city';
import { citySchemaVersion, fileCityPackage, pullTownship, scrubSecrets } from '../shared/city';
import { readFilingPackage } from '../shared/formats/filing-package';
import type { CityFilingAnswer, CityPullAnswer, FileToCityRequest } from '../shared/ipc';
import type { LocalText, Result } from '../shared/model';
import { errorDetail, fail, ok, text } from '../shared/model';
import type { CityConnectionStore } from './city-connection-store';
import { shellProblem } from './project-file-io';

/**
 * 报送市级库 and 从市级库拉取 of the desktop app: the same shared/city functions `gridplan city file` and
 * `city pull` call, on the same node-postgres adapter (scripts/city-pg-database.ts). Every message that
 * leaves here has the URL and password scrubbed.
 */
export interface CityOffice {
  readonly store: CityConnectionStore;
  readonly open: (url: string) => Promise<Result<CityDatabase>>;
}

const NOT_CONFIGURED = text(
  '尚未设置市级库：请先填写市级库地址。',
  'No city database is configured: enter its address first.',
);

function scrubbed(message: LocalText, url: string): LocalText {
  return text(scrubSecrets(message.zh, url), scrubSecrets(message.en, url));
}

/** Opens the configured database, checks it has the city schema, runs `work`, closes it. */
async function withCity<T>(office: CityOffice, work: (db: CityDatabase) => Promise<T>): Promise<Result<T>> {
  const url = office.store.url();
  if (url === undefined) return fail(shellProblem('city-not-configured', NOT_CONFIGURED));
  const opened = await office.open(url);
  if (!opened.ok) {
    return fail(
      ...opened.problems.map((problem) => shellProblem('city-unreachable', scrubbed(problem.message, url))),
    );
  }
  const db = opened.value;
  try {
    if ((await citySchemaVersion(db)) === 0) {
      return fail(
        shellProblem(
          'city-no-schema',
          text(
            '该数据库尚未建立备案库架构：请市级网格办先运行 gridplan city init。',
            'The database has no city schema yet: the city office must run gridplan city init first.',
          ),
        ),
      );
    }
    return ok(await work(db));
  } catch (error) {
    const detail = scrubSecrets(errorDetail(error).split('\n')[0] ?? '', url);
    return fail(
      shellProblem(
        'city-unreachable',
        text(
          `市级库操作失败（${detail}），数据库未改动。`,
          `The city database failed (${detail}); nothing was changed.`,
        ),
      ),
    );
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** Files a package: read and checked against its manifest here, then `fileCityPackage` in one transaction. */
export async function fileToCity(
  office: CityOffice,
  request: FileToCityRequest,
): Promise<Result<CityFilingAnswer>> {
  const pkg = readFilingPackage(request.packageBytes, request.packageName);
  if (!pkg.ok) {
    return fail(...pkg.problems.map((problem) => shellProblem('city-bad-package', problem.message)));
  }
  return withCity(office, (db) => fileCityPackage(db, pkg.value, { author: request.author.trim() }));
}

/** A township's filed division with its neighbours' border grids, as `city pull --out` writes it. */
export function pullFromCity(office: CityOffice, township: string): Promise<Result<CityPullAnswer>> {
  return withCity(office, async (db) => {
    const pulled = await pullTownship(db, township);
    return pulled.kind === 'pulled'
      ? {
          text: pulled.text,
          version: pulled.version,
          filedSha256: pulled.divisionSha256,
          neighbourGrids: pulled.neighbourGrids,
        }
      : { text: null, version: 0, filedSha256: null, neighbourGrids: 0 };
  });
}
