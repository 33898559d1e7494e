import { redact } from './log.ts';

/** CloudWatch namespace of the custom metrics the functions write (the stack's alarms read it). */
export const METRIC_NAMESPACE = 'Touchpoint';

/** Inbound requests refused because their signature was missing, wrong or stale (all signed routes). */
export const SIGNATURE_REJECTED = 'SignatureRejected';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Writes one JSON log line that is also a CloudWatch metric (embedded metric format, namespace
 * `Touchpoint`, no dimensions): the fields say what happened, the metric counts it for an alarm.
 * In Lambda it is always written, whatever the log level, because an alarm depends on it;
 * elsewhere (local runtime, tests) it follows `POWERTOOLS_LOG_LEVEL` like every other log line.
 * Field values pass through `redact`, like the logger's.
 */
export function logMetric(
  level: Exclude<Level, 'DEBUG'>,
  message: string,
  metrics: Record<string, number>,
  fields: Record<string, unknown>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  const threshold = (process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase() as Level;
  const enabled = LEVELS.indexOf(level) >= Math.max(0, LEVELS.indexOf(threshold));
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME && !enabled) return;
  write(
    JSON.stringify({
      level,
      message,
      timestamp: new Date().toISOString(),
      service: process.env.POWERTOOLS_SERVICE_NAME ?? 'touchpoint',
      ...redact(fields),
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [[]],
            Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: 'Count' })),
          },
        ],
      },
      ...metrics,
    }),
  );
}
