import type { Shell } from '../shell/shell';

/** 只读 · 版本 N: over the map while a version or a package is shown; the tools are then disabled. */
export function ReadOnlyBanner({ shell }: { readonly shell: Shell }) {
  const { review, t, say } = shell;
  if (!review.readOnlyLabel) return null;
  return (
    <div className="read-only-banner" data-testid="read-only-banner" role="status">
      <span>{say(review.readOnlyLabel)}</span>
      {review.view && (
        <button type="button" onClick={review.closeView}>
          {t('review.backToWorking')}
        </button>
      )}
    </div>
  );
}
