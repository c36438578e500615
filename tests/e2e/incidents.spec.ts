// Running an incident from the console, as the lead and as the rest of the team sees it.
import { TestIds } from '../../shared/test-ids'
import { expect, liveMentions, test } from './fixtures'

test.use({ team: { lena: ['lead'], sam: ['service'] } })

test('a lead opens an incident and puts it on the wall; the team sees it live, without the lead’s controls', async ({
  app
}) => {
  const lena = await app.signIn('lena')
  const sam = await app.signIn('sam')
  await sam.getByTestId(TestIds.tab('incidents')).click()
  await lena.getByTestId(TestIds.tab('incidents')).click()
  await lena.getByTestId(TestIds.incidentCreateName).fill('Website and call centre down')
  await lena.getByTestId(TestIds.incidentCreateSeverity).selectOption('SEV1')
  await lena.getByTestId(TestIds.incidentCreateSubmit).click()

  await expect(sam.getByTestId(TestIds.incidents)).toContainText('Website and call centre down')
  await expect(sam.getByTestId(TestIds.incidentCreateName)).toHaveCount(0)
  await expect(sam.getByTestId(TestIds.incidentResolve)).toHaveCount(0)

  await expect(lena.getByTestId(TestIds.incidentTimeline)).toContainText('lena · Incident opened')
  await lena.getByTestId(TestIds.incidentSeverity).selectOption('SEV2')
  await expect(sam.getByTestId(TestIds.incidents)).toContainText('SEV2')
  await expect(lena.getByTestId(TestIds.incidentTimeline)).toContainText('lena · Severity set to SEV2 (was SEV1)')

  await sam.getByTestId(TestIds.tab('wall')).click()
  await expect(sam.getByTestId(TestIds.wallIncident)).toHaveText('Website and call centre down')

  // a newer incident takes the wall, until the lead puts the first one back
  await lena.getByTestId(TestIds.incidentCreateName).fill('Baggage strike')
  await lena.getByTestId(TestIds.incidentCreateSubmit).click()
  await expect(sam.getByTestId(TestIds.wallIncident)).toHaveText('Baggage strike')
  await expect(lena.getByRole('heading', { name: /^Baggage strike/ })).toBeVisible() // her new incident is selected
  await lena.locator('[data-testid^="incident-row-"]').filter({ hasText: 'Website and call centre down' }).click()
  await expect(lena.getByRole('heading', { name: /^Website and call centre down/ })).toBeVisible()
  await lena.getByTestId(TestIds.incidentOnWall).click()
  await expect(sam.getByTestId(TestIds.wallIncident)).toHaveText('Website and call centre down')

  await lena.getByTestId(TestIds.incidentResolve).click()
  await expect(lena.getByTestId(TestIds.incidentReopen)).toBeVisible()
  await expect(sam.getByTestId(TestIds.wallIncident)).toHaveText('Baggage strike')
})

test('an item is assigned to a role from the detail pane, and its history says so', async ({ app }) => {
  const sam = await app.signIn('sam')
  await app.publish(liveMentions(1, { text: 'My booking code is ABC123, please help' }))
  await sam.getByTestId(TestIds.tab('queue')).click()
  await expect(sam.getByTestId(TestIds.queueDetail)).toContainText('My booking code is ABC123')
  await sam.getByTestId(TestIds.queueAssignTo).selectOption('role:legal')
  await sam.getByTestId(TestIds.queueAssign).click()
  await expect(sam.getByTestId(TestIds.queueDetail)).toContainText('assigned to legal')
  await expect(sam.getByTestId(TestIds.queueHistory)).toContainText('sam assigned → legal')
})
