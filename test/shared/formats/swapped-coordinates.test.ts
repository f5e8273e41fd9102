import { describe, expect, it } from 'vitest';
import { lonLatLookSwapped, swapLonLat } from '../../../shared/formats/swapped-coordinates';

const header = ['经度', '纬度', '户数'];
const mapping = { longitude: '经度', latitude: '纬度' };

describe('lonLatLookSwapped', () => {
  it('fires when the longitude column holds latitudes of China and the latitude column longitudes', () => {
    expect(lonLatLookSwapped(header, [['29.3', '104.7', '3']], mapping)).toBe(true);
    // In range either way (Xinjiang read as the Arctic): still a swap.
    expect(lonLatLookSwapped(header, [[40.1, 80.2, 3]], mapping)).toBe(true);
  });

  it('is quiet for columns the right way round, blanks, or a few odd rows', () => {
    expect(lonLatLookSwapped(header, [['104.7', '29.3', '3']], mapping)).toBe(false);
    expect(lonLatLookSwapped(header, [['', '', '3']], mapping)).toBe(false);
    const mostlyRight = [
      ['104.7', '29.3'],
      ['104.7', '29.3'],
      ['29.3', '104.7'],
    ];
    expect(lonLatLookSwapped(header, mostlyRight, mapping)).toBe(false);
    expect(lonLatLookSwapped(header, [['29.3', '104.7']], {})).toBe(false);
    expect(lonLatLookSwapped(header, [['29.3', '104.7']], { longitude: '经度', latitude: '经度' })).toBe(
      false,
    );
  });

  it('swapLonLat exchanges the two columns and keeps the rest', () => {
    expect(swapLonLat({ ...mapping, households: '户数' })).toEqual({
      longitude: '纬度',
      latitude: '经度',
      households: '户数',
    });
  });
});
