import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';
import type { ProjectSummary } from '../storage/project-store';

export interface ProjectPanelProps {
  readonly projects: readonly ProjectSummary[];
  readonly currentId: string | null;
  readonly onOpen: (id: string) => void;
  readonly onNew: () => void;
  readonly onRename: (project: ProjectSummary) => void;
  readonly onDuplicate: (project: ProjectSummary) => void;
  readonly onDelete: (project: ProjectSummary) => void;
  readonly onLoadDemo: () => void;
  readonly onClose: () => void;
}

/** The project list: open, create, rename, duplicate and delete projects stored on this computer. */
export function ProjectPanel(props: ProjectPanelProps) {
  const { t, i18n } = useTranslation();
  useEscapeToClose(props.onClose);
  const time = (ms: number): string =>
    new Date(ms).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
  return (
    <div className="project-panel" role="dialog" aria-label={t('project.heading')}>
      <header>
        <h2>{t('project.heading')}</h2>
        <button type="button" onClick={props.onClose} aria-label={t('project.close')}>
          ×
        </button>
      </header>
      <ul>
        {props.projects.map((project) => (
          <li
            key={project.id}
            className={project.id === props.currentId ? 'current' : ''}
            data-testid="project-item"
          >
            <button type="button" className="project-open" onClick={() => props.onOpen(project.id)}>
              <strong>{project.name}</strong>
              {project.id === props.currentId && <em> · {t('project.current')}</em>}
              <small>
                {t('status.grids', { count: project.counts.grid })} ·{' '}
                {t('project.updated', { time: time(project.updatedAt) })}
              </small>
            </button>
            <span className="project-actions">
              <button type="button" onClick={() => props.onRename(project)}>
                {t('project.rename')}
              </button>
              <button
                type="button"
                onClick={() => props.onDuplicate(project)}
                title={t('project.duplicateTitle')}
              >
                {t('project.duplicate')}
              </button>
              <button type="button" className="danger" onClick={() => props.onDelete(project)}>
                {t('project.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <footer>
        <button type="button" className="primary" onClick={props.onNew}>
          {t('project.new')}
        </button>
        <button type="button" onClick={props.onLoadDemo}>
          {t('project.loadDemo')}
        </button>
      </footer>
    </div>
  );
}
