import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { consoleApi } from './api/console-api'
import { Console } from './console/Console'
import { Wall } from './wall/Wall'
import './styles.css'

// /wall in a browser, #/wall in Electron (file://): the wall is a kiosk view of the same UI.
const isWall = window.location.pathname.endsWith('/wall') || window.location.hash.startsWith('#/wall')
// ?layout=ID (or #/wall?layout=ID in Electron): a second wall can show another layout
const layoutParam = new URLSearchParams(window.location.search || window.location.hash.split('?')[1] || '').get(
  'layout'
)
const layout = layoutParam !== null && /^\d+$/.test(layoutParam) ? Number(layoutParam) : undefined
const api = consoleApi()
// the wall's text scales with the viewport from one root size (see styles.css)
if (isWall) document.documentElement.classList.add('wall-page')

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{isWall ? <Wall api={api} kiosk layout={layout} /> : <Console api={api} />}</StrictMode>
)
