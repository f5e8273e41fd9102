import { describe, expect, it } from 'vitest';
import { guessLayer } from '../../../shared/formats/guess-layer';

describe('guessLayer', () => {
  it('takes tables and points for census points', () => {
    expect(guessLayer(['经度', '纬度', 'HS'], undefined, true)).toEqual({ layer: 'census' });
    expect(guessLayer(['HS', 'RK'], 'point', false)).toEqual({ layer: 'census' });
  });

  it('reads the layer from national and domain.md field names, most specific layer first', () => {
    expect(guessLayer(['OBJECTID', 'CJQYDM', 'CJQYMC', 'LX'], 'polygon', false)).toEqual({
      layer: 'community',
      field: 'CJQYDM',
    });
    // A grid file names its community too: the grid fields decide.
    expect(guessLayer(['CJDM', 'WGBM', 'WGMC'], 'polygon', false)).toEqual({ layer: 'grid', field: 'WGBM' });
    expect(guessLayer(['wg_dm', 'name'], 'polygon', false)).toEqual({ layer: 'grid', field: 'wg_dm' });
    expect(guessLayer(['WGBM', 'SJWGBM'], 'polygon', false)).toEqual({ layer: 'microgrid', field: 'SJWGBM' });
    expect(guessLayer(['XZQDM', 'XZQMC'], 'polygon', false)).toEqual({ layer: 'township', field: 'XZQDM' });
    expect(guessLayer(['社区名称', '代码'], 'polygon', false)).toEqual({
      layer: 'community',
      field: '社区名称',
    });
  });

  it('falls back to grids, without naming a field, when nothing tells', () => {
    expect(guessLayer(['CODE', 'NAME'], 'polygon', false)).toEqual({ layer: 'grid' });
    expect(guessLayer(['CJDM'], 'polyline', false)).toEqual({ layer: 'grid' });
  });
});
