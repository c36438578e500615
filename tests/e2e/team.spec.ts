// The team's accounts from the console: an admin gives a member other roles, adds one and
// disables one who left, whose open console signs out at once; others only see the team.
import { TestIds } from '../../shared/test-ids'
import { expect, test } from './fixtures'

test.use({ team: { adam: ['admin'], sam: ['service'] } })

test('an admin changes roles, adds a member and disables one who left; their console signs out', async ({ app }) => {
  const sam = await app.signIn('sam')
  const adam = await app.signIn('adam')

  // a member who is not an admin sees the team, with no controls
  await sam.getByTestId(TestIds.tab('team')).click()
  await expect(sam.getByTestId(TestIds.memberRow('adam'))).toContainText('admin')
  await expect(sam.getByTestId(TestIds.memberDisable('adam'))).toHaveCount(0)

  await adam.getByTestId(TestIds.tab('team')).click()
  await adam.getByTestId(TestIds.memberRole('sam', 'pr')).check()
  await adam.getByTestId(TestIds.memberSaveRoles('sam')).click()
  await expect(adam.getByTestId(TestIds.memberSaveRoles('sam'))).toBeDisabled() // saved: nothing left to save
  await sam.reload()
  await expect(sam.getByTestId(TestIds.consoleMe)).toContainText('pr, service')

  // the last admin can't disable themselves: the engine says why
  await adam.getByTestId(TestIds.memberDisable('adam')).click()
  await adam.getByTestId(TestIds.memberDisableConfirm('adam')).click()
  await expect(adam.getByTestId(TestIds.membersError)).toContainText('the last admin')

  await adam.getByTestId(TestIds.memberAddName).fill('nina')
  await adam.getByTestId(TestIds.memberAddPassword).fill('a long password for nina')
  await adam.getByTestId(TestIds.memberRole('new', 'legal')).check()
  await adam.getByTestId(TestIds.memberAdd).click()
  await expect(adam.getByTestId(TestIds.memberRow('nina'))).toBeVisible()

  // sam leaves: asked once more, then gone from the team, and their console is signed out
  await adam.getByTestId(TestIds.memberDisable('sam')).click()
  await adam.getByTestId(TestIds.memberDisableConfirm('sam')).click()
  await expect(adam.getByTestId(TestIds.memberRow('sam'))).toHaveCount(0)
  await expect(sam.getByTestId(TestIds.consoleMe)).not.toContainText('sam')
})
