// Broadcast from the console: the lead approves, PR broadcasts to three channels, and the
// wall's channel strip goes from queued to confirmed as the gateways answer; a channel whose
// gateway fails shows the failure in words, on the wall and in the delivery list.
import { startGateways } from '../../electron/host/gateway-sim'
import { TestIds } from '../../shared/test-ids'
import { apiAs, expect, openIncident, test } from './fixtures'

test.use({ team: { lars: ['lead'], priya: ['pr'], lea: ['legal'] } })

test('approve, broadcast, and watch the wall strip go from queued to confirmed; a failed channel shows its error', async ({
  app
}) => {
  // downstream gateways: SMS and the airport displays (voice) confirm; the X gateway fails
  const gateways = await startGateways({
    url: app.mqttUrl,
    dataDir: app.dataDir,
    channels: ['sms', 'x', 'voice'],
    answer: (channel) =>
      channel === 'x' ? { status: 'failed', error: 'X rejected the post: duplicate content' } : { status: 'delivered' }
  })

  const lars = await app.signIn('lars')
  const priya = await app.signIn('priya')
  await openIncident(lars, 'lars', 'IT outage: website and call centre down')

  // drafted through the same API the console uses, then approved in the console
  const [incident] = await apiAs<{ id: number }[]>(priya, 'GET', '/api/incidents')
  const text = 'Our website and call centre are down. We are working on it. Next update 12:00 UTC.'
  const texts = ['sms', 'x', 'voice'].map((channel) => ({ channel, lang: 'en', text }))
  const { id } = await apiAs<{ id: number }>(priya, 'POST', '/api/statements', {
    incident: incident.id,
    title: 'Outage',
    texts,
    nextUpdateAt: new Date(Date.now() + 3600_000).toISOString()
  })
  await lars.getByTestId(TestIds.tab('statements')).click()
  await lars.getByTestId(TestIds.statementRow(id)).click()
  await lars.getByTestId(TestIds.statementApprove).click()
  await expect(lars.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'approved')

  await app.openWall()
  await expect(app.page.getByTestId(TestIds.wallChannels)).toContainText('Nothing broadcast yet.')
  // a channel with nothing behind it says so before anyone broadcasts
  await expect(app.page.getByTestId(TestIds.wallChannel('facebook'))).toHaveAttribute('data-gateway', 'none')
  await expect(app.page.getByTestId(TestIds.wallChannels)).toContainText(
    'no gateway listening (6): facebook, instagram, mastodon'
  )

  await priya.getByTestId(TestIds.tab('statements')).click()
  await priya.getByTestId(TestIds.statementRow(id)).click()
  // one action: the statement's own channels come preselected, and one confirmation names what goes out
  for (const c of ['sms', 'x', 'voice']) await expect(priya.getByTestId(TestIds.broadcastChannel(c))).toBeChecked()
  await expect(priya.getByTestId(TestIds.broadcastAll)).toBeChecked()
  await priya.getByTestId(TestIds.broadcastSend).click()
  await expect(priya.getByTestId(TestIds.broadcastPlan)).toContainText(
    'Send revision 1 to 3 channels × 1 language (3 deliveries): x, sms, voice in en?'
  )
  await priya.getByTestId(TestIds.broadcastConfirm).click()

  await expect(app.page.getByTestId(TestIds.wallChannel('sms'))).toHaveAttribute('data-state', 'confirmed')
  await expect(app.page.getByTestId(TestIds.wallChannel('voice'))).toHaveAttribute('data-state', 'confirmed')
  await expect(app.page.getByTestId(TestIds.wallChannel('sms'))).toContainText(`statement ${id}`)
  await expect(app.page.getByTestId(TestIds.wallChannel('x'))).toHaveAttribute('data-state', 'failed')
  await expect(app.page.getByTestId(TestIds.wallChannel('x'))).toContainText(
    '⚠ failed: the x gateway: X rejected the post: duplicate content'
  )

  // legal sees the deliveries, and who may broadcast
  const lea = await app.signIn('lea')
  await lea.getByTestId(TestIds.tab('statements')).click()
  await lea.getByTestId(TestIds.statementRow(id)).click()
  await expect(lea.getByTestId(TestIds.broadcastWho)).toContainText('Broadcasting is for lead and pr; you have legal.')
  await expect(lea.getByTestId(TestIds.broadcastSend)).toHaveCount(0)

  // the lead, elsewhere in the console, is alerted and taken to the failed delivery
  await lars.getByTestId(TestIds.tab('incidents')).click()
  await expect(lars.getByTestId(TestIds.deliveryAlerts)).toContainText(
    'to x (en) failed: the x gateway: X rejected the post: duplicate content'
  )
  await lars.locator('[data-testid^="delivery-alert-open-"]').click()
  await expect(lars.locator('[data-testid^="delivery-row-"][data-state="failed"]')).toContainText('X rejected the post')

  const failedRow = priya.locator('[data-testid^="delivery-row-"][data-state="failed"]')
  await expect(failedRow).toContainText('X rejected the post: duplicate content')
  await expect(priya.locator('[data-testid^="delivery-row-"][data-state="confirmed"]')).toHaveCount(2)
  // the gateways go away: their sessions stay with the broker, and the wall says so at once
  await gateways.close()
  await expect(app.page.getByTestId(TestIds.wallChannel('sms'))).toContainText(
    'gateway away: the broker holds messages for it'
  )
})
