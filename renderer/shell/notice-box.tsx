import type { Shell } from './shell';

/** The notice over the map: the last message, or a failed save the session keeps until dismissed. */
export function NoticeBox({ shell }: { readonly shell: Shell }) {
  const { t, say, notices, failure, dismissFailure } = shell;
  const { notice } = notices;
  if (!notice && !failure) return null;
  const lines = notice ? notice.lines : failure ? [failure.message] : [];
  return (
    <div className={`notice ${notice?.kind ?? 'error'}`} role="alert" data-testid="notice">
      <strong>{notice ? notice.title : t('messages.saveFailed')}</strong>
      <ul>
        {lines.map((line, index) => (
          <li key={index}>{typeof line === 'string' ? line : say(line)}</li>
        ))}
      </ul>
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
