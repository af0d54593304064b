/**
 * Name normalisation for the duplicate finder (pure; no database). News spells one name many ways, so a name
 * is reduced step by step and each step is kept, so the scorer can say which one made two names equal:
 *   raw → folded (any-ascii: accents and scripts to ASCII, lower case, punctuation to spaces)
 *       → stripped (for people: leading titles and honorifics, trailing suffixes and appositions, particles)
 *       → canonical tokens (transliteration variants folded: x/ks, kh/h, iy/y/i endings, ie/e, ye-/e-, …)
 */
import anyAscii from 'any-ascii';

/** Words that start a person's mention without being part of the name ("Deputy Foreign Minister Ryabkov"). */
const TITLE_WORDS = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady madam monsieur herr he his her excellency hon honorable ' +
    'honourable rev reverend fr father sheikh sheik shaikh emir amir king queen prince princess crown ' +
    'president vice prime premier chancellor minister ministers deputy assistant under secretary general ' +
    'ambassador envoy special chief head acting former ex first foreign affairs interior defence defense ' +
    'state of senator sen rep representative congressman congresswoman governor gov mayor spokesperson ' +
    'spokesman spokeswoman chairman chairwoman chair director commissioner officer official diplomat ' +
    'adviser advisor counsellor counselor consul attache gen lt col colonel maj major capt captain adm admiral ' +
    'marshal commander cmdr sgt us uk american russian ukrainian british french german chinese turkish ' +
    'israeli iranian saudi syrian egyptian iraqi kazakh belarusian polish indian japanese korean'
  ).split(' '),
);
/** Suffixes after a surname. */
const SUFFIX_WORDS = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);
/** Particles that news writes or drops at will (al-Sisi / el-Sisi / Sisi). */
const DROPPED_PARTICLES = new Set(['al', 'el', 'ad', 'ash', 'as', 'an', 'ar', 'at', 'az', 'ud', 'ul']);
/** Variant spellings of one particle. */
const PARTICLE_FORMS: Record<string, string> = { ibn: 'bin', ben: 'bin', abdul: 'abd', abdel: 'abd', abdal: 'abd' };
/** Words that mark a description ("Russian counterpart of Secretary Rubio"), not a name. */
const DESCRIPTION_WORDS = new Set(
  (
    'the his her their its for and to in with a an who which counterpart colleague wife husband son daughter ' +
    'father mother brother sister aide team members member'
  ).split(' '),
);
/** Words ignored when names of things (agencies, places, issues) are compared. */
export const STOP_WORDS = new Set(['the', 'of', 'in', 'for', 'and', 'a', 'an', 'on', 'to', 'at', 'by', 's', 'affairs']);
/** Country words that news uses interchangeably in names of things ("American delegation" / "U.S. delegation"). */
const COUNTRY_FORMS: Record<string, string> = {
  american: 'us',
  america: 'us',
  usa: 'us',
  british: 'uk',
  britain: 'uk',
};
/** Russian patronymics (Sergeyevich, Ivanovna): never a given name or a surname. */
const PATRONYMIC = /^[a-z]{3,}(ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna)$/;

/** ASCII, lower case, every run of non-letters/digits one space; possessives dropped. */
export function fold(s: string): string {
  return anyAscii(s)
    .replace(/\b(?:[A-Za-z]\.){2,}/g, (m) => m.replace(/\./g, '')) // U.S. → US
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokens(s: string): string[] {
  const f = fold(s);
  return f === '' ? [] : f.split(' ');
}

/**
 * One token with its transliteration variants folded, so Darchiyev, Darchiev and Дарчиев meet, as do
 * Yevgeny/Evgeny/Evgeniy, Aleksandr/Alexander, Khodorkovsky/Hodorkovskiy and Mohammed/Muhammad (almost).
 * Order matters: each rule sees the result of the ones before.
 */
export function canonToken(t: string): string {
  let s = t;
  s = s.replace(/x/g, 'ks');
  s = s.replace(/kh/g, 'h').replace(/ph/g, 'f').replace(/w/g, 'v').replace(/ck/g, 'k').replace(/q/g, 'k');
  s = s.replace(/tsch/g, 'ch').replace(/tch/g, 'ch').replace(/sch/g, 'sh').replace(/tz/g, 'ts');
  s = s.replace(/dh/g, 'd').replace(/gh/g, 'g');
  s = s
    .replace(/^ye/, 'e')
    .replace(/^yo/, 'e')
    .replace(/^j(?=[aeiou])/, 'y');
  s = s.replace(/(iy|yi|ii|ij|yj|yy)/g, 'i');
  s = s.replace(/y$/, 'i');
  s = s.replace(/ie/g, 'e').replace(/ou/g, 'u').replace(/oo/g, 'u');
  s = s.replace(/([bcdfgklmnpstvz])er$/, '$1r');
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}

/** The consonant skeleton of a canonical token (first letter kept): a coarse key for blocking. */
export function skeleton(t: string): string {
  if (t.length <= 1) return t;
  return (t[0] ?? '') + t.slice(1).replace(/[aeiouy]/g, '');
}

export interface PersonName {
  /** the mention as given */
  raw: string;
  /** folded tokens before stripping */
  folded: string[];
  /** tokens of the name itself: titles, suffixes and particles removed (never empty if `folded` is not) */
  stripped: string[];
  /** canonical tokens of `stripped` */
  canon: string[];
  /** canonical given names (initials are one letter) */
  given: string[];
  /** canonical surname ('' when there is no token) */
  surname: string;
  /** false for mentions that describe rather than name ("Russian counterpart of Secretary Rubio") */
  nameLike: boolean;
  /** true when titles or honorifics were removed */
  hadTitles: boolean;
}

/** Parses a mention of a person: "Deputy Foreign Minister Sergey Ryabkov", "S. Coulter", "Coulter, the envoy". */
export function parsePersonName(raw: string): PersonName {
  // An apposition after a comma ("Sonata Coulter, Deputy Assistant Secretary") or brackets is not the name.
  const main = raw.replace(/\([^)]*\)/g, ' ').split(/[,;]/)[0] ?? raw;
  const folded = tokens(main);
  // Titles run up to the last title word before the final token: "Kremlin spokesman Dmitry Peskov".
  let start = 0;
  for (let i = folded.length - 2; i >= 0; i--) {
    if (TITLE_WORDS.has(folded[i] ?? '')) {
      start = i + 1;
      break;
    }
  }
  let end = folded.length;
  while (end - 1 > start && SUFFIX_WORDS.has(folded[end - 1] ?? '')) end--;
  let stripped = folded.slice(start, end);
  const hadTitles = start > 0;
  const rest = stripped.filter((t, i) => !(DROPPED_PARTICLES.has(t) && i < stripped.length - 1));
  stripped = (rest.length > 0 ? rest : stripped).map((t) => PARTICLE_FORMS[t] ?? t);
  // A patronymic ends the name when the surname comes first ("Darchiev Aleksandr Sergeyevich").
  const surnameFirst = stripped.length >= 3 && PATRONYMIC.test(stripped[stripped.length - 1] ?? '');
  const named = stripped.filter((t, i) => i === 0 || !PATRONYMIC.test(t));
  const ordered = surnameFirst ? [...named.slice(1), named[0] ?? ''] : named;
  const canon = ordered.map(canonToken);
  // "of" belongs to titles ("Secretary of State"); anywhere else, or with "his", "counterpart"…, it describes.
  const describes = folded.some(
    (t, i) => DESCRIPTION_WORDS.has(t) || (t === 'of' && !TITLE_WORDS.has(folded[i + 1] ?? '')),
  );
  const nameLike =
    stripped.length > 0 &&
    stripped.length <= 5 &&
    !describes &&
    !(stripped.length === 1 && TITLE_WORDS.has(stripped[0] ?? ''));
  return {
    raw,
    folded,
    stripped,
    canon,
    given: canon.slice(0, -1),
    surname: canon[canon.length - 1] ?? '',
    nameLike,
    hadTitles,
  };
}

/** Canonical content tokens of the name of a thing (agency, place, issue, meeting). */
export function thingTokens(raw: string): string[] {
  return tokens(raw)
    .filter((t) => !STOP_WORDS.has(t))
    .map((t) => canonToken(COUNTRY_FORMS[t] ?? t));
}

/** Initials of a multi-word name ("United States" → "us"), or '' for one word. */
export function acronym(raw: string): string {
  const ts = tokens(raw).filter((t) => !STOP_WORDS.has(t));
  return ts.length >= 2 ? ts.map((t) => t[0]).join('') : '';
}
