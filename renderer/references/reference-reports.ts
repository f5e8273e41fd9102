import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notices } from '../shell/use-notices';
import type { ReferenceReports } from './use-project-references';

/** Tells the planner, in the notice box, that a reference layer was stored or that a write failed. */
export function useReferenceReports(notices: Notices): ReferenceReports {
  const { t } = useTranslation();
  const { notify, reportError } = notices;
  return useMemo(
    () => ({
      added: (imported) =>
        notify({
          kind: 'info',
          title: t('references.imported', {
            name: imported.layer.name,
            count: imported.layer.features.length,
          }),
          lines:
            imported.errorCount > 0
              ? [
                  t('references.skipped', { count: imported.errorCount }),
                  ...imported.errors.slice(0, 10).map((e) => `#${e.line}: ${e.reason.zh} / ${e.reason.en}`),
                ]
              : [],
        }),
      failed: (kind, error) =>
        reportError(kind === 'save' ? t('references.saveFailed') : t('references.loadFailed'), error),
    }),
    [t, notify, reportError],
  );
}
