import type { CityComment } from '../../shared/model';
import type { Shell } from '../shell/shell';
import { localMinuteOfText } from './local-minute';

/**
 * The city office's remarks kept with the project's reference layers, in the order they came; a remark
 * that came twice (the same pull file imported twice, say) is listed once.
 */
export function cityCommentsOf(
  layers: readonly { readonly cityComments?: readonly CityComment[] }[],
): CityComment[] {
  const seen = new Set<string>();
  const comments: CityComment[] = [];
  for (const comment of layers.flatMap((layer) => layer.cityComments ?? [])) {
    const key = JSON.stringify([comment.grid ?? null, comment.author, comment.body, comment.createdAt]);
    if (seen.has(key)) continue;
    seen.add(key);
    comments.push(comment);
  }
  return comments;
}

/**
 * 市级意见 under 市级库: who wrote what when, and on which grid; a grid code that is in the open project
 * is a button that shows the grid on the map.
 */
export function CityCommentsList({ shell }: { readonly shell: Shell }) {
  const { t } = shell;
  const comments = cityCommentsOf(shell.references.layers);
  if (comments.length === 0) return null;
  const gridIdByCode = new Map<string, string>();
  for (const grid of shell.division?.grid.values() ?? [])
    if (!gridIdByCode.has(grid.code)) gridIdByCode.set(grid.code, grid.id);
  const gridIdOf = (code: string): string | undefined => gridIdByCode.get(code);
  return (
    <div className="city-comments" data-testid="city-comments">
      <h4>{t('city.comments.heading')}</h4>
      <p className="review-hint">{t('city.comments.hint')}</p>
      <ul>
        {comments.map((comment, index) => {
          const gridId = comment.grid === undefined ? undefined : gridIdOf(comment.grid);
          return (
            <li key={index} data-testid={`city-comment-${index}`}>
              <div className="city-comment-head">
                <strong>{comment.author || t('city.comments.unknownAuthor')}</strong>{' '}
                <span className="city-comment-time">{localMinuteOfText(comment.createdAt)}</span>{' '}
                {comment.grid === undefined ? (
                  <span className="city-comment-target">{t('city.comments.onFiling')}</span>
                ) : gridId ? (
                  <button
                    type="button"
                    className="link-button"
                    title={t('city.comments.showGrid', { code: comment.grid })}
                    onClick={() => shell.showOnMap({ gridId })}
                    data-testid={`city-comment-grid-${index}`}
                  >
                    {t('city.comments.onGrid')} {comment.grid}
                  </button>
                ) : (
                  <span className="city-comment-target">
                    {t('city.comments.onGrid')} {comment.grid} {t('city.comments.notInProject')}
                  </span>
                )}
              </div>
              <p className="city-comment-body">{comment.body}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
