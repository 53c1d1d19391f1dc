// The API calls of the administration feature (组织机构, 用户与角色, 问题类别, 工作日历, 办理时限规则),
// through the shared client. The lists of orgs and categories are read through refdata.js.
import { listOf, request } from '../../../shared/api.js'

export const adminUsers = async () => listOf(await request('GET', '/admin/users'), 'users')
export const adminAddUser = (body) => request('POST', '/admin/users', { body })
export const adminUpdateUser = (username, body) => request('PATCH', `/admin/users/${encodeURIComponent(username)}`, { body })
export const adminThrottles = async () => listOf(await request('GET', '/admin/throttles'), 'throttles')
export const adminLiftThrottle = (body) => request('POST', '/admin/throttles/lift', { body })
export const adminAddOrg = (body) => request('POST', '/admin/orgs', { body })
export const adminAddCategory = (body) => request('POST', '/admin/categories', { body })
export const adminCalendar = () => request('GET', '/admin/calendar')
export const adminSaveCalendar = (days) => request('PUT', '/admin/calendar', { body: { days } })
export const adminDeadlineRules = () => request('GET', '/admin/deadline-rules')
export const adminSaveDeadlineRules = (rules) => request('PUT', '/admin/deadline-rules', { body: { rules } })
