import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';

/** Asks for a name in the app itself (Electron has no window.prompt). */
export function NameDialog(props: {
  readonly title: string;
  readonly initial: string;
  readonly onDone: (name: string | null) => void;
}) {
  const { t } = useTranslation();
  useEscapeToClose(() => props.onDone(null));
  const [value, setValue] = useState(props.initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const submit = (): void => props.onDone(value.trim() === '' ? null : value.trim());
  return (
    <div className="modal-backdrop" role="presentation">
      <form
        className="modal"
        role="dialog"
        aria-label={props.title}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label>
          {props.title}
          <input ref={input} value={value} onChange={(event) => setValue(event.target.value)} autoFocus />
        </label>
        <div className="modal-buttons">
          <button type="button" onClick={() => props.onDone(null)}>
            {t('project.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('panel.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Asks before something that cannot be undone. */
export function ConfirmDialog(props: {
  readonly message: string;
  readonly confirmLabel: string;
  readonly onDone: (confirmed: boolean) => void;
}) {
  const { t } = useTranslation();
  useEscapeToClose(() => props.onDone(false));
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="alertdialog" aria-label={props.message}>
        <p>{props.message}</p>
        <div className="modal-buttons">
          <button type="button" onClick={() => props.onDone(false)} autoFocus>
            {t('project.cancel')}
          </button>
          <button type="button" className="danger" onClick={() => props.onDone(true)}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
