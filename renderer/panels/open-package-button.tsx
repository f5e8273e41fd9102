import type { Shell } from '../shell/shell';

/**
 * 打开报审包: opens a filing package for review (a new read-only project). The planner's and the
 * reviewer's side of the 审核 tab both offer it.
 */
export function OpenPackageButton({ shell }: { readonly shell: Pick<Shell, 'review' | 't'> }) {
  const { review, t } = shell;
  return (
    <button
      type="button"
      onClick={() => void review.openPackage()}
      title={t('review.package.openTitle')}
      data-testid="review-open-package"
    >
      {t('review.package.open')}
    </button>
  );
}
