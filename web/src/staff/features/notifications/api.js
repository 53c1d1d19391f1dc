// The API calls of the notifications feature (站内消息), through the shared client.
import { request } from '../../../shared/api.js'

// {items, total, unread}; unread: true lists only unread items.
export const inboxPage = ({ limit = 20, offset = 0, unread = false } = {}) =>
  request('GET', '/inbox', { params: { limit, offset, ...(unread ? { unread: true } : {}) } })
export const inboxRead = (id) => request('POST', `/inbox/${encodeURIComponent(id)}/read`)
export const inboxReadAll = () => request('POST', '/inbox/read_all')
