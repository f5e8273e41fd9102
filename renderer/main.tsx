import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadDemoDivision } from './demo/load-demo';
import { initI18n } from './i18n/i18n';
import { openProjectStore } from './storage/project-store';
import './styles.css';

async function start(): Promise<void> {
  const i18n = await initI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    const store = await openProjectStore();
    // The first start opens the demo township, so a new user sees the job at once.
    if (await store.isEmpty()) {
      const demo = await loadDemoDivision();
      await store.createProject({ ...demo, meta: { ...demo.meta, name: i18n.t('project.demoName') } });
    }
    const projects = await store.listProjects();
    root.render(
      <StrictMode>
        <App store={store} initialProjects={projects} />
      </StrictMode>,
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
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

void start();
