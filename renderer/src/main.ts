/**
 * The renderer's entry: Vue, Pinia and vue-i18n, then the connection to the simulation
 * (the Electron bridge if there is one, else a Web Worker).
 */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { useConnectionStore } from './stores/connection'
import './theme.css'

const pinia = createPinia()
createApp(App).use(pinia).use(createAppI18n()).mount('#app')
void useConnectionStore(pinia).start()
