import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../panels/format';
import type { Division, Language } from '../../shared/model';
import type { SketchPreview } from './sketch-counts';

const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/**
 * "① 420 户 ② 380 户" next to the cursor while a grid or a split line is drawn, each part coloured by
 * its target status (blue under, green within, orange over; ui.md). For a split line it first names what
 * the line would split ("拆分：光明社区第3网格"), or says why finishing now would be refused. Follows the
 * pointer over the map.
 */
export function SketchCountLabel({
  preview,
  division,
  language,
}: {
  readonly preview: SketchPreview;
  readonly division: Division | null;
  readonly language: Language;
}) {
  const { parts, targets, refusal } = preview;
  const { t } = useTranslation();
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const move = (event: PointerEvent): void => {
      const centre = document.querySelector('.centre');
      if (!centre) return;
      const box = centre.getBoundingClientRect();
      setAt({ x: event.clientX - box.left, y: event.clientY - box.top });
    };
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  if ((parts.length === 0 && !refusal) || !at) return null;
  const named =
    targets && division
      ? targets.ids.map((id) => division[targets.layer].get(id)).filter((e) => e !== undefined)
      : [];
  return (
    <div
      className="sketch-counts"
      style={{ left: at.x, top: at.y }}
      data-testid="sketch-counts"
      data-targets={named.map((e) => e.code).join(',')}
    >
      {named.length > 0 && (
        <span className="targets">
          {t('divide.splitTargets', { names: named.map((e) => e.name || e.code).join('、') })}
        </span>
      )}
      {refusal && (
        <span className="refusal" data-testid="sketch-refusal">
          {refusal[language]}
        </span>
      )}
      {parts.map((part, i) => (
        <span key={i} className={`part ${part.status}`} data-status={part.status}>
          {parts.length > 1 ? `${CIRCLED[i] ?? `(${i + 1})`} ` : ''}
          {t('divide.partCount', { households: formatCount(part.households) })}
        </span>
      ))}
    </div>
  );
}
