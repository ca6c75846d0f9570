/** Fixture files imported as text (`./x.yml?raw`): vite inlines them, so they load in Node and workerd. */
declare module '*?raw' {
  const text: string
  export default text
}
