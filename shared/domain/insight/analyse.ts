import type { Language } from '../model.ts';
import { findMatches, lexiconFor, type Match } from './matcher.ts';
import { DEFAULT_TAXONOMY, type Taxonomy } from './taxonomy.ts';
import { type Token, tokenize } from './text.ts';

/**
 * Comment analysis: sentiment and themes of one free-text comment, from word lists alone
 * (deterministic, no model, no network). How it reads a comment:
 *
 * 1. Tokens get a stem key; taxonomy terms, sentiment words and cue words are found as phrases
 *    (one extra word may stand inside a phrase). A phrase inside a longer one gives way to it ("box
 *    was damaged" is packaging, not a damaged item; "no problem" is not "problem"); a "~" term needs
 *    another term of its theme in the sentence.
 * 2. Clauses end at punctuation and at "but"-words; after a "but" a clause weighs 1.5, before it 0.5.
 * 3. A negator ("not", "nicht", "nem", "не" ...) negates the nearest phrase within three words in
 *    its clause, and the phrases directly joined to it ("didn't arrive on time"). Negation is
 *    boolean, so negative concord ("ничего не сломано") is one negation, and a phrase holding its own
 *    negator ("не сообщил") is not negated again. Negated positive words turn negative; negated
 *    negative words turn mildly positive ("not bad"); a negated theme form flips ("not damaged" is
 *    the damaged-item theme, positive).
 * 4. Sentiment is the weighted sum of sentiment words, theme forms and emoji, cut at +-0.75.
 * 5. A theme topic word ("delivery") takes the sentiment of its clause, or of its sentence when the
 *    clause is flat; a negated topic ("no tracking") counts as negative.
 */

export type Polarity = 'negative' | 'neutral' | 'positive';

/** Character offsets into the analysed text, `end` exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One theme found in a comment, with its polarity and every place it was mentioned. */
export interface ThemeHit {
  theme: string;
  polarity: Polarity;
  spans: TextSpan[];
}

export interface CommentAnalysis {
  sentiment: Polarity;
  /** The signed sentiment sum the label was cut from, for ranking and debugging. */
  score: number;
  themes: ThemeHit[];
}

const POSITIVE_EMOJI = new Set([
  ...'😀😃😄😁😆😊☺🙂😍🥰😘😻👍👌🙏❤💕💖💯🎉🥳✅⭐🌟👏😎🤩💪🤗😇✨💚💙',
  ':)',
  ':-)',
  ':D',
  ':-D',
  ';)',
  ';-)',
  '=)',
  '<3',
  '^^',
  '^_^',
  'xD',
  'XD',
]);
const NEGATIVE_EMOJI = new Set([
  ...'😞😟😠😡🤬😢😭😤👎💔😒🙄😩😫🤮😖😣😕☹🙁❌😰😱🤦😑',
  ':(',
  ':-(',
  ":'(",
  ':/',
  ':-/',
  ':|',
  '=(',
]);

/** Emoji carry their sentiment in the first code point; variation selectors and skin tones do not change it. */
function emojiWeight(text: string): number {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  for (const candidate of [text, first]) {
    if (POSITIVE_EMOJI.has(candidate)) return 1;
    if (NEGATIVE_EMOJI.has(candidate)) return -1;
  }
  return 0;
}

const CONTENT = new Set(['sentiment', 'theme']);
const isContent = (m: Match) => CONTENT.has(m.role.type);
const inside = (inner: Match, outer: Match) =>
  outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;

/** A "~" term stands only beside another term of its theme (another span) in the same sentence. */
function hasContext(m: Match, others: Match[], sentenceOfToken: (i: number) => number | undefined): boolean {
  const role = m.role;
  if (role.type !== 'theme' || !role.needsContext) return true;
  return others.some(
    (o) =>
      o.role.type === 'theme' &&
      o.role.theme === role.theme &&
      (o.start !== m.start || o.end !== m.end) &&
      sentenceOfToken(o.start) === sentenceOfToken(m.start),
  );
}

/** How far (in words) a negator or intensifier reaches. */
const SCOPE = 3;
const CUT = 0.75;
const label = (score: number, cut: number): Polarity =>
  score >= cut ? 'positive' : score <= -cut ? 'negative' : 'neutral';

interface Layout {
  /** Clause index of each token. */
  clause: number[];
  /** Sentence index of each clause. */
  sentenceOf: number[];
  /** Weight of each clause ("but" weighting). */
  weight: number[];
}

function layout(tokens: readonly Token[], contrastStarts: ReadonlySet<number>): Layout {
  const clause: number[] = [];
  const sentenceOf: number[] = [];
  const firstClauseOfSentence: number[] = [];
  const contrastClauses: number[] = [];
  let c = -1;
  let s = -1;
  tokens.forEach((token, i) => {
    const newSentence = i === 0 || token.boundary === 'sentence';
    if (newSentence || token.boundary === 'clause' || contrastStarts.has(i)) {
      c++;
      if (newSentence) {
        s++;
        firstClauseOfSentence[s] = c;
      }
      sentenceOf[c] = s;
      if (contrastStarts.has(i)) contrastClauses.push(c);
    }
    clause.push(c);
  });
  const weight = sentenceOf.map(() => 1);
  for (const k of contrastClauses) {
    const sentence = sentenceOf[k] ?? 0;
    const opensSentence = firstClauseOfSentence[sentence] === k;
    // A sentence that starts with "But ..." answers the sentence before it.
    const from = firstClauseOfSentence[opensSentence ? Math.max(0, sentence - 1) : sentence] ?? 0;
    for (let j = from; j < k; j++) weight[j] = 0.5;
    for (let j = k; j < weight.length && sentenceOf[j] === sentence; j++) weight[j] = 1.5;
  }
  return { clause, sentenceOf, weight };
}

const NEGATING = new Set(['negator', 'lookBack', 'post']);

/**
 * Which content matches each negator negates. A phrase that itself starts with a negator ("no llegó",
 * "never arrived") and runs straight into another phrase ("no llegó roto": did not arrive broken)
 * gives way: its negator negates what follows instead. Returns the content without such phrases.
 */
function negations(
  matches: Match[],
  phrases: Match[],
  clause: number[],
): { content: Match[]; negated: Set<Match> } {
  const sameClause = (a: number, b: number) => clause[a] === clause[b];
  const cues = matches.filter((m) => NEGATING.has(m.role.type));
  const contrastStarts = new Set(matches.filter((m) => m.role.type === 'contrast').map((m) => m.start));
  const yielding = new Set(
    phrases.filter(
      (p) =>
        cues.some((cue) => cue.start === p.start && cue.end < p.end) &&
        phrases.some((next) => next.start === p.end && sameClause(next.start, p.start)),
    ),
  );
  const content = phrases.filter((p) => !yielding.has(p));
  // "Unfortunately" opens a clause as a "but"-word: it is not what a following "not" negates. A phrase
  // that holds its own negator ("не сообщил") is already negative: negative concord ("никто ничего
  // не сообщил") does not flip it back.
  const negatesItself = (p: Match) => cues.some((cue) => p.start <= cue.start && cue.end <= p.end);
  const targets = content.filter((m) => !contrastStarts.has(m.start) && !negatesItself(m));
  const negated = new Set<Match>();
  for (const cue of cues) {
    const type = cue.role.type;
    if (content.some((m) => m.start <= cue.start && cue.end <= m.end)) continue; // part of a phrase
    if (type !== 'post') {
      const ahead = targets
        .filter((m) => m.start >= cue.end && m.start < cue.end + SCOPE && sameClause(m.start, cue.start))
        .sort((a, b) => a.start - b.start);
      const nearest = ahead[0];
      if (nearest) {
        // The nearest phrase and the phrases chained directly after it ("didn't arrive on time"). A
        // topic word that only carries a verdict ("no llegó roto") is not what is denied.
        const chain: Match[] = [];
        let reach = nearest.start;
        for (const m of ahead) {
          if (m.start > reach) break;
          chain.push(m);
          reach = Math.max(reach, m.end);
        }
        const verdicts = chain.filter((m) => !(m.role.type === 'theme' && m.role.form === 'topic'));
        for (const m of verdicts.length > 0 ? verdicts : chain) negated.add(m);
        continue;
      }
      if (type === 'negator') continue;
    }
    // Looking back: a clause-final "nicht"/"niet" negates the predicate, which in the lexicon is a verb or
    // adjective (a theme form, a positive word: "gefällt mir nicht", "gelöst ist es nicht"), not a
    // complaint noun ("Problem"), which takes "kein" instead.
    const behind = targets
      .filter((m) => m.end <= cue.start && sameClause(m.start, cue.start))
      .filter((m) => type === 'lookBack' || m.end > cue.start - SCOPE)
      .sort((a, b) => b.end - a.end);
    const predicate = (m: Match) =>
      (m.role.type === 'theme' && m.role.form !== 'topic') ||
      (m.role.type === 'sentiment' && m.role.weight > 0);
    const nearest = (type === 'lookBack' ? behind.find(predicate) : undefined) ?? behind[0];
    if (nearest) for (const m of behind) if (m.end === nearest.end) negated.add(m);
  }
  return { content, negated };
}

/** The signed sentiment a content match adds, before clause weighting. */
function contribution(m: Match, negated: boolean): number {
  const role = m.role;
  if (role.type === 'sentiment')
    return negated ? (role.weight > 0 ? -role.weight : -role.weight * 0.5) : role.weight;
  if (role.type !== 'theme') return 0;
  if (role.form === 'positive') return negated ? -1 : 1;
  if (role.form === 'negative') return negated ? 1 : -1;
  return negated ? -1 : 0;
}

interface Scores {
  /** The comment's weighted sentiment sum. */
  total: number;
  /** Unweighted sums per clause and per sentence, for the polarity of topic words. */
  clause: Map<number, number>;
  sentence: Map<number, number>;
}

/** Sums the sentiment of phrases and emoji; each token speaks once, longer phrases first. */
function score(
  tokens: readonly Token[],
  content: Match[],
  negated: Set<Match>,
  intensified: Set<Match>,
  l: Layout,
): Scores {
  const used = new Set<number>();
  const clauseScore = new Map<number, number>();
  let total = 0;
  const addAt = (tokenIndex: number, raw: number) => {
    const c = l.clause[tokenIndex] ?? 0;
    clauseScore.set(c, (clauseScore.get(c) ?? 0) + raw);
    total += raw * (l.weight[c] ?? 1);
  };
  // Longer phrases first, so "not happy" counts and its "happy" does not; on the same words a theme
  // form speaks rather than the plain sentiment word ("nicht beschädigt" is the positive form).
  const themeFirst = (m: Match) => (m.role.type === 'theme' ? 0 : 1);
  const bySpan = [...content].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || themeFirst(a) - themeFirst(b),
  );
  for (const m of bySpan) {
    let overlap = false;
    for (let i = m.start; i < m.end; i++) overlap ||= used.has(i);
    if (overlap) continue;
    const raw = contribution(m, negated.has(m)) * (intensified.has(m) ? 1.5 : 1);
    if (raw === 0) continue;
    for (let i = m.start; i < m.end; i++) used.add(i);
    addAt(m.start, raw);
  }
  const seenEmoji = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'emoji' || seenEmoji.has(token.text)) return;
    seenEmoji.add(token.text);
    addAt(i, emojiWeight(token.text));
  });
  const sentence = new Map<number, number>();
  for (const [c, value] of clauseScore) {
    const s = l.sentenceOf[c] ?? 0;
    sentence.set(s, (sentence.get(s) ?? 0) + value);
  }
  return { total, clause: clauseScore, sentence };
}

/** One hit per theme: every span, and the polarity the majority of its mentions have. */
function themeHits(
  tokens: readonly Token[],
  content: Match[],
  negated: Set<Match>,
  scores: Scores,
  l: Layout,
): ThemeHit[] {
  // A topic word takes its clause's sentiment, or its sentence's when the clause is flat.
  const topicPolarity = (tokenIndex: number): Polarity => {
    const c = l.clause[tokenIndex] ?? 0;
    const own = label(scores.clause.get(c) ?? 0, 0.5);
    return own !== 'neutral' ? own : label(scores.sentence.get(l.sentenceOf[c] ?? 0) ?? 0, 0.5);
  };
  const hits = new Map<string, { positive: number; negative: number; spans: TextSpan[] }>();
  for (const m of content) {
    if (m.role.type !== 'theme') continue;
    const isNegated = negated.has(m);
    const polarity: Polarity =
      m.role.form === 'topic'
        ? isNegated
          ? 'negative'
          : topicPolarity(m.start)
        : (m.role.form === 'positive') !== isNegated
          ? 'positive'
          : 'negative';
    const hit = hits.get(m.role.theme) ?? { positive: 0, negative: 0, spans: [] };
    if (polarity !== 'neutral') hit[polarity]++;
    const first = tokens[m.start];
    const last = tokens[m.end - 1];
    if (first && last && !hit.spans.some((s) => s.start === first.start && s.end === last.end))
      hit.spans.push({ start: first.start, end: last.end });
    hits.set(m.role.theme, hit);
  }
  const themes = [...hits].map(([theme, h]): ThemeHit => {
    // Mixed mentions of one theme: the majority decides, a tie counts as a complaint.
    const polarity: Polarity =
      h.positive + h.negative === 0 ? 'neutral' : h.positive > h.negative ? 'positive' : 'negative';
    return { theme, polarity, spans: h.spans.sort((a, b) => a.start - b.start) };
  });
  return themes.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
}

/**
 * Sentiment and themes of one comment. `taxonomy` defaults to the shipped e-commerce one; pass
 * `config.themes.items` to use an admin's. Spans index `text` as given (up to `MAX_ANALYSED_CHARS`).
 */
export function analyseComment(
  text: string,
  language: Language,
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
): CommentAnalysis {
  const tokens = tokenize(text, language);
  const matches = findMatches(tokens, lexiconFor(taxonomy, language));
  const all = matches.filter(isContent);
  const contrastStarts = new Set(matches.filter((m) => m.role.type === 'contrast').map((m) => m.start));
  const l = layout(tokens, contrastStarts);
  const kept = all.filter((m) => !all.some((other) => inside(m, other)));
  const phrases = kept.filter((m) => hasContext(m, kept, (i) => l.sentenceOf[l.clause[i] ?? 0]));
  const { content, negated } = negations(matches, phrases, l.clause);
  const intensified = new Set<Match>();
  for (const cue of matches) {
    if (cue.role.type !== 'intensifier') continue;
    const target = content
      .filter((m) => m.start >= cue.end && m.start < cue.end + 2 && l.clause[m.start] === l.clause[cue.start])
      .sort((a, b) => a.start - b.start)[0];
    if (target) intensified.add(target);
  }
  const scores = score(tokens, content, negated, intensified, l);
  return {
    sentiment: label(scores.total, CUT),
    score: Math.round(scores.total * 100) / 100,
    themes: themeHits(tokens, content, negated, scores, l),
  };
}
