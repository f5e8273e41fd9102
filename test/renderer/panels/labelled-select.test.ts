import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LabelledSelect } from '../../../renderer/panels/labelled-select';

describe('a labelled drop-down list of the import and export dialogs', () => {
  const html = renderToString(
    createElement(LabelledSelect<string>, {
      label: '坐标系',
      value: 'wgs84',
      choices: [
        { value: '', label: '请选择' },
        { value: 'cgcs2000', label: 'CGCS2000' },
        { value: 'wgs84', label: 'WGS84' },
        { value: 'source', label: '原数据分带', disabled: true, testId: 'export-crs-source' },
      ],
      onChange: () => undefined,
      testId: 'export-crs',
    }),
  );

  it('puts the label first and the list, with its test id, inside the label', () => {
    expect(html).toMatch(/^<label>坐标系<select data-testid="export-crs">/);
    expect(html).toMatch(/<\/select><\/label>$/);
  });

  it('offers every choice in order, the current one selected, a disabled one disabled', () => {
    const options = [...html.matchAll(/<option ([^>]*)>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options).toEqual([
      ['value=""', '请选择'],
      ['value="cgcs2000"', 'CGCS2000'],
      ['value="wgs84" selected=""', 'WGS84'],
      ['value="source" disabled="" data-testid="export-crs-source"', '原数据分带'],
    ]);
  });
});
