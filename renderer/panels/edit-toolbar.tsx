import { useTranslation } from 'react-i18next';
import type { Tool } from '../editor/tools';
import { TOOL_ICONS, TOOL_KEYS, TOOLS } from '../editor/tools';
import type { EditSettings } from '../editing/use-edit-tools';

export interface EditToolbarProps {
  readonly tool: Tool;
  readonly onTool: (tool: Tool) => void;
  readonly settings: EditSettings;
  readonly onSettings: (settings: EditSettings) => void;
  readonly disabled: boolean;
  readonly onDelete: () => void;
  readonly canDelete: boolean;
}

/** The editing tools as icon buttons with Chinese tooltips naming their shortcut, and the switches. */
export function EditToolbar({
  tool,
  onTool,
  settings,
  onSettings,
  disabled,
  onDelete,
  canDelete,
}: EditToolbarProps) {
  const { t } = useTranslation();
  const toggle = (key: keyof EditSettings) => (
    <label className="toolbar-switch" title={t(`edit.settingHints.${key}`)}>
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
      {TOOLS.map((name) => {
        const isDelete = name === 'delete';
        return (
          <button
            key={name}
            type="button"
            className={`tool ${tool === name ? 'active' : ''}`}
            aria-pressed={isDelete ? undefined : tool === name}
            disabled={disabled || (isDelete && !canDelete)}
            title={`${t(`tools.${name}`)}（${TOOL_KEYS[name]}）— ${t(`toolHints.${name}`)}`}
            onClick={() => (isDelete ? onDelete() : onTool(name))}
            data-tool={name}
          >
            <span aria-hidden="true">{TOOL_ICONS[name]}</span>
            <span className="tool-label">{t(`tools.${name}`)}</span>
          </button>
        );
      })}
      {toggle('snapping')}
      {toggle('topological')}
      {toggle('avoidOverlap')}
      {tool === 'split' && toggle('keepCodeOnLarger')}
    </span>
  );
}
