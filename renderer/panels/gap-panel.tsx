import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community, Division, Language, Result } from '../../shared/model';
import type { ListedGap } from '../tools/community-gaps';
import type { EditCommand } from '../tools/edit-command';
import { formatArea } from './format';
import { useCommunityGaps } from './use-community-gaps';

export interface GapPanelProps {
  readonly division: Division;
  readonly community: Community | null;
  /** Runs a fill command (in the sketch worker) and applies it, or says under `title` why not. */
  readonly onRun: (command: EditCommand, title: string) => void;
  /** Computes the gap list of a community (in the sketch worker). */
  readonly listGaps: (division: Division, communityId: string) => Promise<Result<ListedGap[]>>;
  readonly onShow: (at: readonly [number, number]) => void;
}

/**
 * 填补空白: the uncovered pieces of the selected grid's community, each made a new grid or given to the
 * neighbour with the longest shared edge, and a "fill all gaps under N m²" command for slivers.
 */
export function GapPanel({ division, community, onRun, listGaps, onShow }: GapPanelProps) {
  const { t, i18n } = useTranslation();
  const [maxArea, setMaxArea] = useState(50);
  const { result: gaps, computing } = useCommunityGaps(division, community, listGaps);

  if (!community) return <p className="empty-state">{t('edit.chooseCommunity')}</p>;
  if (!gaps) return <p className="empty-state">{t('status.computing')}</p>;
  const language: Language = i18n.language === 'en' ? 'en' : 'zh';
  if (!gaps.ok) return <p className="empty-state">{gaps.problems[0]?.message[language]}</p>;
  return (
    <section className="gap-panel" data-testid="gap-panel" aria-busy={computing}>
      <h3>
        {community.name} · {t('edit.gaps')} {computing ? t('status.computing') : gaps.value.length}
      </h3>
      {gaps.value.length === 0 && <p className="empty-state">{t('edit.noGaps')}</p>}
      <ul>
        {gaps.value.map((gap, index) => (
          <li key={`${gap.at[0]},${gap.at[1]}`} className="gap-item">
            <button type="button" className="link" onClick={() => onShow(gap.at)}>
              {index + 1}. {t('edit.gapArea', { area: formatArea(t, gap.areaM2) })}
            </button>
            <span>
              <button
                type="button"
                onClick={() =>
                  onRun(
                    { kind: 'fill-gap', communityId: community.id, at: gap.at, into: 'new-grid' },
                    t('edit.fillFailed'),
                  )
                }
              >
                {t('edit.newGrid')}
              </button>
              <button
                type="button"
                disabled={gap.neighbours.length === 0}
                onClick={() =>
                  onRun(
                    { kind: 'fill-gap', communityId: community.id, at: gap.at, into: 'neighbour' },
                    t('edit.fillFailed'),
                  )
                }
              >
                {t('edit.intoNeighbour')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form
        className="fill-small"
        onSubmit={(event) => {
          event.preventDefault();
          onRun({ kind: 'fill-small', communityId: community.id, maxAreaM2: maxArea }, t('edit.fillFailed'));
        }}
      >
        <button type="submit">{t('edit.fillSmall')}</button>
        <input
          type="number"
          min={1}
          value={maxArea}
          onChange={(event) => setMaxArea(Math.max(1, Number(event.target.value) || 1))}
        />
        <span>
          {t('units.areaM2', { value: '' }).trim()} {t('edit.fillSmallButton')}
        </span>
      </form>
    </section>
  );
}
