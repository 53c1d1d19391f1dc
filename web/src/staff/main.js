// Entry of the staff app (served at /staff/): Element Plus in Chinese, the router, the session.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { loadCodes } from '../shared/codes.js'
import { router } from './router.js'
import './staff.css'

loadCodes().then(() => createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app'))
