// Exact decimal-to-double conversion of a JSON number's bytes without making a string.
//
// A number of up to 19 significant digits is an integer M below 10^19 times 10^e. M is held exactly as
// the sum of two doubles (Dekker's error-free product and Knuth's error-free sum), and M·10^e, for
// |e| ≤ 22 where 10^|e| is itself a double, is computed as q1 + q2 with an error below 2^-100 of the
// value. The answer is the correctly rounded double of the exact value when q1 + q2 lies clearly away
// from a midpoint between two doubles: both q1 + q2 − E and q1 + q2 + E (E = 2^-90·|q1|, far above the
// error) round to the same double, and rounding is monotone, so the exact value, lying between them,
// rounds to it too. Otherwise (an exact or near halfway case, more digits, a larger exponent) the
// answer is NaN: the caller then reads the number with Number, as before.

/** Exact powers of ten (every one up to 1e22 is a double). */
export const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Veltkamp's splitting constant, 2^27 + 1. */
const SPLITTER = 134217729;

/** Half the margin around q1 + q2 that must round to one double: far above the error (< 2^-100). */
const MARGIN = 2 ** -90;

/** The rounding error of the last {@link product} (a·b − fl(a·b), exactly). */
let productError = 0;

/** fl(a·b), leaving the exact error in productError (Dekker's TwoProduct; no overflow here). */
function product(a: number, b: number): number {
  const p = a * b;
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  productError = aLow * bLow - (p - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
  return p;
}

/**
 * The double of the JSON number in `bytes[start, end)` (the grammar already checked by the caller),
 * bit-identical to `Number` of its text; NaN when that cannot be guaranteed here.
 */
export function decimalToDouble(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  // The significant digits: the first 15 in `high` (below 10^15 < 2^53, exact), the rest in `low`.
  let high = 0;
  let low = 0;
  let lowDigits = 0;
  let significant = 0;
  let exponent = 0;
  let inFraction = false;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 0x2e) {
      inFraction = true;
      continue;
    }
    if (byte < 0x30 || byte > 0x39) break;
    const digit = byte - 0x30;
    if (inFraction) exponent--;
    if (significant === 0 && digit === 0) continue;
    significant++;
    if (significant <= 15) high = high * 10 + digit;
    else if (significant <= 19) {
      low = low * 10 + digit;
      lowDigits++;
    } else return NaN;
  }
  if (i < end) {
    // The exponent: 'e' or 'E', a sign, digits (more than four cannot be in range).
    i++;
    const exponentNegative = bytes[i] === 0x2d;
    if (exponentNegative || bytes[i] === 0x2b) i++;
    if (end - i > 4) return NaN;
    let written = 0;
    for (; i < end; i++) written = written * 10 + (bytes[i]! - 0x30);
    exponent += exponentNegative ? -written : written;
  }
  if (significant === 0) return negative ? -0 : 0;
  if (exponent < -22 || exponent > 22) return NaN;

  // M = mHigh + mLow exactly, mHigh = fl(M).
  let mHigh = high;
  let mLow = 0;
  if (lowDigits > 0) {
    const scaled = product(high, POWERS_OF_TEN[lowDigits]!);
    const scaledError = productError;
    // Knuth's TwoSum: sum + sumError = scaled + low exactly. All are integers, the errors below 2^12,
    // so their sum is exact too.
    const sum = scaled + low;
    const virtual = sum - scaled;
    const sumError = scaled - (sum - virtual) + (low - virtual) + scaledError;
    mHigh = sum + sumError;
    mLow = sumError - (mHigh - sum);
  }

  let q1: number;
  let q2: number;
  if (exponent >= 0) {
    const power = POWERS_OF_TEN[exponent]!;
    q1 = product(mHigh, power);
    q2 = productError + mLow * power;
  } else {
    const power = POWERS_OF_TEN[-exponent]!;
    q1 = mHigh / power;
    const back = product(q1, power);
    // mHigh − back is exact (Sterbenz: they are within a factor of two); the rest is the remainder.
    q2 = (mHigh - back - productError + mLow) / power;
  }
  const margin = Math.abs(q1) * MARGIN;
  const below = q1 + (q2 - margin);
  const above = q1 + (q2 + margin);
  if (below !== above) return NaN;
  return negative ? -below : below;
}
