// Routes of the notifications feature (meta as in matters/routes.js): 站内消息 is reached from the
// bell in the header, so it has no menu entry; every signed-in staff member may open it.
export default [
  { path: '/inbox', name: 'inbox', component: () => import('./InboxPage.vue'), meta: { title: '站内消息', roles: ['collector', 'dispatcher', 'handler', 'unit_leader', 'supervisor', 'leader', 'admin', 'security_admin', 'audit_admin'] } },
]
