// The API calls of the measures feature (整改措施 of a matter), through the shared client.
import { request } from '../../../shared/api.js'

export const addMeasure = (code, body) => request('POST', `/matters/${encodeURIComponent(code)}/measures`, { body })
// A change to one measure, sent with If-Match: the version the user saw (409 when stale).
export const updateMeasure = (id, version, body) => request('PATCH', `/measures/${id}`, { body, ifMatch: version })
