// The post-incident review from the console: a team member adds what happened earlier to
// the timeline, the lead sets the estimate's factors and exports; the file downloads after
// the progress bar, and says what the timeline says.
import fs from 'node:fs'
import { TestIds } from '../../shared/test-ids'
import { expect, openIncident, test } from './fixtures'

test.use({ team: { lars: ['lead'], priya: ['pr'] } })

test('a note about something earlier lands at its own time, and the review exports as Markdown, redacted on request', async ({
  app
}) => {
  const lars = await app.signIn('lars')
  await openIncident(lars, 'lars', 'Ash cloud review')

  // an entry about something that happened before it was written down (incident zone UTC)
  const earlier = new Date(Date.now() - 20 * 60_000).toISOString().slice(0, 16)
  await lars.getByTestId(TestIds.timelineEntryText).fill('Call centre lines went down; @opsdesk told us by phone')
  await lars.getByTestId(TestIds.timelineEntryOccurred).fill(earlier)
  await lars.getByTestId(TestIds.timelineEntrySubmit).click()
  const timeline = lars.getByTestId(TestIds.incidentTimeline)
  await expect(timeline.locator('li').first()).toContainText('Call centre lines went down')
  await expect(timeline.locator('li').first()).toContainText('(written')

  await lars.getByTestId(TestIds.reviewCallShare).fill('40')
  await lars.getByTestId(TestIds.reviewCostPerCall).fill('6.5')
  await lars.getByTestId(TestIds.reviewFactorsSubmit).click()
  await expect(timeline).toContainText('Call-centre estimate factors set')

  await lars.getByTestId(TestIds.exportFormat).selectOption('md')
  const download = lars.waitForEvent('download')
  await lars.getByTestId(TestIds.exportRun).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^incident-\d+-ash-cloud-review\.md$/)
  const md = fs.readFileSync(await file.path(), 'utf8')
  expect(md).toContain('# Post-incident review: Ash cloud review')
  expect(md).toContain('Call centre lines went down; @opsdesk told us by phone')
  expect(md).toMatch(/0 people answered on social x 40% who would have called/)
  // the button comes back once the export is done
  await expect(lars.getByTestId(TestIds.exportRun)).toBeEnabled()
  await expect(lars.getByTestId(TestIds.exportProgress)).toHaveCount(0)

  await lars.getByTestId(TestIds.exportRedact).check()
  const redacted = lars.waitForEvent('download')
  await lars.getByTestId(TestIds.exportRun).click()
  const text = fs.readFileSync(await (await redacted).path(), 'utf8')
  expect(text).not.toContain('@opsdesk')
  expect(text).toContain('@\\[handle\\]')
})
