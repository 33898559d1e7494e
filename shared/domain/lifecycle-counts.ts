import type { Channel } from './model.ts';
import type { SurveyLifecycleChange } from './scoring.ts';
import type { Survey } from './survey.ts';

/**
 * What one survey contributes to the `sent`, `delivered` and `answered` counters (docs/scores.md,
 * "Sent, delivered, answered"). The ONE rule both paths apply: `npm run recompute` sums it over
 * every stored survey, and the stream consumer adds it for a record's new image and subtracts it
 * for the old one, so whatever changes between two images (a fallback re-sending on another
 * channel, an erasure) moves the counts exactly as a recompute would see them.
 *
 * - A survey counts at most once in each counter, whatever its attempts.
 * - All three are counted on the channel of its latest send (`sentChannel`), in the period of the
 *   transition's time: after a fallback the survey moves from the first channel to the one that
 *   reached the customer, and a fallback that was never sent moves nothing.
 * - Test surveys and surveys whose customer was erased count nowhere.
 */
export type LifecycleImage = Partial<
  Pick<
    Survey,
    'touchpoint' | 'channel' | 'sentChannel' | 'sentAt' | 'deliveredAt' | 'answeredAt' | 'test' | 'erasedAt'
  >
>;

export function lifecycleCounts(
  survey: LifecycleImage | undefined,
  delta: 1 | -1 = 1,
): SurveyLifecycleChange[] {
  if (!survey?.touchpoint || survey.test || survey.erasedAt) return [];
  const { touchpoint } = survey;
  // Surveys sent before `sentChannel` was recorded were last sent on `channel`.
  const channel: Channel = survey.sentChannel ?? survey.channel ?? 'sms';
  const out: SurveyLifecycleChange[] = [];
  if (survey.sentAt) out.push({ touchpoint, channel, at: survey.sentAt, counter: 'sent', delta });
  if (survey.deliveredAt)
    out.push({ touchpoint, channel, at: survey.deliveredAt, counter: 'delivered', delta });
  if (survey.answeredAt) out.push({ touchpoint, channel, at: survey.answeredAt, counter: 'answered', delta });
  return out;
}

/** The change of the counters between two images of one survey (either may be missing). */
export function lifecycleChange(
  before: LifecycleImage | undefined,
  after: LifecycleImage | undefined,
): SurveyLifecycleChange[] {
  return [...lifecycleCounts(before, -1), ...lifecycleCounts(after, 1)];
}
