// The API calls of the matters feature (工作台, 问题台账, 问题录入, 问题详情 and its action dialogs),
// through the shared client. Intake and attachments are shared with the public pages.
import { apiUrl, listOf, request } from '../../../shared/api.js'

export { attachmentUrl, submitIntake } from '../../../shared/api.js'

const at = (code) => `/matters/${encodeURIComponent(code)}`

export const listMatters = (params) => request('GET', '/matters', { params })
export const getMatter = (code) => request('GET', at(code))
// One action on a matter, sent with If-Match: the version the user saw (409 when stale).
export const act = (code, version, body) => request('POST', `${at(code)}/actions`, { body, ifMatch: version })
export const reveal = (code) => request('POST', `${at(code)}/reveal`, { body: {} })
export const getSimilar = async (code) => listOf(await request('GET', `${at(code)}/similar`), 'items')
export const getSuggestions = async (code) => listOf(await request('GET', `${at(code)}/suggestions`), 'items')
// 分办: the handlers of the matter's lead unit, {items: [{username, name}]}.
export const getUnitHandlers = async (code) => listOf(await request('GET', `${at(code)}/handlers`), 'items')
export const getDeadline = (params) => request('GET', '/deadline', { params })
// The 工作台 cards: {cards: [{key, label, hot, count, query}]}; a card's list is listMatters(card.query).
export const getWorkbench = () => request('GET', '/workbench')
export const ledgerXlsxUrl = (params) => apiUrl('/ledger.xlsx', params)
