// Sending a field record (工作记录) with its photos. This version sends at once and keeps nothing
// on the device: it uploads the record's photos and each matter's photo, then POSTs the record
// with one Idempotency-Key, so a retry of the same entry never makes it twice.
//
//   enqueueRecord(payload, { photos, matterPhotos }) → { id, state, code?, matters?, error? }
//   state 'sent': code (the record's) and matters (the codes of the matters it raised, in order);
//   state 'failed': error is the problem body (a 422 names the field it is about).
import { request, uploadAttachment } from '../../../shared/api.js'
import { newUuid } from '../../../shared/ids.js'

const problemOf = (e) => ({ status: e.status || 0, title: e.title || '', detail: e.detail || e.message || '发送失败', field: e.field || null, errors: e.errors || [] })

export async function enqueueRecord(payload, { photos = [], matterPhotos = [] } = {}) {
  const id = newUuid()
  try {
    const body = JSON.parse(JSON.stringify(payload))
    const uploaded = []
    for (const [i, p] of photos.entries()) {
      try {
        uploaded.push((await uploadAttachment(p)).id)
      } catch (e) {
        throw Object.assign(e, { field: e.field || `attachments[${i}]` })
      }
    }
    if (uploaded.length) body.attachments = [...(body.attachments || []), ...uploaded]
    for (const [i, p] of matterPhotos.entries()) {
      if (!p || !body.matters?.[i]) continue
      try {
        body.matters[i].attachments = [...(body.matters[i].attachments || []), (await uploadAttachment(p)).id]
      } catch (e) {
        throw Object.assign(e, { field: e.field || `matters[${i}].attachments` })
      }
    }
    const r = await request('POST', '/records', { body, headers: { 'Idempotency-Key': id } })
    return { id, state: 'sent', code: r.code, matters: (r.matters || []).map((m) => m.code) }
  } catch (e) {
    return { id, state: 'failed', error: problemOf(e) }
  }
}
