/** The time, as one injectable port, so tests can move it instead of sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /** The time in epoch milliseconds: for hot paths that only compare or record it (no Date per call). */
  nowMs(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  override nowMs(): number {
    return Date.now();
  }
}

/** A clock tests set and advance by hand. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  override nowMs(): number {
    return this.current.getTime();
  }

  set(to: Date): void {
    this.current = new Date(to.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
