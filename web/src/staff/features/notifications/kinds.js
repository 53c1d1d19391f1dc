// How an inbox item's kind (the audit action) is coloured: deadlines and supervision in warning
// or danger colours, decisions neutral.
const TYPES = { escalate: 'danger', supervise: 'danger', urge: 'warning', reopen: 'warning', return: 'warning', assign: 'primary' }
export const tagType = (kind) => TYPES[kind] || 'info'
