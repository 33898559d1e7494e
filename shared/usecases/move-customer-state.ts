import type { SurveyStore } from '../adapters/dynamo/survey-store.ts';

export interface MoveReport {
  moved: number;
  merged: number;
  kept: number;
  /** False when `shouldStop` ended the run early; running again goes on where it stopped. */
  complete: boolean;
  /** The move had already finished on this stack, so nothing was scanned. */
  alreadyDone?: true;
}

/**
 * Use case: move the customer state of versions before the Customers table (see
 * `SurveyStore.moveLegacyCustomerState`) and remember when it has finished. `skipIfDone` is for the
 * deploy-time trigger, which runs on every deploy that changes its code: after the first complete
 * run it reads one marker item instead of scanning the Surveys table again.
 */
export async function moveCustomerState(
  surveys: SurveyStore,
  now: () => Date,
  options: { skipIfDone?: boolean; shouldStop?: () => boolean; pageSize?: number } = {},
): Promise<MoveReport> {
  if (options.skipIfDone && (await surveys.legacyCustomerStateMoved()))
    return { moved: 0, merged: 0, kept: 0, complete: true, alreadyDone: true };
  const report = await surveys.moveLegacyCustomerState(options);
  if (report.complete) await surveys.markLegacyCustomerStateMoved(now());
  return report;
}
