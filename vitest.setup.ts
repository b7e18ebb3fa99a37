import fc from 'fast-check';

/**
 * Property tests explore new random cases on every developer run; CI replays a fixed seed so a
 * submission's result never depends on the draw. A failure prints its seed: rerun locally with
 * ATELIER_FC_SEED=<seed> to reproduce it.
 */
const configured = process.env.ATELIER_FC_SEED;
const seed = configured ? Number(configured) : process.env.CI ? 20261127 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
