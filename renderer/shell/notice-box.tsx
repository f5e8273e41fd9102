import type { Shell } from './shell';

/**
 * The notice over the map: the last message, and a refused or failed edit the session keeps until
 * dismissed. Both are shown when both are there (the refusal first): a refusal that came after a message
 * still on screen (删除 in a version just after 已提交审核) is never hidden behind it.
 */
export function NoticeBox({ shell }: { readonly shell: Shell }) {
  const { t, say, notices, failure, dismissFailure } = shell;
  const { notice } = notices;
  if (!notice && !failure) return null;
  const kind = failure ? 'error' : (notice?.kind ?? 'error');
  return (
    <div className={`notice ${kind}`} role="alert" data-testid="notice">
      {failure && (
        <>
          <strong>{t('messages.saveFailed')}</strong>
          <ul>
            <li>{say(failure.message)}</li>
          </ul>
        </>
      )}
      {notice && (
        <>
          <strong>{notice.title}</strong>
          <ul>
            {notice.lines.map((line, index) => (
              <li key={index}>{typeof line === 'string' ? line : say(line)}</li>
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        onClick={() => {
          notices.notify(null);
          dismissFailure();
        }}
      >
        {t('messages.dismiss')}
      </button>
    </div>
  );
}
