import { getComments, type ResponseView } from '../api.ts';
import { $, el, input, select } from '../dom.ts';
import { bandOf, inBand, touchpointLabel } from '../format.ts';
import type { View } from '../views.ts';

function commentItem(r: ResponseView): HTMLLIElement {
  return el(
    'li',
    { 'data-testid': 'comment' },
    el('span', { class: 'pill', text: `${r.score ?? '–'}` }),
    el('span', { text: r.comment ?? '' }),
    el(
      'span',
      { class: 'muted' },
      ` — ${r.touchpoint}, ${r.channel}, `,
      el('time', { datetime: r.answeredAt, text: new Date(r.answeredAt).toLocaleString() }),
    ),
  );
}

/** The latest comments, filtered by touchpoint and "detractors only". */
export const commentsView: View = {
  async render({ scores }) {
    const filter = select('comment-touchpoint');
    if (filter.options.length === 1)
      for (const s of scores)
        filter.append(el('option', { value: s.touchpoint, text: touchpointLabel(s.touchpoint) }));
    const touchpoint = filter.value;
    const page = await getComments({ limit: 20, ...(touchpoint && { touchpoint }) });
    const detractorsOnly = input('detractors-only').checked;
    // Each touchpoint's own detractor band (CSAT 1-5 on 1-10, high effort on the effort scale ...).
    const badBand = new Map(scores.map((s) => [s.touchpoint, bandOf(s, 'bad')]));
    const bad = (r: ResponseView) => {
      const band = badBand.get(r.touchpoint);
      return band !== undefined && inBand(band, r.score);
    };
    const items = page.items.filter((r) => !detractorsOnly || bad(r));
    $('comments').replaceChildren(
      ...(items.length > 0
        ? items.map(commentItem)
        : [el('li', { class: 'muted', text: 'No comments yet.' })]),
    );
  },
};
