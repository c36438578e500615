// The team's accounts from the console: an admin gives a member other roles, adds one,
// disables one who left (whose open console signs out at once) and takes them back, lifts
// a lockout and sets a new password; a member changes their own; others only see the team.
import { TestIds } from '../../shared/test-ids'
import { expect, MEMBER_PASSWORD, test } from './fixtures'

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
  // sam's console follows at once: no need to sign in again
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
  await expect(sam.getByTestId(TestIds.memberRow('nina'))).toContainText('legal') // every console's list follows

  // sam leaves: asked once more, then listed as disabled, and their console is signed out, told why
  await adam.getByTestId(TestIds.memberDisable('sam')).click()
  await adam.getByTestId(TestIds.memberDisableConfirm('sam')).click()
  await expect(adam.getByTestId(TestIds.memberDisable('sam'))).toHaveCount(0)
  await expect(sam.getByTestId(TestIds.signedOutReason)).toContainText('this account was disabled')
  await expect(sam.getByTestId(TestIds.consoleMe)).not.toContainText('sam')

  // and comes back
  await adam.getByTestId(TestIds.memberEnable('sam')).click()
  await expect(adam.getByTestId(TestIds.memberDisable('sam'))).toBeVisible()
})

test('an admin lifts a lockout and sets a new password; a member changes their own', async ({ app }) => {
  const adam = await app.signIn('adam')
  const sam = await app.signIn('sam')
  await adam.getByTestId(TestIds.tab('team')).click()

  // someone guessed wrong five times: sam is locked out, and the admin sees it at once
  for (let i = 0; i < 5; i++)
    await fetch(`${app.httpUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'sam', password: `a wrong guess ${i}` })
    })
  await expect(adam.getByTestId(TestIds.memberLocked('sam'))).toContainText('locked after failed sign-ins until')
  await adam.getByTestId(TestIds.memberUnlock('sam')).click()
  await expect(adam.getByTestId(TestIds.memberLocked('sam'))).toHaveCount(0)

  // a new password from the admin signs sam out everywhere, told why
  await adam.getByTestId(TestIds.memberSetPassword('sam')).click()
  await adam.getByTestId(TestIds.memberPassword('sam')).fill('sams new password 2026')
  await adam.getByTestId(TestIds.memberPasswordSave('sam')).click()
  await expect(sam.getByTestId(TestIds.signedOutReason)).toContainText('the password was changed')
  // the admin's log says who did what
  await expect(adam.getByTestId(TestIds.accountLog).locator('li').nth(0)).toContainText('sam new password by adam')
  await expect(adam.getByTestId(TestIds.accountLog).locator('li').nth(1)).toContainText('sam unlocked by adam')
  await expect(adam.getByTestId(TestIds.accountLog).locator('li').nth(2)).toContainText(
    'sam locked out (after 5 failed sign-ins, for 15 minutes)'
  )

  // sam signs in with it and picks one of their own
  await sam.getByTestId(TestIds.consoleSignIn).click()
  await sam.getByTestId(TestIds.loginUser).fill('sam')
  await sam.getByTestId(TestIds.loginPassword).fill('sams new password 2026')
  await sam.getByTestId(TestIds.loginSubmit).click()
  await sam.getByTestId(TestIds.tab('team')).click()
  await sam.getByTestId(TestIds.ownPasswordCurrent).fill(MEMBER_PASSWORD)
  await sam.getByTestId(TestIds.ownPasswordNew).fill('only sam knows this one')
  await sam.getByTestId(TestIds.ownPasswordSave).click()
  await expect(sam.getByTestId(TestIds.ownPasswordOutcome)).toContainText('the current password is wrong')
  await sam.getByTestId(TestIds.ownPasswordCurrent).fill('sams new password 2026')
  await sam.getByTestId(TestIds.ownPasswordSave).click()
  await expect(sam.getByTestId(TestIds.ownPasswordOutcome)).toContainText('Password changed.')
  await expect(sam.getByTestId(TestIds.consoleMe)).toContainText('sam') // still signed in here
})

test('a member is told their session is ending, and signs in again between tasks', async ({ app }) => {
  const sam = await app.signIn('sam')
  // a session near its end: twelve hours of a shift, compressed into its stored end time
  await sam.evaluate(() => {
    const key = 'crisis-console-session'
    const session = JSON.parse(sessionStorage.getItem(key)!)
    sessionStorage.setItem(
      key,
      JSON.stringify({ ...session, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() })
    )
  })
  await sam.reload()
  const oldToken = await sam.evaluate(
    () => JSON.parse(sessionStorage.getItem('crisis-console-session')!).token as string
  )
  await expect(sam.getByTestId(TestIds.sessionEnding)).toContainText('Your session ends in 10 min')
  await sam.getByTestId(TestIds.sessionSignInAgain).click()
  await sam.getByTestId(TestIds.loginUser).fill('sam')
  await sam.getByTestId(TestIds.loginPassword).fill(MEMBER_PASSWORD)
  await sam.getByTestId(TestIds.loginSubmit).click()
  await expect(sam.getByTestId(TestIds.consoleMe)).toContainText('sam')
  await expect(sam.getByTestId(TestIds.sessionEnding)).toHaveCount(0) // a fresh twelve hours
  // and the old session ended with it, rather than staying valid until its own end
  expect((await fetch(`${app.httpUrl}/api/me`, { headers: { authorization: `Bearer ${oldToken}` } })).status).toBe(401)
})
