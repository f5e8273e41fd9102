import { useCallback, useEffect, useState } from 'react';
import {
  neighbourReferenceImport,
  withoutEmbeddedReferenceLayers,
} from '../../shared/formats/embedded-neighbours';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { CityDatabaseStatus, CityFilingAnswer, CityPullAnswer, GridPlanBridge } from '../../shared/ipc';
import { isPostgresUrl } from '../../shared/ipc';
import type { Division, LocalText, ReferenceLayer } from '../../shared/model';
import { errorDetail, text } from '../../shared/model';
import type { ProjectReferences } from '../references/use-project-references';
import { CityReplyError, fileVersionToCity, unwrapCityReply } from './file-version-to-city';

/** The source shown for the layer pulled from the city database (the panel's 来源). */
export const CITY_SOURCE = '市级库 / city database';

/** The answer shown under 市级库: the office's, or (in a browser) why it cannot be asked. */
export type CityAnswer =
  | { readonly kind: 'answered'; readonly number: number; readonly outcome: CityFilingAnswer }
  | { readonly kind: 'browser'; readonly number: number };

/** What 报送市级库 and 从市级库拉取 need from the rest of the app. */
export interface CityOfficeDeps {
  /** The open division (its township code is what is pulled and filed). */
  readonly division: Division | null;
  /** Builds a version's filing package against the given base (null: none); see useReview. */
  readonly makePackage: (
    number: number,
    baseSha256: string | null,
    cityHead: CityPullAnswer | null,
  ) => Promise<{ readonly name: string; readonly bytes: Uint8Array } | undefined>;
  readonly author: string;
  readonly references: ProjectReferences;
  /** Creates and opens a project with its reference layers; false when it was not made (reported). */
  readonly openAsProject: (
    name: string,
    division: Division,
    layers: readonly ReferenceLayer[],
  ) => Promise<boolean>;
  readonly notify: (kind: 'info' | 'error', title: LocalText, lines?: readonly LocalText[]) => void;
  /** The UI's words (namespace `city`). */
  readonly say: (key: string, values?: Record<string, unknown>) => string;
  readonly language: 'zh' | 'en';
}

type CityBridge = Pick<
  GridPlanBridge,
  'cityDatabaseStatus' | 'setCityDatabase' | 'fileToCity' | 'pullFromCity'
>;

function cityBridge(): CityBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.gridplan;
}

function linesOf(error: unknown): LocalText[] {
  if (error instanceof CityReplyError) return error.problems.map((p) => p.message);
  const detail = errorDetail(error);
  return [text(`发生了意外错误（${detail}）。`, `Something unexpected went wrong (${detail}).`)];
}

/** The township code of the open division (its first township), or '' when it has none. */
export function townshipCodeOf(division: Division | null): string {
  if (!division) return '';
  for (const township of division.township.values()) return township.code;
  return '';
}

/**
 * 报送市级库 and 从市级库拉取 (docs/city-office.md, app section). On the desktop the main process holds the
 * connection and runs shared/city's own filing and pull; in a browser no PostgreSQL connection can be
 * opened, and the answer says so and offers the package for `gridplan city file`.
 */
export function useCityOffice(deps: CityOfficeDeps) {
  const { division, makePackage, author, references, openAsProject, notify, say, language } = deps;
  const bridge = cityBridge();
  const desktop = bridge !== undefined;
  const [status, setStatus] = useState<CityDatabaseStatus | null>(null);
  const [answer, setAnswer] = useState<CityAnswer | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [pulled, setPulled] = useState<{ readonly division: Division; readonly version: number } | null>(
    null,
  );

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    void bridge.cityDatabaseStatus().then((reply) => {
      if (live && reply.ok) setStatus(reply.value);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const task = useCallback(
    async (label: string, failed: string, work: () => Promise<void>): Promise<void> => {
      setBusy(label);
      try {
        await work();
      } catch (error) {
        notify('error', text(failed, failed), linesOf(error));
      } finally {
        setBusy(null);
      }
    },
    [notify],
  );

  const configure = (url: string, password: string) => {
    // Checked here too, so that the planner reads why in their language (the main process refuses it).
    if (!isPostgresUrl(url.trim())) {
      notify('error', text('无法保存市级库地址', 'The city database address was not saved'), [
        text(
          '地址应以 postgres:// 开头，如 postgres://用户名@主机:5432/数据库。',
          'The address must start with postgres://, e.g. postgres://user@host:5432/database.',
        ),
      ]);
      return Promise.resolve();
    }
    return task(say('save'), say('saveFailed'), async () => {
      if (!bridge) return;
      setStatus(unwrapCityReply(await bridge.setCityDatabase({ url: url.trim(), password })));
    });
  };

  const forget = () =>
    task(say('forget'), say('saveFailed'), async () => {
      if (!bridge) return;
      setStatus(unwrapCityReply(await bridge.setCityDatabase(null)));
    });

  /** 报送市级库 of a version: its package based on the version the office holds, filed in one transaction. */
  const fileVersion = (number: number) => {
    if (!bridge) {
      setAnswer({ kind: 'browser', number });
      return Promise.resolve();
    }
    return task(say('filing'), say('failed'), async () => {
      setAnswer(null);
      const outcome = await fileVersionToCity(
        bridge,
        townshipCodeOf(division),
        (base, head) => makePackage(number, base, head),
        author,
      );
      if (outcome) setAnswer({ kind: 'answered', number, outcome });
    });
  };

  /** 从市级库拉取: the neighbours' border grids become a reference layer of the open project. */
  const pull = (township: string) =>
    task(say('pulling'), say('pullFailed'), async () => {
      if (!bridge) return;
      const reply = unwrapCityReply(await bridge.pullFromCity(township));
      if (reply.text === null) {
        notify('info', text(say('notFiled', { township }), say('notFiled', { township })));
        return;
      }
      const parsed = parseDivisionGeoJson(reply.text);
      if (!parsed.ok) throw new CityReplyError(parsed.problems);
      setPulled({ division: parsed.value, version: reply.version });
      const imported = neighbourReferenceImport(parsed.value, {
        id: crypto.randomUUID(),
        name: say('neighbourLayerName'),
        source: CITY_SOURCE,
      });
      if (!imported) {
        notify(
          'info',
          text(say('pulledNone', { version: reply.version }), say('pulledNone', { version: reply.version })),
        );
        return;
      }
      if (!imported.ok) throw new CityReplyError(imported.problems);
      // The previous pull's layer is replaced, not stacked.
      for (const layer of references.layers)
        if (layer.source === CITY_SOURCE) await references.remove(layer.id);
      await references.add(imported.value);
    });

  /** Opens the pulled filed version as a project of its own, its neighbours as its reference layer. */
  const openPulled = () =>
    task(say('pulling'), say('pullFailed'), async () => {
      if (!pulled) return;
      const imported = neighbourReferenceImport(pulled.division, {
        id: crypto.randomUUID(),
        name: say('neighbourLayerName'),
        source: CITY_SOURCE,
      });
      const layers = imported?.ok ? [imported.value.layer] : [];
      const name =
        language === 'zh'
          ? `${pulled.division.meta.name || townshipCodeOf(pulled.division)}（市级库第 ${pulled.version} 版）`
          : `${pulled.division.meta.name || townshipCodeOf(pulled.division)} (city version ${pulled.version})`;
      if (await openAsProject(name, withoutEmbeddedReferenceLayers(pulled.division), layers)) setPulled(null);
    });

  return {
    desktop,
    status,
    answer,
    busy,
    pulled: pulled ? { version: pulled.version } : null,
    configure,
    forget,
    fileVersion,
    pull,
    openPulled,
    closeAnswer: () => setAnswer(null),
  };
}

/** What {@link useCityOffice} returns. */
export type CityOfficeModel = ReturnType<typeof useCityOffice>;
