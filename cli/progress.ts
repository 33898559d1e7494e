import type { RecomputeProgress } from '../shared/usecases/recompute.ts';

/** A one-line progress bar on stderr (only when stderr is a terminal, so pipes stay clean). */
export class ProgressBar {
  private last = 0;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total?: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.last < 100 && done !== total) return;
    this.last = now;
    const width = 30;
    const bar =
      total && total > 0
        ? `[${'#'.repeat(Math.round((done / total) * width)).padEnd(width, ' ')}] ${Math.floor((done / total) * 100)}%`
        : `[${'#'.repeat(done % (width + 1)).padEnd(width, ' ')}]`;
    this.stream.write(`\r${this.label} ${bar} ${done}${total ? `/${total}` : ''}`);
  }

  done(message = ''): void {
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${message ? `${message}\n` : ''}`);
  }
}

/** One bar per recompute phase (reading responses, reading surveys, writing aggregates). */
export function recomputeProgress(): { update: (p: RecomputeProgress) => void; done: () => void } {
  const bars = {
    responses: new ProgressBar('reading responses'),
    surveys: new ProgressBar('reading surveys'),
    writing: new ProgressBar('writing aggregates'),
  };
  return { update: (p) => bars[p.phase].update(p.done, p.total), done: () => bars.writing.done() };
}
