/** One page of a list, ordered by creation then id; `after` is where the previous page ended. */
export interface PageRequest {
  limit: number;
  after?: PagePosition;
}

/** Creation time in microseconds since the epoch (PostgreSQL's precision, which Date lacks), and id. */
export interface PagePosition {
  createdAtMicros: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  next?: PagePosition;
}
