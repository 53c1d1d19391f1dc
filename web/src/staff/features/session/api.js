// The API calls of the session feature beyond signing in and out (those live in the shared client,
// because they set its CSRF token): changing one's own password.
import { request } from '../../../shared/api.js'

export const changePassword = (body) => request('POST', '/session/password', { body })
