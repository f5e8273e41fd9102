import { measurementText } from '../derive/measure-figures';
import { toolNamed } from '../tools/tool-registry';
import type { Shell } from './shell';
import { SurvivorChoice } from './survivor-choice';

/** The box over the map that says what the active tool expects, or the live count while dragging. */
export function ToolHint({ shell }: { readonly shell: Shell }) {
  const { t, edit } = shell;
  const active = toolNamed(edit.tool);
  if (active.name === 'select' && !edit.live) return null;
  return (
    <div className="tool-hint" data-testid="tool-hint">
      {edit.live
        ? t('edit.live', { households: edit.live.households, population: edit.live.population })
        : active.hint(t, edit.picked)}
      {active.drawMode === 'measure' && edit.measure.state && (
        <strong className="measure-result" data-testid="measure-result">
          {shell.say(measurementText(edit.measure.state.measurement))}
        </strong>
      )}
      {active.drawMode === 'pick' && active.choosesSurvivor && shell.division && edit.picked.length >= 2 && (
        <SurvivorChoice
          division={shell.division}
          picked={edit.picked}
          keep={edit.keep}
          onChange={edit.setKeep}
          t={t}
        />
      )}
      {active.drawMode === 'pick' && (
        <button
          type="button"
          className="primary"
          disabled={edit.picked.length < active.minimum}
          onClick={() => void edit.finishPicked()}
          data-testid={`${active.name}-now`}
        >
          {t(active.finishLabel)}
        </button>
      )}
    </div>
  );
}
