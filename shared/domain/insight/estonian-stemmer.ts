/**
 * A light Estonian stemmer: strips inflectional endings so the common forms of a word meet on one
 * key ("pakend", "pakendi", "pakendit", "pakendiga", "pakendeid" -> "pakend").
 *
 * Why our own: the Snowball Estonian algorithm exists (Snowball 3.x), but no well-kept npm package
 * ships it as plain JavaScript (the one that has it is a 376 KB WebAssembly build needing Node 22
 * and a file read next to the bundle at import). This stripper only has to conflate forms for theme
 * matching, where both the taxonomy terms and the comment go through it, so consistency matters
 * more than linguistic exactness. It covers the 14 cases (singular and the -de/-te/-i- plurals),
 * the -ne/-se adjective class, the clitics -gi/-ki, the common finite and non-finite verb endings
 * (-n, -b, -d, -me, -vad, -sin, -s, -nud, -tud, -ma, -da, -takse ...) and k/p/t gradation in the
 * last syllable (pakk/paki). Known limits: the -st partitive of -ne adjectives ("katkist") and strong
 * grade alternations inside the stem (tuba/toa) do not meet their other forms; terms list such forms.
 */

const VOWEL = /[aeiouõäöü]/;
const isVowel = (ch: string | undefined) => ch !== undefined && VOWEL.test(ch);
const VOICELESS = new Set(['k', 'p', 't', 's', 'h', 'f', 'š']);

/** A stem must keep at least this many letters and one vowel. */
const MIN_STEM = 3;

/**
 * The abessive ("vigastusteta", without damage) and the -mata/-matu forms ("lahendamata", unresolved)
 * negate their base: stemmed, they would match the base word and flip its meaning. They stay whole.
 */
const SELF_NEGATING = /(mata|matu|teta|deta|seta)$/;

const hasRoom = (word: string, suffix: string) => {
  const rest = word.slice(0, word.length - suffix.length);
  return rest.length >= MIN_STEM && VOWEL.test(rest);
};

/** Endings that attach to anything long enough (verb forms, the -mine/-mise verbal noun, -id plural). */
const ANY = [
  ...['nuksime', 'nuksite', 'nuksin', 'nuksid', 'ksime', 'ksite', 'ksin', 'ksid'],
  ...['takse', 'dakse', 'mast', 'tavat', 'davat', 'sime', 'site', 'nud', 'tud', 'dud', 'vad', 'id'],
  ...['misega', 'misele', 'misest', 'miseks', 'misel', 'misse', 'mine', 'mise', 'mist', 'misi'],
];
/**
 * Endings that attach to a vowel stem: the plural -te-/-de- case forms, the singular case endings,
 * verb persons, and the one-letter endings (-s, -l, -t, -d, -b, -n), which after a consonant
 * would cut real stems ("pakend", "kuller").
 */
const AFTER_VOWEL = [
  ...['tesse', 'desse', 'tega', 'dega', 'tele', 'dele', 'telt', 'delt', 'test', 'dest', 'teks', 'deks'],
  ...['teta', 'deta', 'teni', 'deni', 'tena', 'dena', 'tel', 'del', 'tes', 'des'],
  ...[
    'sse',
    'sti',
    'sin',
    'sid',
    'mas',
    'st',
    'lt',
    'le',
    'ga',
    'ks',
    'ni',
    'na',
    'ta',
    'ma',
    'da',
    'me',
    'te',
    'de',
  ],
  ...['s', 'l', 't', 'd', 'b', 'n'],
];
/** Longest first, so "-tega" wins over "-ga". */
const ENDINGS = [
  ...ANY.map((ending) => ({ ending, afterVowel: false })),
  ...AFTER_VOWEL.map((ending) => ({ ending, afterVowel: true })),
].sort((a, b) => b.ending.length - a.ending.length);

function stripOne(word: string): string {
  for (const { ending, afterVowel } of ENDINGS) {
    if (!word.endsWith(ending) || !hasRoom(word, ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    if (!afterVowel || isVowel(stem.at(-1))) return stem;
  }
  return word;
}

/** The -ne adjective class (aeglane/aeglase, katkine/katkise): nominative -ne becomes the -se- stem. */
function neToSe(word: string): string {
  if (word.length >= 6 && word.endsWith('ne') && isVowel(word.at(-3))) return `${word.slice(0, -2)}se`;
  return word;
}

function stripClitic(word: string): string {
  if (word.length < 6) return word;
  const before = word.at(-3) ?? '';
  if (word.endsWith('gi') && !VOICELESS.has(before)) return word.slice(0, -2);
  if (word.endsWith('ki') && VOICELESS.has(before)) return word.slice(0, -2);
  return word;
}

const dropVowel = (w: string) => (w.length >= 4 && isVowel(w.at(-1)) && hasRoom(w, 'x') ? w.slice(0, -1) : w);

/** Stems one lower-case Estonian word. Deterministic and allocation-light; call through a cache. */
export function stemEstonian(word: string): string {
  if (word.length <= MIN_STEM || SELF_NEGATING.test(word)) return word;
  let w = stripOne(neToSe(stripClitic(word)));
  // A plural -i- left in front of the case ending (raamatu-i-d, pakende-i-d).
  if (w.endsWith('i') && isVowel(w.at(-2)) && hasRoom(w, 'i')) w = w.slice(0, -1);
  w = dropVowel(w);
  // The -s-/-se- stems (aeglane/aeglase/aeglast, lahendus/lahenduse/lahendust) meet on the short form.
  if (w.length >= 6 && w.endsWith('s') && isVowel(w.at(-2))) w = dropVowel(w.slice(0, -1));
  // Weak/strong grade of k, p, t at the end of the stem (pakk/paki, kott/koti).
  if (/(kk|pp|tt)$/.test(w)) w = w.slice(0, -1);
  return w;
}
