// The API calls of the reports feature (领导驾驶舱, 共性问题), through the shared client.
import { apiUrl, listOf, request } from '../../../shared/api.js'

export const getOverview = (params) => request('GET', '/stats/overview', { params })
export const getRankings = (params) => request('GET', '/rankings', { params })
export const getGrouped = async (params) => listOf(await request('GET', '/stats/grouped', { params }), 'items')
export const getCommonProblems = async (params) => listOf(await request('GET', '/common-problems', { params }), 'items')
export const commonProblemsXlsxUrl = (params) => apiUrl('/common-problems.xlsx', params)
