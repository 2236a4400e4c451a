import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, plural } from '@/lib/format-units';

describe('format units', () => {
  it('writes sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TB');
  });

  it('writes durations from milliseconds to hours', () => {
    expect(formatDuration(-3)).toBe('0 ms');
    expect(formatDuration(240)).toBe('240 ms');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(40_200)).toBe('40 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(299_750)).toBe('5 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });

  it('groups thousands and pluralises', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(plural(1, 'object')).toBe('1 object');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
