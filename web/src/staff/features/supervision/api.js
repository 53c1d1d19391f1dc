// The API calls of the supervision feature, through the shared client.
import { request } from '../../../shared/api.js'

export const getLadder = (params) => request('GET', '/supervision/ladder', { params })

// 回头看: samples of a unit's verified matters, each re-verified (passed / failed → 重办).
const spotCheckAt = (code) => `/spot_checks/${encodeURIComponent(code)}`
export const listSpotChecks = () => request('GET', '/spot_checks')
export const getSpotCheck = (code) => request('GET', spotCheckAt(code))
export const drawSpotCheck = (body) => request('POST', '/spot_checks', { body })
export const recordSpotCheck = (code, matter, body) =>
  request('POST', `${spotCheckAt(code)}/items/${encodeURIComponent(matter)}`, { body })
