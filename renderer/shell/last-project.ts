import type { ProjectSummary } from '../storage/project-store';

const LAST_PROJECT_KEY = 'gridplan.lastProject';

/** Remembers which project was open so the next start opens it again. */
export function rememberProject(id: string): void {
  try {
    localStorage.setItem(LAST_PROJECT_KEY, id);
  } catch {
    // Without localStorage the most recently changed project opens next time instead.
  }
}

/** The project to open at start: the one open last time, else the most recently changed. */
export function initialProjectId(projects: readonly ProjectSummary[]): string | null {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(LAST_PROJECT_KEY);
  } catch {
    remembered = null;
  }
  if (remembered && projects.some((p) => p.id === remembered)) return remembered;
  return [...projects].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? null;
}
