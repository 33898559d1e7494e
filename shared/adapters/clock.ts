import type { Clock } from '../ports/index.ts';

/** Wall-clock time, for AWS. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Time that flows with the wall clock but can be moved forward or set (local runtime and tests):
 * `POST /dev/clock` moves it so delays of hours or days can be tried in seconds.
 */
export class VirtualClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly wallClock: () => number = Date.now) {}

  now(): Date {
    return new Date(this.wallClock() + this.offsetMs);
  }

  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  set(at: Date): Date {
    this.offsetMs = at.getTime() - this.wallClock();
    return this.now();
  }
}

/** A clock that only moves when told to: for deterministic tests. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(seconds: number): Date {
    this.current = new Date(this.current.getTime() + seconds * 1000);
    return this.now();
  }
  set(at: Date): Date {
    this.current = new Date(at.getTime());
    return this.now();
  }
}
