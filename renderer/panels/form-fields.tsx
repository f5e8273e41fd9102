import type { ReactNode } from 'react';

/**
 * The fields of an attribute form, all disabled together (the browser's own `fieldset disabled`) while the
 * document shown cannot be changed: a version or a package under review, a project another window edits.
 */
export function FormFields({
  readOnly,
  children,
}: {
  readonly readOnly: boolean;
  readonly children: ReactNode;
}) {
  return (
    <fieldset className="form-fields" disabled={readOnly} data-read-only={readOnly || undefined}>
      {children}
    </fieldset>
  );
}
