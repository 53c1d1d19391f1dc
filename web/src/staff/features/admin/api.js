// The API calls of the administration feature (组织机构, 用户与角色, 问题类别, 工作日历, 办理时限规则),
// through the shared client. The lists of orgs and categories are read through refdata.js.
import { listOf, request } from '../../../shared/api.js'

export const adminUsers = async () => listOf(await request('GET', '/admin/users'), 'users')
// One page of users: {items, total, page, page_size}; q searches username, name and unit.
export const adminUserPage = ({ page = 1, page_size = 20, q = '' } = {}) =>
  request('GET', '/admin/users', { params: { page, page_size, ...(q ? { q } : {}) } })
export const adminAddUser = (body) => request('POST', '/admin/users', { body })
export const adminUpdateUser = (username, body) => request('PATCH', `/admin/users/${encodeURIComponent(username)}`, { body })
export const adminThrottles = async () => listOf(await request('GET', '/admin/throttles'), 'throttles')
export const adminLiftThrottle = (body) => request('POST', '/admin/throttles/lift', { body })
export const adminAddOrg = (body) => request('POST', '/admin/orgs', { body })
export const adminUpdateOrg = (code, body) => request('PATCH', `/admin/orgs/${encodeURIComponent(code)}`, { body })
export const adminAddCategory = (body) => request('POST', '/admin/categories', { body })
// Every category, disabled ones too, with its default lead department (the public list has only enabled ones).
export const adminCategories = async () => listOf(await request('GET', '/admin/categories'), 'categories')
export const adminUpdateCategory = (code, body) => request('PATCH', `/admin/categories/${encodeURIComponent(code)}`, { body })
export const adminCalendar = () => request('GET', '/admin/calendar')
export const adminSaveCalendar = (days) => request('PUT', '/admin/calendar', { body: { days } })
export const adminDeadlineRules = () => request('GET', '/admin/deadline-rules')
export const adminSaveDeadlineRules = (rules) => request('PUT', '/admin/deadline-rules', { body: { rules } })
// 消息推送: {items, settings}; the secret is only ever shown as its last four characters.
export const adminWebhooks = () => request('GET', '/admin/webhooks')
export const adminAddWebhook = (body) => request('POST', '/admin/webhooks', { body })
export const adminRemoveWebhook = (id) => request('DELETE', `/admin/webhooks/${encodeURIComponent(id)}`)
export const adminSaveWebhookSettings = (body) => request('PUT', '/admin/webhooks/settings', { body })
export const adminDeadWebhooks = async () => listOf(await request('GET', '/admin/webhooks/dead'), 'items')
export const adminReplayWebhook = (id) => request('POST', `/admin/webhooks/dead/${encodeURIComponent(id)}/replay`)
