/**
 * The HMAC backend of this build. This module is the Web Crypto one (workerd, browsers, the `default`
 * export condition); the Node build (`dist/node`, selected by the `node` condition) is made from the same
 * sources with this one module replaced by `runtime-hmac.node.ts` (see tsup.config.ts), so the web build
 * never imports `node:*`.
 */
export { webHmac as runtimeHmac } from './hmac-web.ts'
