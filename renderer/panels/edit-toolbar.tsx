import { useTranslation } from 'react-i18next';
import type { EditSettings } from '../tools/edit-settings';
import { COMMON_SETTINGS } from '../tools/edit-settings';
import type { ToolDefinition } from '../tools/tool-definition';
import { TOOLS, toolNamed } from '../tools/tool-registry';

export interface EditToolbarProps {
  readonly tool: string;
  readonly onTool: (tool: string) => void;
  readonly settings: EditSettings;
  readonly onSettings: (settings: EditSettings) => void;
  readonly disabled: boolean;
  /** Runs an action tool (删除) on the selected grid. */
  readonly onAction: (tool: ToolDefinition) => void;
  /** Whether a grid is selected, which action tools need. */
  readonly canAct: boolean;
}

/** The editing tools of the table as icon buttons with tooltips naming their shortcut, and the switches. */
export function EditToolbar({
  tool,
  onTool,
  settings,
  onSettings,
  disabled,
  onAction,
  canAct,
}: EditToolbarProps) {
  const { t } = useTranslation();
  const toggle = (key: keyof EditSettings) => (
    <label key={key} className="toolbar-switch" title={t(`edit.settingHints.${key}`)}>
      <input
        type="checkbox"
        checked={settings[key]}
        onChange={(event) => onSettings({ ...settings, [key]: event.target.checked })}
        data-testid={`setting-${key}`}
      />
      {t(`edit.settings.${key}`)}
    </label>
  );
  return (
    <span className="toolbar-group edit-tools" role="toolbar" aria-label={t('edit.tools')}>
      {TOOLS.map((definition) => {
        const isAction = definition.drawMode === 'action';
        return (
          <button
            key={definition.name}
            type="button"
            className={`tool ${tool === definition.name ? 'active' : ''}`}
            aria-pressed={isAction ? undefined : tool === definition.name}
            disabled={disabled || (isAction && !canAct)}
            title={`${t(definition.label)}${t('punct.inParens', { inner: definition.key })} — ${t(definition.tip)}`}
            onClick={() => (isAction ? onAction(definition) : onTool(definition.name))}
            data-tool={definition.name}
          >
            <span aria-hidden="true">{definition.icon}</span>
            <span className="tool-label">{t(definition.label)}</span>
          </button>
        );
      })}
      {COMMON_SETTINGS.map(toggle)}
      {toolNamed(tool).settings?.map(toggle)}
    </span>
  );
}
