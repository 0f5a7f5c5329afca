import { isTeamExpired } from './team-trial';

const DAY = 24 * 60 * 60 * 1000;

describe('team trial', () => {
  const createdAt = new Date('2026-01-01T00:00:00Z');

  it('is not expired within the trial', () => {
    expect(isTeamExpired({ createdAt, activeProductIds: [] }, new Date(createdAt.getTime() + 30 * DAY), 30)).toBe(false);
  });

  it('expires after the trial without an active product', () => {
    expect(isTeamExpired({ createdAt, activeProductIds: [] }, new Date(createdAt.getTime() + 30 * DAY + 1), 30)).toBe(true);
  });

  it('never expires with an active product', () => {
    expect(isTeamExpired({ createdAt, activeProductIds: ['p'] }, new Date(createdAt.getTime() + 400 * DAY), 30)).toBe(false);
  });
});
