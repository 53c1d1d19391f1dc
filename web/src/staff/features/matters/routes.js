// Routes and menu entries of the matters feature. meta: title (breadcrumb and tab title), group
// (menu group), icon (menu icon), roles (who sees it; none = everyone who works on matters),
// parent (a page reached from another one: no menu entry, the parent's in the breadcrumb).
import { EditPen, Files, Monitor } from '@element-plus/icons-vue'

export default [
  { path: '/workbench', name: 'workbench', component: () => import('./WorkbenchPage.vue'), meta: { title: '我的工作台', group: '工作台', icon: Monitor } },
  { path: '/record', name: 'record', component: () => import('./RecordPage.vue'), meta: { title: '问题录入', group: '工作台', icon: EditPen, roles: ['collector', 'dispatcher'] } },
  { path: '/ledger', name: 'ledger', component: () => import('./LedgerPage.vue'), meta: { title: '问题台账', group: '问题台账', icon: Files } },
  { path: '/matters/:code', name: 'matter', component: () => import('./MatterDetailPage.vue'), meta: { title: '问题详情', group: '问题台账', parent: 'ledger' } },
]
