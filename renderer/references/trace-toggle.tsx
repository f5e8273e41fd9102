import { useTranslation } from 'react-i18next';

/** The toolbar's 追踪 switch (key T). */
export function TraceToggle(props: {
  readonly on: boolean;
  readonly disabled: boolean;
  readonly onChange: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="trace-toggle"
      aria-pressed={props.on}
      disabled={props.disabled}
      title={t('references.traceTitle')}
      data-testid="trace-toggle"
      onClick={() => props.onChange(!props.on)}
    >
      {t('references.trace')}
    </button>
  );
}
