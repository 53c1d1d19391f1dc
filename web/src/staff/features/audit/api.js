// The API calls of the audit feature (审计日志, for the audit administrator), through the shared client.
import { request } from '../../../shared/api.js'

export const auditEvents = (params) => request('GET', '/audit/events', { params })
export const auditVerify = () => request('GET', '/audit/verify')
