import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, initialProjectId } from './app';
import { loadDemoDivision } from './demo/load-demo';
import { initI18n } from './i18n/i18n';
import { markOpening } from './platform/opening-marks';
import { openProjectStore } from './storage/project-store';
import './styles.css';
import { errorDetail } from '../shared/model';

async function start(): Promise<void> {
  markOpening('app-start');
  const i18n = await initI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    const store = await openProjectStore('gridplan', {
      onVersionChange: () => showDatabaseNotice(i18n.t('windows.upgraded'), i18n.t('windows.reload')),
      onBlocked: () => showDatabaseNotice(i18n.t('windows.blocked')),
    });
    markOpening('store-open');
    // The first start opens the demo township, so a new user sees the job at once; two windows opened
    // together make one demo (the check and the creation are one transaction).
    if (await store.isEmpty()) {
      const demo = await loadDemoDivision();
      await store.createFirstProject({
        ...demo,
        meta: { ...demo.meta, name: i18n.t('project.demoName') },
      });
    }
    const projects = await store.listProjects();
    // The project that opens at start is read from now on, while React and the map are set up.
    const startId = initialProjectId(projects);
    if (startId) store.prefetchProject(startId);
    root.render(
      <StrictMode>
        <App store={store} initialProjects={projects} />
      </StrictMode>,
    );
  } catch (error) {
    const detail = errorDetail(error);
    root.render(
      <div className="fatal" role="alert">
        <h1>网格规划无法启动 · GridPlan cannot start</h1>
        <p>
          本地数据库无法打开。请关闭其他 GridPlan 窗口后重试。 The local database cannot be opened. Close
          other GridPlan windows and try again.
        </p>
        <pre>{detail}</pre>
      </div>,
    );
  }
}

/**
 * A message over everything about the local database and other windows, outside React: it must show
 * even when the app cannot go on (the connection was closed for another window's upgrade).
 */
function showDatabaseNotice(message: string, reload?: string): void {
  let box = document.getElementById('database-notice');
  if (!box) {
    box = document.createElement('div');
    box.id = 'database-notice';
    box.className = 'fatal database-notice';
    box.setAttribute('role', 'alert');
    document.body.appendChild(box);
  }
  box.textContent = message;
  if (reload) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = reload;
    button.onclick = () => window.location.reload();
    box.appendChild(button);
  }
}

void start();
