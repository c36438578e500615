// v18: each broadcast carries the incident's state as the public status page shows it
// (investigating, identified, monitoring, resolved), set by the lead when broadcasting.
export const migration0018 = {
  version: 18,
  name: 'broadcasts: the public state of the incident',
  sql: `ALTER TABLE broadcasts ADD COLUMN public_state TEXT;`
}
