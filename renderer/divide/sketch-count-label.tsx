import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../panels/format';
import type { SketchPart } from './sketch-counts';

const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/**
 * "① 420 户 ② 380 户" next to the cursor while a grid or a split line is drawn, each part coloured by
 * its target status (blue under, green within, orange over; ui.md). Follows the pointer over the map.
 */
export function SketchCountLabel({ parts }: { readonly parts: readonly SketchPart[] }) {
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
  if (parts.length === 0 || !at) return null;
  return (
    <div className="sketch-counts" style={{ left: at.x, top: at.y }} data-testid="sketch-counts">
      {parts.map((part, i) => (
        <span key={i} className={`part ${part.status}`} data-status={part.status}>
          {parts.length > 1 ? `${CIRCLED[i] ?? `(${i + 1})`} ` : ''}
          {t('divide.partCount', { households: formatCount(part.households) })}
        </span>
      ))}
    </div>
  );
}
