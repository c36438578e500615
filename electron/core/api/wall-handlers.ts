// Walls from a console: layouts (which tiles, in which order) and paired wall screens.
// A pairing token is shown once; revoking it closes the screen's connection at once.
import type { WallDevice } from '../../../shared/wall'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import {
  assignLayout,
  getDevice,
  getLayout,
  listDevices,
  listLayouts,
  pairDevice,
  revokeDevice,
  saveLayout
} from '../walls/walls-repo'

export function wallHandlers(
  ctx: HandlerContext
): Handlers<
  'listWallLayouts' | 'saveWallLayout' | 'listWallDevices' | 'pairWallDevice' | 'revokeWallDevice' | 'assignWallLayout'
> {
  const { writerDb, readDb } = ctx
  const mustHaveLayout = async (id: number) =>
    (await getLayout(writerDb, id)) ?? refuse('not_found', `layout: no wall layout ${id}`)
  const changed = (device: WallDevice) => {
    ctx.emit({ type: 'wallDevice', device })
    return device
  }
  return {
    listWallLayouts: () => listLayouts(readDb),
    async saveWallLayout(p, { actor }) {
      const layout = await writerDb.transaction(async () => {
        if (p.id !== undefined) await mustHaveLayout(p.id)
        const clash = (await listLayouts(writerDb)).find(
          (l) => l.name.toLowerCase() === p.name.toLowerCase() && l.id !== p.id
        )
        if (clash) refuse('conflict', `name: a layout called "${clash.name}" exists`)
        const id =
          (await saveLayout(writerDb, p, actor.name, ctx.now())) ?? refuse('not_found', `no wall layout ${p.id}`)
        return (await getLayout(writerDb, id))!
      })
      ctx.emit({ type: 'wallLayout', layout })
      return layout
    },
    listWallDevices: () => listDevices(readDb),
    async pairWallDevice({ name, layout }, { actor }) {
      const paired = await writerDb.transaction(async () => {
        await mustHaveLayout(layout)
        return pairDevice(writerDb, name, layout, actor.name, ctx.now())
      })
      changed(paired.device)
      // the token travels in the fragment, which browsers never send to a server or its logs
      return { device: paired.device, token: paired.token, pairPath: `/wall#pair=${paired.token}` }
    },
    async revokeWallDevice({ id }) {
      const device = await writerDb.transaction(async () => {
        if (!(await getDevice(writerDb, id))) refuse('not_found', `no wall screen ${id}`)
        await revokeDevice(writerDb, id, ctx.now())
        return (await getDevice(writerDb, id))!
      })
      return changed(device)
    },
    async assignWallLayout({ id, layout }) {
      const device = await writerDb.transaction(async () => {
        if (!(await getDevice(writerDb, id))) refuse('not_found', `no wall screen ${id}`)
        await mustHaveLayout(layout)
        await assignLayout(writerDb, id, layout)
        return (await getDevice(writerDb, id))!
      })
      return changed(device)
    }
  }
}
