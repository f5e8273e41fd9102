import type { Shell } from './shell';

/** Says why edits are refused while another window edits the open project (ui.md: say what to do). */
export function OtherWindowBanner({ shell }: { readonly shell: Shell }) {
  if (!shell.project.state?.readOnly) return null;
  return (
    <div className="other-window-banner" role="status" data-testid="other-window-banner">
      🔒 {shell.t('windows.readOnly')}
    </div>
  );
}
