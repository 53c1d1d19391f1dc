// The API calls of the supervision feature, through the shared client.
import { apiUrl, request } from '../../../shared/api.js'

export const getLadder = (params) => request('GET', '/supervision/ladder', { params })
// 通报: past circulars, a preview (publish: false) or a publication, one circular, its re-check.
export const listCirculars = (params) => request('GET', '/circulars', { params })
export const createCircular = (body) => request('POST', '/circulars', { body })
export const getCircular = (id) => request('GET', `/circulars/${id}`)
export const verifyCircular = (id) => request('GET', `/circulars/${id}/verify`)
export const circularUrl = (id, ext) => apiUrl(`/circulars/${id}.${ext}`)
// Resolved matters to choose good-practice cases (典型案例) from.
export const findResolved = (params) => request('GET', '/matters', { params: { status: 'resolved,verified,closed', limit: 20, ...params } })

// 回头看: samples of a unit's verified matters, each re-verified (passed / failed → 重办).
const spotCheckAt = (code) => `/spot_checks/${encodeURIComponent(code)}`
export const listSpotChecks = () => request('GET', '/spot_checks')
export const getSpotCheck = (code) => request('GET', spotCheckAt(code))
export const drawSpotCheck = (body) => request('POST', '/spot_checks', { body })
export const recordSpotCheck = (code, matter, body) =>
  request('POST', `${spotCheckAt(code)}/items/${encodeURIComponent(matter)}`, { body })
