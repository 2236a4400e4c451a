import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  currentBlock,
  darkPalette,
  GLOBALS_CSS,
  readTheme,
  renderBlock,
  THEME_CSS,
} from '@/scripts/dark-palette';
import { contrast } from '@/scripts/lib/contrast';

/**
 * The dark scheme in app/globals.css is generated from the installed Tailwind's palette: after a
 * Tailwind upgrade that changes a colour, this fails until `npx tsx scripts/dark-palette.ts
 * --write` is run. And the pairs the app draws text with keep WCAG AA contrast when dark.
 */

const theme = readTheme(readFileSync(THEME_CSS, 'utf8'));
const dark = new Map(darkPalette(theme));
const color = (name: string) => dark.get(`--color-${name}`)!;

describe('the dark palette', () => {
  it('is what the generator makes of the installed Tailwind theme', () => {
    expect(currentBlock(readFileSync(GLOBALS_CSS, 'utf8'))).toBe(renderBlock(darkPalette(theme)));
  });

  it('swaps light and dark shades of each family', () => {
    expect(color('slate-50')).toBe(theme.get('--color-slate-950'));
    expect(color('red-700')).toBe(theme.get('--color-red-300'));
    expect(color('amber-950')).toBe(theme.get('--color-amber-50'));
    expect(color('brand-600')).toBe(theme.get('--color-blue-300'));
  });

  // Text on its usual background: body copy, secondary text, badges, alerts, filled buttons.
  const TEXT_PAIRS: [string, string][] = [
    ['slate-900', 'white'],
    ['slate-900', 'slate-50'],
    ['slate-700', 'slate-100'],
    ['slate-600', 'white'],
    ['slate-600', 'slate-50'],
    ['slate-500', 'white'],
    ['slate-500', 'slate-50'],
    ['slate-500', 'slate-100'],
    ['brand-700', 'white'],
    ['brand-700', 'brand-50'],
    ['white', 'brand-600'],
    ['white', 'slate-900'],
    ['red-700', 'red-50'],
    ['red-800', 'red-50'],
    ['amber-900', 'amber-50'],
    ['amber-800', 'amber-50'],
    ['emerald-800', 'emerald-50'],
    ['sky-800', 'sky-50'],
    ['rose-800', 'rose-50'],
  ];
  it.each(TEXT_PAIRS)('has %s text on %s at 4.5:1 or more', (text, background) => {
    expect(contrast(color(text), color(background))).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps secondary text dimmer than body text', () => {
    expect(contrast(color('slate-500'), color('white'))).toBeLessThan(
      contrast(color('slate-600'), color('white')),
    );
  });
});
