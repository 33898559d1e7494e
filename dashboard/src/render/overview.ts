import { $ } from '../dom.ts';
import type { View } from '../views.ts';
import { scoreCard } from './card.ts';

/** The touchpoint cards. */
export const overviewView: View = {
  render({ scores, period }) {
    $('cards').replaceChildren(...scores.map((s) => scoreCard(s, period)));
  },
};
