// A holding statement from draft to wall: PR drafts from a template with typed facts and
// sees every channel checked while typing; the lead approves; the wall shows the approved
// words and counts down to the promised next update.
import { TestIds } from '../../shared/test-ids'
import { apiAs, expect, openIncident, test } from './fixtures'

test.use({ team: { lars: ['lead'], priya: ['pr'] } })

/** A datetime-local value `minutes` from now, in the browser's zone (the fact's zone field says which). */
const inMinutes = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

test('PR drafts from a template, the lead approves, and the wall shows the statement with its promise clock', async ({
  app
}) => {
  const lars = await app.signIn('lars')
  const priya = await app.signIn('priya')
  await openIncident(lars, 'lars', 'Ash cloud over northern Europe')

  await priya.getByTestId(TestIds.tab('statements')).click()
  await priya.getByTestId(TestIds.statementNew).click()
  await expect(priya.getByTestId(TestIds.statementTemplate)).toHaveValue('airspace-closure')
  await priya.getByTestId(TestIds.statementLanguage('nl')).check()
  await priya.getByTestId(TestIds.statementFact('area')).fill('northern Europe')
  await priya.getByTestId(TestIds.statementFact('cancelled')).fill('12500')
  await priya.getByTestId(TestIds.statementFact('rebookUrl')).fill('https://example.com/rebook')
  await priya.getByTestId(TestIds.statementFact('hotline')).fill('+31 20 123 4567')
  await priya.getByTestId(TestIds.statementFactZone('nextUpdate')).fill('UTC')
  const promised = inMinutes(90)
  await priya.getByTestId(TestIds.statementFact('nextUpdate')).fill(promised)

  // every channel rendered from the same facts, checked live
  await expect(priya.getByTestId(TestIds.statementVariant('x', 'nl'))).toHaveValue(/12\.500 vluchten/)
  await expect(priya.getByTestId(TestIds.statementVariantCheck('x', 'en'))).toHaveAttribute('data-ok', 'true')
  await expect(priya.getByTestId(TestIds.statementVariantCheck('sms', 'en'))).toContainText('GSM-7')

  // a hand edit over X's limit is caught while typing, and so is a flight the facts don't name
  const x = priya.getByTestId(TestIds.statementVariant('x', 'en'))
  const rendered = await x.inputValue()
  await x.fill(`${rendered} ${'More soon. '.repeat(20)}`)
  await expect(priya.getByTestId(TestIds.statementVariantCheck('x', 'en'))).toContainText('over the limit of 280')
  await x.fill(`${rendered} KL1234`)
  await expect(priya.getByTestId(TestIds.statementVariantCheck('x', 'en'))).toContainText(
    '"KL1234" is not a reference given in the facts'
  )
  await x.fill(rendered)
  await expect(priya.getByTestId(TestIds.statementVariantCheck('x', 'en'))).toHaveAttribute('data-ok', 'true')
  await priya.getByTestId(TestIds.statementSubmit).click()
  await expect(priya.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'pending')
  // PR can't approve: the button isn't there for her
  await expect(priya.getByTestId(TestIds.statementApprove)).toHaveCount(0)
  // the lead, on another tab, sees one waiting for him; PR, who can't approve, sees none
  await expect(lars.getByTestId(TestIds.statementsAwaiting)).toHaveText('1')
  await expect(priya.getByTestId(TestIds.statementsAwaiting)).toHaveCount(0)

  // the unnamed operator at the war-room machine may not approve, and is told why
  await app.openConsole()
  await app.page.getByTestId(TestIds.tab('statements')).click()
  await app.page.locator('[data-testid^="statement-row-"]').first().click()
  await expect(app.page.getByTestId(TestIds.statementApprove)).toBeDisabled()
  await expect(app.page.getByTestId(TestIds.statementApproveSignIn)).toContainText('sign in as yourself to approve')
  await expect(app.page.getByTestId(TestIds.statementsAwaiting)).toHaveCount(0)

  await app.openWall()
  await expect(app.page.getByTestId(TestIds.wallStatement)).toHaveAttribute('data-state', 'none')

  await lars.getByTestId(TestIds.tab('statements')).click()
  await lars.locator('[data-testid^="statement-row-"]').first().click()
  await expect(lars.getByTestId(TestIds.statementState)).toContainText('drafted by priya')
  await lars.getByTestId(TestIds.statementApprove).click()
  await expect(lars.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'approved')
  await expect(lars.getByTestId(TestIds.statementsAwaiting)).toHaveCount(0)
  await expect(priya.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'approved')

  // the wall, already open, takes the approved words and counts down to the promise
  await expect(app.page.getByTestId(TestIds.wallStatement)).toHaveAttribute('data-state', 'current')
  await expect(app.page.getByTestId(TestIds.wallStatementText)).toContainText('northern Europe')
  await expect(app.page.getByTestId(TestIds.wallPromiseClock)).toHaveAttribute('data-state', 'due')
  // counts down to the promised time, entered in UTC above (the input keeps whole minutes)
  await expect(app.page.getByTestId(TestIds.wallPromiseClock)).toHaveAttribute('title', `${promised}:00.000Z`)
  await expect(app.page.getByTestId(TestIds.wallPromiseClock)).toContainText(/: in 1:[0-2]\d:\d\d$/)
  await expect(priya.locator('[data-testid^="statement-promise-"]').first()).toHaveAttribute('data-state', 'due')

  await lars.getByTestId(TestIds.tab('incidents')).click()
  await expect(lars.getByTestId(TestIds.incidentTimeline)).toContainText(
    'lars · Statement "Airspace closure / mass cancellation" r1 approved'
  )

  // a revision may change the facts and the promise: the count grew, the next update moves later
  await priya.getByTestId(TestIds.statementEdit).click()
  await expect(priya.getByTestId(TestIds.statementFact('cancelled'))).toHaveValue('12500')
  await expect(priya.getByTestId(TestIds.statementFact('nextUpdate'))).toHaveValue(promised)
  await priya.getByTestId(TestIds.statementFact('cancelled')).fill('14000')
  const later = inMinutes(150)
  await priya.getByTestId(TestIds.statementFact('nextUpdate')).fill(later)
  await priya.getByTestId(TestIds.statementSaveRevision).click()
  await expect(priya.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'pending')
  const [incident] = await apiAs<{ id: number }[]>(priya, 'GET', '/api/incidents')
  const [revised] = await apiAs<
    { latest: { number: number; nextUpdateAt: string; variants: { channel: string; lang: string; text: string }[] } }[]
  >(priya, 'GET', `/api/statements?incident=${incident.id}`)
  expect(revised.latest).toMatchObject({ number: 2, nextUpdateAt: `${later}:00.000Z` })
  expect(revised.latest.variants.find((v) => v.channel === 'x' && v.lang === 'nl')?.text).toMatch(/14\.000 vluchten/)
})

test('a promise past its time turns the wall red and says overdue', async ({ app }) => {
  const lars = await app.signIn('lars')
  const priya = await app.signIn('priya')
  await openIncident(lars, 'lars', 'Call centre down')

  // drafted through the same API the console uses, promising an update a minute ago
  const [incident] = await apiAs<{ id: number }[]>(priya, 'GET', '/api/incidents')
  const hebrew = '\u05D0\u05E0\u05D7\u05E0\u05D5 \u05E2\u05D5\u05D1\u05D3\u05D9\u05DD \u05E2\u05DC \u05D6\u05D4'
  const created = await apiAs<{ id: number }>(priya, 'POST', '/api/statements', {
    incident: incident.id,
    texts: [{ channel: 'x', lang: 'he', text: hebrew }],
    nextUpdateAt: new Date(Date.now() - 60_000).toISOString()
  })
  await lars.getByTestId(TestIds.tab('statements')).click()
  await lars.getByTestId(TestIds.statementRow(created.id)).click()
  // the approver is told before approving
  await expect(lars.getByTestId(TestIds.statementPromiseLapsed)).toContainText('has already passed')
  // PR can give it a later promise in a revision (shown in the incident's zone, UTC here); the warning goes
  await priya.getByTestId(TestIds.tab('statements')).click()
  await priya.getByTestId(TestIds.statementRow(created.id)).click()
  await priya.getByTestId(TestIds.statementEdit).click()
  await expect(priya.getByTestId(TestIds.statementRevisePromiseZone)).toHaveValue('UTC')
  const later = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 16)
  await priya.getByTestId(TestIds.statementRevisePromise).fill(later)
  await priya.getByTestId(TestIds.statementSaveRevision).click()
  await expect(lars.getByTestId(TestIds.statementPromiseLapsed)).toHaveCount(0)
  const [revised] = await apiAs<{ latest: { number: number; nextUpdateAt: string } }[]>(
    priya,
    'GET',
    `/api/statements?incident=${incident.id}`
  )
  expect(revised.latest).toMatchObject({ number: 2, nextUpdateAt: `${later}:00.000Z` })
  // back to the lapsed promise, for the wall's overdue state below
  await priya.getByTestId(TestIds.statementEdit).click()
  await priya.getByTestId(TestIds.statementRevisePromise).fill(new Date(Date.now() - 60_000).toISOString().slice(0, 16))
  await priya.getByTestId(TestIds.statementSaveRevision).click()
  await expect(lars.getByTestId(TestIds.statementPromiseLapsed)).toContainText('has already passed')
  await lars.getByTestId(TestIds.statementApprove).click()
  await expect(lars.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'approved')
  await expect(lars.getByTestId(TestIds.statementPromiseLapsed)).toHaveCount(0)
  await app.openWall()
  await expect(app.page.getByTestId(TestIds.wallStatement)).toHaveAttribute('data-state', 'promise-broken')
  await expect(app.page.getByTestId(TestIds.wallPromiseClock)).toContainText(/overdue by \d+:\d\d/)
  // Hebrew reads right to left on the wall
  await expect(app.page.getByTestId(TestIds.wallStatementText)).toHaveAttribute('dir', 'auto')
  expect(await app.page.getByTestId(TestIds.wallStatementText).evaluate((el) => getComputedStyle(el).direction)).toBe(
    'rtl'
  )
})

test("a draft withdrawn with a reason leaves the approver's count and says who withdrew it and why", async ({
  app
}) => {
  const lars = await app.signIn('lars')
  const priya = await app.signIn('priya')
  await openIncident(lars, 'lars', 'Strike at the airport')
  const [incident] = await apiAs<{ id: number }[]>(priya, 'GET', '/api/incidents')
  const draft = await apiAs<{ id: number }>(priya, 'POST', '/api/statements', {
    incident: incident.id,
    title: 'Strike update',
    texts: [{ channel: 'x', lang: 'en', text: 'Ground staff strike today. Next update 15:00.' }],
    nextUpdateAt: new Date(Date.now() + 3600_000).toISOString()
  })
  await expect(lars.getByTestId(TestIds.statementsAwaiting)).toHaveText('1')

  await priya.getByTestId(TestIds.tab('statements')).click()
  await priya.getByTestId(TestIds.statementRow(draft.id)).click()
  await priya.getByTestId(TestIds.statementWithdrawReason).fill('the strike was called off')
  await priya.getByTestId(TestIds.statementWithdraw).click()
  await expect(priya.getByTestId(TestIds.statementWithdrawn)).toContainText('Withdrawn by priya')
  await expect(priya.getByTestId(TestIds.statementWithdrawn)).toContainText('the strike was called off')
  await expect(priya.getByTestId(TestIds.statementState)).toHaveAttribute('data-state', 'withdrawn')
  await expect(lars.getByTestId(TestIds.statementsAwaiting)).toHaveCount(0)
})
