// The ESM consumer: `import` resolves each package's `exports["."].import` (dist/*.js).
import * as jwt from '@alokai/auth-jwt'
import * as oidc from '@alokai/auth-oidc'
import * as crypto from '@alokai/crypto'
import * as env from '@alokai/env'
import * as jose from 'jose'
import * as zod from 'zod'
import smoke from './checks.cjs'

const names = ['@alokai/env', '@alokai/crypto', '@alokai/auth-jwt', '@alokai/auth-oidc']
const loadedFrom = Object.fromEntries(names.map((name) => [name, import.meta.resolve(name)]))
const checks = await smoke.runSmoke({ env, zod, crypto, jwt, oidc, jose })
smoke.report('esm', checks, loadedFrom)
