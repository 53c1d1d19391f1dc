// Route of the session feature: 登录 renders bare (no menu, no header).
export default [
  { path: '/login', name: 'login', component: () => import('./LoginPage.vue'), meta: { title: '登录', bare: true } },
]
