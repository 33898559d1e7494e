import type { TouchpointConfig } from '../domain/touchpoints.ts';
import { type Alert, type AlertMessage, PERSONAL_ALERT_FIELDS } from '../ports/index.ts';

/**
 * The message published for an alert. `minimal` (the default) leaves out everything that names or
 * describes the customer (name, phone, email, comment, order and ticket): subscribers get the
 * survey, touchpoint and score and follow the link to the dashboard, where the alert expires with
 * the raw answers and is erased with the customer. `full` is the explicit opt-in to publish it all.
 */
export function alertMessage(
  alert: Alert,
  detail: TouchpointConfig['alertDetail'],
  publicBaseUrl: string | undefined,
): AlertMessage {
  const link = publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}/#alerts-section` : undefined;
  const message: AlertMessage = { ...alert, detail, ...(link && { link }) };
  if (detail === 'minimal') for (const field of PERSONAL_ALERT_FIELDS) delete message[field];
  return message;
}
