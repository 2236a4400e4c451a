import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pagesFor } from './pages';
import { SEEDED_USERS } from './sign-in';

/**
 * axe-core on every page each role may open: no serious or critical violation (WCAG 2.1 A and
 * AA rules, contrast included). Reported by rule, with the offending elements, so a failure says
 * what to fix. And motion stops for people who ask for less.
 */

for (const user of SEEDED_USERS) {
  test.describe(`as ${user}`, () => {
    test.use({ as: user });

    test('no serious or critical axe violation on any page', async ({ page }) => {
      const found: string[] = [];
      for (const url of pagesFor(user)) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(`${url} ${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? v.help}`);
        }
      }
      expect(found).toEqual([]);
    });
  });
}

/** The pulse of a loading skeleton (Tailwind's animate-pulse, used by skeletons and live dots). */
async function pulse(page: Page) {
  await page.goto('/orders');
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.className = 'animate-pulse';
    document.body.append(probe);
    const { animationDuration, animationIterationCount } = getComputedStyle(probe);
    probe.remove();
    return { animationDuration, animationIterationCount };
  });
}

test.describe('with reduced motion asked for', () => {
  test.use({ reducedMotion: 'reduce' });

  test('nothing pulses', async ({ page }) => {
    expect(await pulse(page)).toEqual({ animationDuration: '1e-05s', animationIterationCount: '1' });
  });
});

test.describe('without', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('skeletons pulse', async ({ page }) => {
    expect(await pulse(page)).toEqual({ animationDuration: '2s', animationIterationCount: 'infinite' });
  });
});
