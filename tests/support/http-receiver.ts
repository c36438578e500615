// A local HTTP endpoint for outbound tests: records every request and answers as the test
// scripts it (a webhook receiver, or a local fake of a platform's documented API).
import http from 'node:http'

export interface Received {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export type Responder = (
  req: Received,
  n: number
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'hang'

export async function startReceiver(respond: Responder) {
  const received: Received[] = []
  const waiters: { n: number; resolve: () => void }[] = []
  const hanging: http.ServerResponse[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body }
      received.push(r)
      for (const w of waiters.splice(0)) {
        if (received.length >= w.n) w.resolve()
        else waiters.push(w)
      }
      const answer = respond(r, received.length)
      if (answer === 'hang') return void hanging.push(res)
      res.writeHead(answer.status, {
        'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
        ...answer.headers
      })
      res.end(
        answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** resolves once `n` requests have arrived */
    requests: (n: number) =>
      received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
