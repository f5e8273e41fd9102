import { Fragment } from 'react';
import type { Shell } from './shell';
import { TOOLBAR_ITEMS } from './toolbar-items';

/** The window's toolbar: the name of the app, then the items of {@link TOOLBAR_ITEMS} in order. */
export function Toolbar({ shell }: { readonly shell: Shell }) {
  return (
    <header className="toolbar">
      <div className="brand">
        <strong>{shell.t('app.title')}</strong>
        <small>{shell.t('app.subtitle')}</small>
      </div>
      {TOOLBAR_ITEMS.map((item) => (
        <Fragment key={item.id}>{item.render(shell)}</Fragment>
      ))}
    </header>
  );
}
