/**
 * The extraction rules, as data. Each rule is a pattern in compromise's match syntax
 * (https://observablehq.com/@spencermountain/compromise-match-syntax) over the words of one sentence, with
 * named groups (`[<person>…]`) that pick the ends of what it proposes. Before the rules run, the pipeline tags
 * the words of every entity it found, so that patterns can say:
 *
 * | tag          | words of …                                                             |
 * | ------------ | ---------------------------------------------------------------------- |
 * | `#EntPerson` | a person ("Sonata Coulter", "Coulter", "his Russian counterpart")      |
 * | `#EntAgency` | an agency, delegation or government ("State Department", "Russia’s")   |
 * | `#EntPlace`  | a place used as a location ("in Istanbul")                             |
 * | `#EntParty`  | a person or an agency                                                  |
 * | `#EntTitle`  | a title ("Ambassador", "Deputy Assistant Secretary of State for …")    |
 * | `#MeetVerb`  | a word that says people met ("met", "held talks", "spoke")             |
 * | `#MeetNoun`  | a word for a meeting ("talks", "meeting", "round of consultations")    |
 *
 * compromise's optional named groups (`([<b>…])?`) do not match reliably: write one pattern per variant instead.
 *
 * Every rule has an id (it is reported with each proposal), a confidence and, when the rule proposes what the
 * text implies rather than states, an `inferred` reason. README "From article to graph" explains how to add one.
 */
import type { MEETING_STATUSES } from '../dataset/schema';

export type RelationType = 'LEADS' | 'MEMBER_OF' | 'REPRESENTS' | 'COUNTERPART_OF';

export interface RelationRule {
  id: string;
  /** compromise pattern with the two named groups `from` and `to` */
  match: string;
  type: RelationType;
  confidence: number;
  /** properties the relationship gets, e.g. a role */
  properties?: Record<string, string>;
  /** set when the pattern implies the relationship without stating it: the reason shown to the analyst */
  inferred?: string;
}

/** Person/agency → agency relationships stated by titles and appositions. */
export const RELATION_RULES: readonly RelationRule[] = [
  {
    id: 'led-by',
    match: '[<to>#EntAgency+] (led|headed|chaired|represented) by (#EntTitle+)? [<from>#EntPerson+]',
    type: 'LEADS',
    confidence: 0.9,
  },
  {
    id: 'was-led-by',
    match:
      '[<to>#EntAgency+] (is|was|were|are|will be|would be) (led|headed|chaired) by (#EntTitle+)? [<from>#EntPerson+]',
    type: 'LEADS',
    confidence: 0.9,
  },
  {
    id: 'head-of',
    match:
      '[<from>#EntPerson+] (#EntTitle+)? (the|a)? (head|leader|chief|chair|chairman|chairwoman) of the? [<to>#EntAgency+]',
    type: 'LEADS',
    confidence: 0.85,
  },
  {
    id: 'leads',
    match: '[<from>#EntPerson+] (leads|led|heads|headed|chairs|chaired) (the|a) [<to>#EntAgency+]',
    type: 'LEADS',
    confidence: 0.85,
  },
  {
    id: 'spokesperson-for',
    match:
      '[<from>#EntPerson+] (#EntTitle+)? (a|the)? (spokesperson|spokesman|spokeswoman) (for|of) the? [<to>#EntAgency+]',
    type: 'MEMBER_OF',
    confidence: 0.85,
    properties: { role: 'spokesperson' },
  },
  {
    id: 'agency-spokesperson',
    match: '[<to>#EntAgency+] (spokesperson|spokesman|spokeswoman) [<from>#EntPerson+]',
    type: 'MEMBER_OF',
    confidence: 0.85,
    properties: { role: 'spokesperson' },
  },
  {
    id: 'envoy-of',
    match: '[<to>#EntAgency+] #Acronym? (envoy|ambassador|representative) (to #EntPlace+)? [<from>#EntPerson+]',
    type: 'REPRESENTS',
    confidence: 0.85,
  },
  {
    id: 'ambassador-of',
    match:
      '[<from>#EntPerson+] (#EntTitle+)? (the|a)? (envoy|ambassador|representative) (of|for|from) the? [<to>#EntAgency+]',
    type: 'REPRESENTS',
    confidence: 0.8,
  },
  {
    id: 'minister-of',
    match:
      '[<from>#EntPerson+] (#EntTitle+)? (the|a)? (minister|secretary|official|member|director|adviser|advisor) (of|at|in) the? [<to>#EntAgency+]',
    type: 'MEMBER_OF',
    confidence: 0.8,
  },
  {
    id: 'person-agency-title',
    match:
      '[<from>#EntPerson+] [<to>#EntAgency] (deputy|vice|first|foreign|prime|defence|defense|finance|senior|special)? (deputy|vice|foreign|prime|defence|defense|finance)? (minister|secretary|spokesperson|spokesman|spokeswoman|official|diplomat)',
    type: 'MEMBER_OF',
    confidence: 0.75,
  },
  {
    id: 'agency-minister',
    match: '[<to>#EntAgency+] #EntTitle+ [<from>#EntPerson+]',
    type: 'MEMBER_OF',
    confidence: 0.75,
  },
  {
    id: 'named-counterpart',
    match: '[<from>#EntPerson+] and (his|her|their) #Demonym? counterpart (#EntTitle+)? [<to>#EntPerson+]',
    type: 'COUNTERPART_OF',
    confidence: 0.7,
  },
];

/** Unnamed people the text still attributes acts to ("a State Department spokesperson"). */
export interface UnnamedPersonRule {
  id: string;
  /** `[<who>…]` is the phrase that names the person; `[<of>…]` the agency or person it belongs to */
  match: string;
  /** the words that stand for the person: the `who` group alone, or `of` and `who` together */
  span: 'who' | 'of+who';
  /** the person's name: `{of}` is replaced by the name of the `of` entity */
  name: string;
  /** relationship from the new person to the `of` entity */
  type: 'MEMBER_OF' | 'COUNTERPART_OF';
  confidence: number;
}

export const UNNAMED_PERSON_RULES: readonly UnnamedPersonRule[] = [
  {
    id: 'agency-spokesperson',
    match: '(a|an|the) [<of>#EntAgency+] [<who>(spokesperson|spokesman|spokeswoman)]',
    span: 'of+who',
    name: '{of} spokesperson',
    type: 'MEMBER_OF',
    confidence: 0.7,
  },
  {
    id: 'spokesperson-for-agency',
    match: '(a|an|the) [<who>(spokesperson|spokesman|spokeswoman)] for the? [<of>#EntAgency+]',
    span: 'who',
    name: '{of} spokesperson',
    type: 'MEMBER_OF',
    confidence: 0.7,
  },
  {
    id: 'counterpart',
    match: '[<of>#EntPerson+] and [<who>(his|her) #Demonym? counterpart]',
    span: 'who',
    name: 'counterpart of {of}',
    type: 'COUNTERPART_OF',
    confidence: 0.65,
  },
];

/**
 * Titles that, written with "the" and no name ("the ambassador"), refer to the one person of the article written
 * with that title (coreference.ts); nothing is resolved when two people share it.
 */
export const TITLE_COREFERENCE: readonly string[] = [
  'ambassador',
  'envoy',
  'president',
  'chancellor',
  'premier',
  'senator',
  'spokesperson',
  'spokesman',
  'spokeswoman',
];

/** Words that say a meeting took (or will take) place. Verbs bring their subjects and objects as attendees. */
export const MEETING_VERBS: readonly string[] = [
  '(met|meet|meets) with?',
  '(held|hold|holds|holding) (talks|consultations|discussions|negotiations)',
  '(held|hold|holds|holding) (a|an|the|their|its) #Adjective? (meeting|call|round|session|summit)',
  '(held|hold|holds|holding) (a|an|the|their|its) #Adjective? (phone|video) call',
  '(talked|talks|spoke|speaks|speak) (by phone|on the phone|over the phone)? with',
  '(hosted|hosts|host|received) #EntParty',
  '(sat|sit) down with',
];

/** Nouns for a meeting. A noun brings attendees only through `MEETING_PARTICIPANT_RULES`. */
export const MEETING_NOUNS: readonly string[] = [
  '(round|rounds) of (talks|consultations|negotiations)',
  '(phone|video) call',
  '(talks|meeting|meetings|consultations|session|summit|discussions|negotiations)',
];

/** "talks between X and Y", "a meeting with X": the groups `a` and `b` take part. */
export const MEETING_PARTICIPANT_RULES: readonly string[] = [
  '#MeetNoun+ between (#EntTitle+)? [<a>#EntParty+] and (#EntTitle+)? [<b>#EntParty+]',
  '#MeetNoun+ with (#EntTitle+)? [<a>#EntParty+] and (#EntTitle+)? [<b>#EntParty+]',
  '#MeetNoun+ with (#EntTitle+)? [<a>#EntParty+]',
  '#MeetNoun+ (was|were) attended by (#EntTitle+)? [<a>#EntParty+] and (#EntTitle+)? [<b>#EntParty+]',
  '#MeetNoun+ (was|were) attended by (#EntTitle+)? [<a>#EntParty+]',
];

/** Words near a meeting that make it planned rather than held. */
export const PLANNED_MARKERS: readonly string[] = [
  'will',
  'shall',
  'plan',
  'plans',
  'planned',
  'next',
  'follow-up',
  'upcoming',
  'future',
  'convening',
  'convene',
  'scheduled',
  'expected',
];

/**
 * Words a few places before a meeting that make it planned but would not after it ("agreed to meet again",
 * "was ready to host a new round", "invited him to hold talks"): "they met and agreed on…" stays held.
 */
export const PLANNED_MARKERS_BEFORE: readonly string[] = [
  'agreed',
  'agree',
  'agreeing',
  'ready',
  'invited',
  'invite',
  'proposed',
  'propose',
  'offered',
  'offer',
  'hopes',
  'hoped',
];

/**
 * Words before a meeting noun that make it one particular meeting ("a round of consultations", "the talks", "a
 * phone call between …"); without one ("Trade talks between Canberra and Wellington have stalled") a noun with
 * neither date nor place is a process, not a meeting.
 */
export const MEETING_DETERMINERS: readonly string[] = [
  'a',
  'an',
  'the',
  'this',
  'that',
  'their',
  'its',
  'his',
  'her',
  'another',
  'next',
];

/** "X and Y agreed on / to convene …": the subjects agreed on the (planned) meeting, they did not attend it. */
export const AGREEMENT_RULES: readonly string[] = [
  '[<a>#EntParty+] and (#EntTitle+)? [<b>#EntParty+] (agreed|agree|decided|decide) (on|to)',
  '[<a>#EntParty+] (agreed|agree|decided|decide) (on|to)',
];

/**
 * Parts of a sentence whose people and agencies are not attendees of the meeting the sentence describes: the
 * speaker of a report, relative and causal clauses, the topic of talks. A zone starts at the match and runs to
 * the next comma (or the end of the sentence).
 */
export const EXCLUSION_ZONES: readonly string[] = [
  'according to',
  '(following|amid|because|due) .',
  // a comma is not a word in compromise: `@hasComma` is the word before it; the zone starts at the group `z`
  '@hasComma [<z>(which|who|whose|where)] .',
  '#MeetNoun (on|about|over|regarding|concerning) .',
  '(to discuss|discussing) .',
];

/** Speakers: the party that says something is not, by saying it, an attendee. */
export const SPEAKER_PATTERNS: readonly string[] = [
  'the? [<s>#EntParty+] (said|says|noted|notes|told|added|stated|announced|reported|wrote|confirmed|explained|declared)',
  '(said|says|noted|added|stated|according to) (#EntTitle+)? [<s>#EntParty+]',
];

/** Topics: the phrase after the match (to the next comma, "which" or "that") becomes an Issue. */
export interface IssueRule {
  id: string;
  match: string;
  /** DISCUSSED: the sentence's meeting discussed the issue; RAISED: the `by` group raised it */
  type: 'DISCUSSED' | 'RAISED';
  confidence: number;
  inferred?: string;
}

export const ISSUE_RULES: readonly IssueRule[] = [
  {
    id: 'talks-on',
    match: '#MeetNoun (on|about|over|regarding|concerning)',
    type: 'DISCUSSED',
    confidence: 0.75,
  },
  {
    id: 'discussed',
    match: '(discussed|discussing|to discuss|addressed|focused on|centred on|centered on)',
    type: 'DISCUSSED',
    confidence: 0.7,
  },
  {
    id: 'would-focus-on',
    match: '(would|will) (focus on|discuss|address|cover)',
    type: 'DISCUSSED',
    confidence: 0.5,
    inferred: 'said before the meeting that it would be a subject; the text does not say that it was discussed',
  },
  {
    id: 'central-to',
    match: '(central|key) to the #MeetNoun (was|were)',
    type: 'DISCUSSED',
    confidence: 0.75,
  },
  {
    id: 'concern-over',
    match: '[<by>#EntParty+] (#Adjective|#Verb)? (concern|concerns|worries) (over|about|regarding|on)',
    type: 'RAISED',
    confidence: 0.7,
  },
  {
    id: 'concern-over',
    match: '(concern|concerns|worries) (over|about|regarding|on)',
    type: 'RAISED',
    confidence: 0.6,
  },
  {
    id: 'raised',
    match: '[<by>#EntParty+] (raised|pressed|pressed for|urged|demanded|called for|insisted on)',
    type: 'RAISED',
    confidence: 0.7,
  },
];

export type MeetingStatus = (typeof MEETING_STATUSES)[number];
