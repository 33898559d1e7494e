import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, SIGNATURE_REJECTED } from '../../shared/runtime/metrics.ts';
import type { AppFunction } from '../constructs/app-function.ts';

/** CloudWatch namespace of the custom metrics the handlers emit with EMF. */
export { METRIC_NAMESPACE };

/**
 * Custom metrics (no dimensions) the lead's code must emit in CloudWatch embedded metric format,
 * in namespace `Touchpoint`; the alarms below read them.
 */
export const CUSTOM_METRICS = {
  /** Provider calls that failed (SMS/email/voice), per dispatch tick. */
  ProviderFailures: 'ProviderFailures',
  /** Provider calls that succeeded, per dispatch tick. */
  ProviderSends: 'ProviderSends',
  /** Surveys due now but not yet sent, sampled each dispatch tick. */
  DispatchBacklog: 'DispatchBacklog',
  /** Surveys the dispatcher set aside after repeated errors, per tick (`GET /api/surveys/parked`). */
  DispatchParked: 'DispatchParked',
  /** Inbound requests (Twilio, platform webhooks) refused for a missing, wrong or stale signature. */
  SignatureRejected: SIGNATURE_REJECTED,
} as const;

/** Alarm thresholds, named so docs and tests can refer to them. */
export const THRESHOLDS = {
  /** Oldest unprocessed stream record; scores lag by this much. */
  streamIteratorAgeMs: 5 * 60 * 1000,
  /** Share of provider calls that failed over 15 minutes, in percent. */
  providerFailurePercent: 20,
  /** Due surveys waiting, held for 15 minutes (a tick sends far fewer when rate-limited). */
  dispatchBacklog: 1000,
  /** API 5xx responses in 5 minutes. */
  api5xx: 5,
  /** SES suspends sending around 10% bounces and 0.5% complaints; warn well before. */
  sesBounceRate: 0.05,
  sesComplaintRate: 0.001,
  /**
   * Refused inbound signatures in 15 minutes. One is enough: Twilio and the platforms always sign,
   * so a refusal is a wrong PUBLIC_BASE_URL, a secret out of sync, or someone probing the URLs.
   */
  signatureRejections: 1,
} as const;

export interface MonitoringProps {
  readonly alertTopic: ITopic;
  readonly functions: readonly AppFunction[];
  readonly streamConsumer: AppFunction;
  readonly failureQueues: ReadonlyArray<{ readonly name: string; readonly queue: IQueue }>;
  readonly api: HttpApi;
  readonly dashboardName?: string;
}

function customMetric(name: keyof typeof CUSTOM_METRICS, statistic: 'Sum' | 'Maximum'): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: CUSTOM_METRICS[name],
    statistic,
    period: Duration.minutes(5),
  });
}

/** Alarms (all to the alert topic) and one dashboard with the numbers an operator checks first. */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const action = new SnsAction(props.alertTopic);
    const alarm = (alarmId: string, description: string, options: ConstructorParameters<typeof Alarm>[2]) => {
      const created = new Alarm(this, alarmId, { ...options, alarmDescription: description });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const f of props.functions) {
      alarm(`${f.node.id}Errors`, `${f.node.id}: the handler threw (see its log group)`, {
        metric: f.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    const iteratorAge = props.streamConsumer.fn.metric('IteratorAge', {
      statistic: 'Maximum',
      period: Duration.minutes(1),
    });
    alarm('StreamIteratorAge', 'Score aggregation is behind the Responses/Surveys streams', {
      metric: iteratorAge,
      threshold: THRESHOLDS.streamIteratorAgeMs,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    for (const { name, queue } of props.failureQueues) {
      alarm(`${name}Depth`, `${name}: failed events are waiting for inspection or redrive`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    const sends = customMetric('ProviderSends', 'Sum');
    const failures = customMetric('ProviderFailures', 'Sum');
    const failureRate = new MathExpression({
      expression: 'IF(sends + failures > 0, 100 * failures / (sends + failures), 0)',
      usingMetrics: { sends, failures },
      label: 'Provider failure %',
      period: Duration.minutes(5),
    });
    alarm('ProviderFailureRate', 'SMS/email/voice providers are rejecting or failing sends', {
      metric: failureRate,
      threshold: THRESHOLDS.providerFailurePercent,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const backlog = customMetric('DispatchBacklog', 'Maximum');
    alarm('DispatchBacklog', 'Due surveys are piling up (rate limits, provider outage or a stuck tick)', {
      metric: backlog,
      threshold: THRESHOLDS.dispatchBacklog,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // No backlog datapoints at all means the tick is not running.
    alarm('DispatchTickSilent', 'The dispatch tick has emitted no DispatchBacklog metric for 15 minutes', {
      metric: customMetric('DispatchBacklog', 'Maximum').with({ statistic: 'SampleCount' }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });

    alarm('DispatchParked', 'The dispatcher parked a survey it could not process (GET /api/surveys/parked)', {
      metric: customMetric('DispatchParked', 'Sum'),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // A wrong PUBLIC_BASE_URL or a rotated auth token refuses every reply and STOP with a 403 the
    // customer never sees: this is the only place that failure shows.
    const signatureRejected = customMetric('SignatureRejected', 'Sum').with({ period: Duration.minutes(15) });
    alarm(
      'SignatureRejected',
      'Inbound Twilio or webhook signatures are being refused (see docs/security-privacy.md)',
      {
        metric: signatureRejected,
        threshold: THRESHOLDS.signatureRejections,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
    );

    const api5xx = props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' });
    alarm('Api5xx', 'The HTTP API is returning server errors', {
      metric: api5xx,
      threshold: THRESHOLDS.api5xx,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('SesBounceRate', 'SES account bounce rate is high; SES may pause sending', {
      metric: ses('Reputation.BounceRate'),
      threshold: THRESHOLDS.sesBounceRate,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm('SesComplaintRate', 'SES account complaint rate is high; SES may pause sending', {
      metric: ses('Reputation.ComplaintRate'),
      threshold: THRESHOLDS.sesComplaintRate,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const perFunction = (pick: (f: AppFunction) => IMetric) => props.functions.map(pick);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      ...(props.dashboardName && { dashboardName: props.dashboardName }),
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Touchpoint\nAlarms publish to the alert topic. Custom metrics: namespace `Touchpoint` (EMF).',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Provider sends and failures',
        left: [sends, failures],
        right: [failureRate],
        width: 8,
      }),
      new GraphWidget({ title: 'Dispatch backlog', left: [backlog], width: 8 }),
      new GraphWidget({ title: 'Score stream iterator age (ms)', left: [iteratorAge], width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Refused inbound signatures', left: [signatureRejected], width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'HTTP API requests and errors',
        left: [props.api.metricCount({ period: Duration.minutes(5), statistic: 'Sum' })],
        right: [props.api.metricClientError({ period: Duration.minutes(5), statistic: 'Sum' }), api5xx],
        width: 8,
      }),
      new GraphWidget({
        title: 'Function errors',
        left: perFunction((f) => f.fn.metricErrors({ period: Duration.minutes(5), label: f.node.id })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: perFunction((f) =>
          f.fn.metricDuration({ period: Duration.minutes(5), statistic: 'p99', label: f.node.id }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Failure queues (messages waiting)',
        left: props.failureQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), label: name }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'SES reputation',
        left: [ses('Reputation.BounceRate'), ses('Reputation.ComplaintRate')],
        width: 12,
      }),
    );
  }
}
