/**
 * The HMAC backend of the Node build: tsup.config.ts substitutes this module for `runtime-hmac.ts` when
 * building `dist/node`.
 */
export { nodeHmac as runtimeHmac } from './hmac-node.ts'
