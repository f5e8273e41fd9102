/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * machine, so a division proposal is reproducible. Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed of one community's stream: the proposal's seed mixed with its code (FNV-1a), so that a
 * community is divided the same whichever other communities are divided with it, and in whatever order.
 */
export function seedFor(seed: number, code: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let k = 0; k < code.length; k++) hash = Math.imul(hash ^ code.charCodeAt(k), 0x01000193);
  return hash >>> 0;
}
