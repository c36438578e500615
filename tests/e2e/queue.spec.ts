// The response queue as two team members see it, side by side.
import { TestIds } from '../../shared/test-ids'
import { expect, liveMentions, test } from './fixtures'

test.use({ team: { anna: ['pr'], sam: ['service'], vera: ['viewer'] } })

test('one member claims; the other sees the claim live and cannot claim it', async ({ app }) => {
  const anna = await app.signIn('anna')
  const sam = await app.signIn('sam')
  await app.publish(liveMentions(1, { text: 'Stranded at CPH with two kids, anyone there?' }))
  for (const p of [anna, sam]) {
    await p.getByTestId(TestIds.tab('queue')).click()
    await expect(p.getByTestId(TestIds.queue)).toContainText('Stranded at CPH with two kids')
  }
  await expect(sam.getByTestId(TestIds.queueClaim)).toHaveText('Claim (c)')

  await anna.keyboard.press('c')
  await expect(anna.getByTestId(TestIds.queueClaim)).toHaveText('Yours')

  const samRow = sam.locator(`[data-testid^="queue-row-claim-"]`).first()
  await expect(samRow).toHaveText('held by anna')
  await expect(sam.getByTestId(TestIds.queueClaim)).toHaveText('Held by anna')
  await expect(sam.getByTestId(TestIds.queueClaim)).toBeDisabled()
  await sam.keyboard.press('c') // the keyboard tries anyway; the engine says no
  await expect(sam.getByTestId(TestIds.queueError)).toContainText('claimed by anna')

  await expect(sam.getByTestId(TestIds.teamMember('anna'))).toContainText('holds 1')
  await expect(anna.getByTestId(TestIds.teamMember('sam'))).toContainText('free')
})

test('a reply from the keyboard takes the item off everyone’s queue, with its history', async ({ app }) => {
  const anna = await app.signIn('anna')
  const sam = await app.signIn('sam')
  await app.publish(liveMentions(2, { text: 'Can I rebook for free?' }))
  for (const p of [anna, sam]) {
    await p.getByTestId(TestIds.tab('queue')).click()
    await expect(p.locator('.queue__row')).toHaveCount(2)
  }
  await anna.keyboard.press('j')
  await anna.keyboard.press('k')
  await anna.keyboard.press('r')
  await expect(anna.getByTestId(TestIds.queueReplyText)).toBeFocused()
  await anna.keyboard.type('Yes, rebooking is free until Sunday: see our site.')
  // a tweet is answered on x, a Facebook post on facebook: the button says it sends
  await expect(anna.getByTestId(TestIds.queueReplySend)).toHaveText(/^Send reply on (x|facebook)$/)
  await anna.getByTestId(TestIds.queueReplySend).click()
  await expect(anna.locator('.queue__row')).toHaveCount(1)
  await expect(sam.locator('.queue__row')).toHaveCount(1)

  await sam.getByTestId(TestIds.queueFilter('status')).selectOption('replied')
  await expect(sam.locator('.queue__row')).toHaveCount(1)
  await expect(sam.getByTestId(TestIds.queueHistory)).toContainText('anna replied: Yes, rebooking is free until Sunday')
})

test('a search narrows the queue to the mentions with those words, and clearing it brings back the rest', async ({
  app
}) => {
  const anna = await app.signIn('anna')
  await app.publish([
    ...liveMentions(2, { text: 'Where is my checked bag?' }, 'bag'),
    ...liveMentions(1, { text: 'Our STROLLER never arrived at Arlanda' }, 'stroller')
  ])
  await anna.getByTestId(TestIds.tab('queue')).click()
  await expect(anna.locator('.queue__row')).toHaveCount(3)
  await anna.getByTestId(TestIds.queueFilter('q')).fill('stroller')
  await expect(anna.locator('.queue__row')).toHaveCount(1)
  await expect(anna.locator('.queue__row')).toContainText('Our STROLLER never arrived')
  await anna.getByTestId(TestIds.queueFilter('q')).fill('')
  await expect(anna.locator('.queue__row')).toHaveCount(3)
})

test('a retweet storm is closed in one go: the copies marked duplicate, the original kept for an answer', async ({
  app
}) => {
  const anna = await app.signIn('anna')
  const post = 'Stranded at Schiphol since noon, no hotel, no answer #ashcloud'
  await app.publish([
    ...liveMentions(1, { text: post, author: { handle: 'origin', followers: 90_000 } }, 'origin'),
    ...liveMentions(3, { text: `RT @origin: ${post}` }, 'rt')
  ])
  await anna.getByTestId(TestIds.tab('queue')).click()
  await expect(anna.locator('.queue__row')).toHaveCount(4)
  await expect(anna.getByTestId(TestIds.queueWhy)).toContainText('Repeated by 3 others') // the original ranks first
  // a copy links to its original
  await anna.locator('.queue__row').nth(1).click()
  await expect(anna.getByTestId(TestIds.queueEchoOf)).toHaveText(/^#\d+$/)
  await anna.getByTestId(TestIds.queueEchoOf).click()
  await expect(anna.getByTestId(TestIds.queueWhy)).toContainText('Repeated by 3 others')
  await anna.getByTestId(TestIds.queueMarkEchoes).click()
  await expect(anna.getByTestId(TestIds.queueMarkEchoesOutcome)).toHaveText(
    /^3 waiting copies of #\d+ marked duplicate\.$/
  )
  await expect(anna.locator('.queue__row')).toHaveCount(1)
  await expect(anna.getByTestId(TestIds.queueDetail)).toContainText('@origin')
})

test('an item assigned to a role reaches its members: a count on their queue tab, and "for me"', async ({ app }) => {
  const anna = await app.signIn('anna')
  const sam = await app.signIn('sam')
  await app.publish([
    ...liveMentions(1, { text: 'My refund for LY127 never arrived' }, 'refund'),
    ...liveMentions(1, { text: 'Which gate for the Oslo flight?' }, 'gate')
  ])
  await anna.getByTestId(TestIds.tab('queue')).click()
  await anna.locator('.queue__row', { hasText: 'My refund for LY127' }).click()
  await anna.getByTestId(TestIds.queueAssignTo).selectOption('role:service')
  await anna.getByTestId(TestIds.queueAssign).click()
  // sam (service), on the wall, sees one waiting for him
  await expect(sam.getByTestId(TestIds.queueForMeCount)).toHaveText('1')
  await expect(anna.getByTestId(TestIds.queueForMeCount)).toHaveCount(0)
  await sam.getByTestId(TestIds.tab('queue')).click()
  await expect(sam.locator('.queue__row')).toHaveCount(2)
  await sam.getByTestId(TestIds.queueFilter('forMe')).check()
  await expect(sam.locator('.queue__row')).toHaveCount(1)
  await expect(sam.locator('.queue__row')).toContainText('My refund for LY127')
})

test('a viewer reads the queue and is offered nothing it may not do, saying why', async ({ app }) => {
  const vera = await app.signIn('vera')
  await app.publish(liveMentions(1))
  await vera.getByTestId(TestIds.tab('queue')).click()
  await expect(vera.locator('.queue__row')).toHaveCount(1)
  await expect(vera.getByTestId(TestIds.queueReadOnly)).toContainText(
    'needs one of the roles lead, legal, pr, service, ops; you have viewer'
  )
  await expect(vera.getByTestId(TestIds.queueClaim)).toHaveCount(0)
  await expect(vera.getByTestId(TestIds.queueReplyText)).toHaveCount(0)
  await vera.keyboard.press('c') // the shortcut does nothing either: no refusal to read
  await expect(vera.getByTestId(TestIds.queueError)).toHaveCount(0)
  await expect(vera.locator('[data-testid^="queue-row-claim-"]').first()).not.toContainText('held by')
})

test('a wrong password is refused on the sign-in form', async ({ app }) => {
  await app.openConsole()
  await app.page.getByTestId(TestIds.consoleSignIn).click()
  await app.page.getByTestId(TestIds.loginUser).fill('anna')
  await app.page.getByTestId(TestIds.loginPassword).fill('not her password')
  await app.page.getByTestId(TestIds.loginSubmit).click()
  await expect(app.page.getByTestId(TestIds.loginError)).toHaveText('wrong user name or password')
})

test('a mention with personal data in public says so on its row, before anyone opens it', async ({ app }) => {
  const anna = await app.signIn('anna')
  await app.publish([
    ...liveMentions(1, { text: 'No hotel at AMS. Call me on +31 6 1234 5678, booking K7XQ2P' }, 'pii'),
    ...liveMentions(1, { text: 'Any news on flights to Oslo?' }, 'plain')
  ])
  await anna.getByTestId(TestIds.tab('queue')).click()
  await expect(anna.locator('.queue__row')).toHaveCount(2)
  const flagged = anna.locator('.queue__row', { hasText: 'K7XQ2P' })
  await expect(flagged.locator('.queue__personal')).toHaveText('✉ personal data: reply by direct message')
  await expect(anna.locator('.queue__row', { hasText: 'Oslo' }).locator('.queue__personal')).toHaveCount(0)
})
