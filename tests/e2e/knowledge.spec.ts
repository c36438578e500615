// The knowledge bank as an agent meets it: an entry added once is suggested beside a
// matching mention (inflected forms included), taken into the reply with one click, and
// counted in "most asked".
import { TestIds } from '../../shared/test-ids'
import { expect, liveMentions, openIncident, test } from './fixtures'

test.use({ team: { lena: ['lead'], sam: ['service'] } })

test('an agent adds an entry, sees it suggested for a matching mention, and replies with it', async ({ app }) => {
  const lena = await app.signIn('lena')
  await openIncident(lena, 'lena', 'Ash cloud')

  const sam = await app.signIn('sam')
  await sam.getByTestId(TestIds.tab('knowledge')).click()
  await sam.getByTestId(TestIds.knowledgeAddLang).fill('nl')
  await sam.getByTestId(TestIds.knowledgeAddQuestion).fill('Kan ik mijn vlucht kosteloos omboeken?')
  await sam.getByTestId(TestIds.knowledgeAddAnswer).fill('Ja, omboeken kan kosteloos via example.com/omboeken.')
  await sam.getByTestId(TestIds.knowledgeAddSubmit).click()
  await sam.getByTestId(TestIds.knowledgeSearch).fill('vluchten')
  await expect(sam.locator('[data-testid^="knowledge-entry-"]')).toContainText([
    'Kan ik mijn vlucht kosteloos omboeken?'
  ])

  await app.publish(liveMentions(1, { text: 'Mijn vluchten zijn geannuleerd, kan ik omboeken?', lang: 'nl' }))
  await sam.getByTestId(TestIds.tab('queue')).click()
  await expect(sam.getByTestId(TestIds.knowledgeSuggestions)).toContainText('Kan ik mijn vlucht kosteloos omboeken?')
  await sam.locator('[data-testid^="knowledge-use-"]').first().click()
  await expect(sam.getByTestId(TestIds.queueReplyText)).toHaveValue(
    'Ja, omboeken kan kosteloos via example.com/omboeken.'
  )
  await sam.getByTestId(TestIds.queueReplySend).click()
  await expect(sam.locator('.queue__row')).toHaveCount(0)
  await sam.getByTestId(TestIds.queueFilter('status')).selectOption('replied')
  await expect(sam.getByTestId(TestIds.queueHistory)).toContainText('sam replied: Ja, omboeken kan kosteloos')

  await sam.getByTestId(TestIds.tab('knowledge')).click()
  await expect(sam.getByTestId(TestIds.knowledgeMostAsked)).toContainText('asked 1× · used in 1 reply')
})
