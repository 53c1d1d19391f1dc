// Loads the server's code dictionary (GET /api/v1/codes) into the label objects of format.js.
// Each app awaits it before mounting; should it fail, pages show the codes themselves.
import { getCodes } from './api.js'
import { setCodes } from './format.js'

export async function loadCodes() {
  try {
    setCodes(await getCodes())
  } catch {
    // offline or server error: labels stay empty and pages fall back to the codes
  }
}
