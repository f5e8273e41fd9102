import type { TFunction } from 'i18next';
import { LEGEND_GROUPS } from './legend-entries';
import type { LegendSwatch } from './legend-entries';
import './legend-panel.css';

const SIZE = 22;

/** One swatch as a small SVG, drawn with the map layer's own paint. */
function Swatch({ swatch }: { readonly swatch: LegendSwatch }) {
  let body;
  switch (swatch.kind) {
    case 'fill':
      body = (
        <rect
          x={1}
          y={1}
          width={SIZE - 2}
          height={SIZE - 2}
          fill={swatch.colour}
          fillOpacity={swatch.opacity}
          stroke={swatch.outline ?? 'none'}
        />
      );
      break;
    case 'hatch': {
      const lines = [];
      for (let offset = -SIZE; offset < SIZE; offset += 5) {
        if (swatch.direction !== '\\')
          lines.push(<line key={`a${offset}`} x1={offset} y1={SIZE} x2={offset + SIZE} y2={0} />);
        if (swatch.direction !== '/')
          lines.push(<line key={`b${offset}`} x1={offset} y1={0} x2={offset + SIZE} y2={SIZE} />);
      }
      body = (
        <>
          {swatch.fill && (
            <rect
              x={1}
              y={1}
              width={SIZE - 2}
              height={SIZE - 2}
              fill={swatch.fill.colour}
              fillOpacity={swatch.fill.opacity}
            />
          )}
          <g stroke={swatch.colour} strokeWidth={1.5}>
            {lines}
          </g>
          <rect
            x={1}
            y={1}
            width={SIZE - 2}
            height={SIZE - 2}
            fill="none"
            stroke={swatch.outline ?? swatch.colour}
          />
        </>
      );
      break;
    }
    case 'line':
      body = (
        <line
          x1={1}
          y1={SIZE / 2}
          x2={SIZE - 1}
          y2={SIZE / 2}
          stroke={swatch.colour}
          strokeWidth={swatch.width}
          // MapLibre's dash lengths are in line widths; SVG's in pixels.
          strokeDasharray={swatch.dash?.map((part) => part * swatch.width).join(' ')}
        />
      );
      break;
    case 'circle':
      body = (
        <circle
          cx={SIZE / 2}
          cy={SIZE / 2}
          r={swatch.radius}
          fill={swatch.colour}
          stroke={swatch.stroke}
          strokeWidth={2}
        />
      );
      break;
  }
  return (
    <svg
      className="legend-swatch"
      width={SIZE}
      height={SIZE}
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      aria-hidden="true"
    >
      {/* An inline svg clips to its box (overflow: hidden), which trims the hatching. */}
      {body}
    </svg>
  );
}

/** The 图例 tab: every colour and symbol of the map, with ui.md's words. */
export function LegendPanel({ t }: { readonly t: TFunction }) {
  return (
    <div className="legend-panel" data-testid="legend-panel">
      {LEGEND_GROUPS.map((group) => (
        <section key={group.title}>
          <h3>{t(`legend.groups.${group.title}`)}</h3>
          <ul>
            {group.entries.map((entry) => (
              <li key={entry.label} data-legend={entry.label}>
                <Swatch swatch={entry.swatch} />
                <span>{t(`legend.items.${entry.label}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
