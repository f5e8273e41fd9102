import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureLineNumbers, jsonErrorOffset, lineAndColumn } from '../../../shared/formats/json-locations';

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on validity', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 40 }), (value, cut) => {
        const text = JSON.stringify(value, null, 1);
        expect(jsonErrorOffset(text)).toBe(-1);
        const broken = text.slice(0, Math.max(0, text.length - 1 - cut));
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(broken) === -1).toBe(valid);
      }),
    );
  });

  it('points at the offending character', () => {
    const text = '{\n  "a": [1, 2,, 3]\n}';
    expect(lineAndColumn(text, jsonErrorOffset(text))).toEqual({ line: 2, column: 14 });
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1] x')).toBe(4);
  });
});

describe('featureLineNumbers', () => {
  it('gives the line each feature starts on', () => {
    const text =
      '{"type":"FeatureCollection","name":"[x]","features":[\n{"a":"}{"},\n\n  {"b":[1,\n2]},{"c":3}\n]}';
    expect(featureLineNumbers(text)).toEqual([2, 4, 5]);
  });
});
