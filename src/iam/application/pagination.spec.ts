import { pageRequest, toCursorPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a position through an opaque cursor', () => {
    const id = '0b6f3c1e-5d55-4a8e-9a8e-3f1f9f0c2b11';
    const page = toCursorPage({ items: [1], next: { createdAtMicros: '1732320000123456', id } });
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(pageRequest(10, page.nextCursor!)).toEqual({ limit: 10, after: { createdAtMicros: '1732320000123456', id } });
  });

  it('refuses a cursor it did not make', () => {
    expect(() => pageRequest(10, 'bm9wZQ')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    expect(toCursorPage({ items: [] }).nextCursor).toBeNull();
  });
});
