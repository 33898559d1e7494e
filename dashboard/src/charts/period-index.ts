// The chart's time axis: a module of its own so the browser test can check it across year ends.

const DAY = 86_400_000;

/**
 * A period label as a count of periods since a fixed origin, so the chart spaces points by time:
 * days `2026-03-10`, ISO weeks `2026-W11` (week 1 holds 4 January), months `2026-03`.
 */
export function periodIndex(label: string): number {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) {
    const jan4 = Date.UTC(Number(week[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
    return Math.round((monday + (Number(week[2]) - 1) * 7 * DAY) / (7 * DAY));
  }
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return Number(month[1]) * 12 + Number(month[2]) - 1;
  return Math.round(Date.parse(`${label}T00:00:00Z`) / DAY);
}
