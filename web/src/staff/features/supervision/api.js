// The API calls of the supervision feature, through the shared client.
import { request } from '../../../shared/api.js'

export const getLadder = (params) => request('GET', '/supervision/ladder', { params })
