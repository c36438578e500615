// What `npm start` opens on: the ash-cloud drill, marked DRILL, with volume moving.
import { TestIds } from '../../shared/test-ids'
import { expect, test } from './fixtures'

test.use({ demo: 'ash-cloud' })

test('the console opens on the live drill, clearly marked, with volume moving', async ({ app }) => {
  await app.openConsole()
  await expect(app.page.getByTestId(TestIds.wallDrillBadge)).toHaveText('DRILL')
  await expect(app.page.getByTestId(TestIds.wallIncident)).toContainText('Ash cloud')
  await expect(app.page.getByTestId(TestIds.wallClock)).toContainText(/T\+00:4\d/)
  const total = app.page.getByTestId(TestIds.wallTotal)
  await expect(total).not.toHaveText('0')
  const first = await total.textContent()
  await expect(total).not.toHaveText(first!) // the drill keeps publishing, live
  await expect(app.page.getByTestId(TestIds.consoleDeadLetters)).toContainText(/\d+ rejected/)
})
