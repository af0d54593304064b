/**
 * The duplicate finder's public, pure API (no database): the import preview and the article extractor call
 * these with plain nodes; the duplicates repository feeds them from Neo4j.
 */
export { fold, canonToken, parsePersonName, skeleton } from './normalize';
export {
  scorePair,
  isPersonLike,
  PROPOSE_AT,
  type DupNode,
  type Reason,
  type ReasonCode,
  type PairScore,
} from './score';
export {
  findDuplicates,
  findDuplicatesFor,
  bestMatch,
  pairKey,
  MAX_BLOCK,
  type Candidate,
  type Match,
  type BestMatch,
  type FindOptions,
} from './find';
export {
  planMerge,
  apiId,
  foldRelationship,
  type MergePlan,
  type StoredNode,
  type StoredRel,
  type Json,
} from './merge-plan';
