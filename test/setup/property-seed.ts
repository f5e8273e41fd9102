// Property tests draw random cases. On a developer's machine each run draws new ones (more bugs found
// over time; fast-check prints the seed of a failure to replay it). In CI (`CI` set) every run draws the
// same cases, so a submission lands or fails on its code, not on luck. `FC_SEED=N` replays a seed
// anywhere.
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI ? '20261206' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
