// The staff forms' submit helper is the shared one (web/src/shared/useFormErrors.js), so the
// citizen form and every staff form point at their errors the same way. Kept here so the
// features' imports stay as they are.
export { changedKeys, formField, pointAt, pointAtFirst, sortErrors, useFormErrors, useSubmit } from '../../shared/useFormErrors.js'
