/**
 * The part of autocannon's API the load bench uses (the package ships no types, and `@types/autocannon`
 * would be a dependency for three fields).
 */
declare module 'autocannon' {
  interface Options {
    url: string
    connections: number
    duration: number
    headers?: Record<string, string>
  }
  interface Result {
    latency: { p50: number; p99: number }
    requests: { average: number; total: number }
    errors: number
    timeouts: number
    non2xx: number
  }
  export default function autocannon(options: Options): Promise<Result>
}
