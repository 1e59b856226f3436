export type { Condition, Match, QidoKey, QidoQuery, QueryLevel, SequenceCondition } from './query.js';
export { LEVELS, levelDepth } from './query.js';
export { QIDO_KEYS, findKey, UID_OF_LEVEL } from './keys.js';
export { parseQidoQuery, scopedTo, type ParseOptions } from './parse-query.js';
export { normalizePersonName, personNameSearchValues } from './person-name.js';
export { matchesSequenceConditions } from './sequence-match.js';
