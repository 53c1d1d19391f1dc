// Route and menu entry of the audit feature: for the audit administrator only (三员分立).
import { Files } from '@element-plus/icons-vue'

export default [
  { path: '/audit', name: 'audit', component: () => import('./AuditLogPage.vue'), meta: { title: '审计日志', group: '安全审计', icon: Files, roles: ['audit_admin'] } },
]
