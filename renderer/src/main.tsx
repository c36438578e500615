import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { consoleApi } from './api/console-api'
import { Console } from './console/Console'
import { Wall } from './wall/Wall'
import './styles.css'

// /wall in a browser, #/wall in Electron (file://): the wall is a kiosk view of the same UI.
const isWall = window.location.pathname.endsWith('/wall') || window.location.hash === '#/wall'
const api = consoleApi()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{isWall ? <Wall api={api} kiosk /> : <Console api={api} />}</StrictMode>
)
