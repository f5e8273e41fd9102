import type { Shell } from './shell';

/** Says why edits are refused while another window edits the open project (ui.md: say what to do). */
export function ReadOnlyBanner({ shell }: { readonly shell: Shell }) {
  if (!shell.project.state?.readOnly) return null;
  return (
    <div className="read-only-banner" role="status" data-testid="read-only-banner">
      🔒 {shell.t('windows.readOnly')}
    </div>
  );
}
