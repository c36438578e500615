// Opening the console: what a team member sees before they are in.
import { TestIds } from '../../shared/test-ids'
import { expect, test } from './fixtures'

test('a console that cannot reach the engine at first keeps asking, and does not ask to sign in', async ({ app }) => {
  const screen = await app.newScreen({ width: 1600, height: 1000 })
  // the first two questions of "who am I" get no answer, as when the engine is restarting
  let refused = 0
  await screen.route('**/api/me', (route) => (refused++ < 2 ? route.abort('connectionrefused') : route.continue()))
  await screen.goto(`${app.httpUrl}/`)
  await expect(screen.getByTestId(TestIds.consoleConnecting)).toContainText('can’t be reached yet')
  // then the engine answers: the local operator's console, not a sign-in form
  await expect(screen.getByTestId(TestIds.consoleSignIn)).toBeVisible()
  await expect(screen.getByTestId(TestIds.loginUser)).toHaveCount(0)
  expect(refused).toBe(3)
})
