/**
 * XCSP 2.1 import (the extensional subset used by the Renault benchmarks) and the Megane
 * value labels. Framework-free.
 */
export type { XcspConstraint, XcspDomain, XcspProblem, XcspRelation, XcspVariable } from './parse';
export { parseXcsp, parseMeganeLabels, xcspToSolverModel } from './parse';
export { XcspError } from './xml';
