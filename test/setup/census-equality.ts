// A loaded division's census is a `ColumnarCensus` (shared/model/census-columns.ts): a read-only map made
// from columns. Tests compare divisions with `toEqual`; a columnar census equals any map holding the same
// points under the same ids in the same order, as the plain `Map` it replaces did.
import { expect } from 'vitest';
import { ColumnarCensus } from '../../shared/model';

function entriesIfColumnar(value: unknown): unknown {
  return value instanceof ColumnarCensus ? new Map(value) : value;
}

expect.addEqualityTesters([
  function columnarCensusEquality(this: { equals(a: unknown, b: unknown): boolean }, a: unknown, b: unknown) {
    if (!(a instanceof ColumnarCensus) && !(b instanceof ColumnarCensus)) return undefined;
    return this.equals(entriesIfColumnar(a), entriesIfColumnar(b));
  },
]);
