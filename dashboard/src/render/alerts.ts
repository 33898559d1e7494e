import { getAlerts, type StoredAlert } from '../api.ts';
import { $, el } from '../dom.ts';
import type { View } from '../views.ts';

function alertItem(a: StoredAlert): HTMLLIElement {
  const contact = `${a.customer.name ?? a.customer.id ?? ''} ${a.customer.phone ?? a.customer.email ?? ''}`;
  const about = `${a.orderId ? `order ${a.orderId}` : ''}${a.ticketId ? `ticket ${a.ticketId}` : ''}`;
  return el(
    'li',
    {},
    el('span', {
      class: 'pill',
      text: `${a.kind === 'detractor' ? 'Detractor' : 'Negative comment'} ${a.score ?? ''}`,
    }),
    el('span', { text: `${a.touchpoint} · ${contact} ${about}` }),
    a.comment ? el('div', { text: `“${a.comment}”` }) : null,
  );
}

/** The open detractor alerts, with the contact to call back; hidden when the API has none. */
export const alertsView: View = {
  async render() {
    const data = await getAlerts(20);
    if (!data) {
      $('alerts-section').hidden = true;
      return;
    }
    $('alerts').replaceChildren(
      ...(data.items.length > 0
        ? data.items.map(alertItem)
        : [el('li', { class: 'muted', text: 'No open alerts.' })]),
    );
  },
};
