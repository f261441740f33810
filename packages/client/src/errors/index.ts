/**
 * The error hierarchy: one base class, one subclass per failure, each with a stable code.
 *
 * @module
 */

export { PlugNmeetApiError, type ServerRefusal } from './api-error.js';
export { PlugNmeetAuthError } from './auth-error.js';
export { isPlugNmeetError, PlugNmeetError, type PlugNmeetErrorCode } from './base.js';
export { PlugNmeetNetworkError } from './network-error.js';
export { BODY_START_LENGTH, PlugNmeetResponseError } from './response-error.js';
export { PlugNmeetTimeoutError } from './timeout-error.js';
