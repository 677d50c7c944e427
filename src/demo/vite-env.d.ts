// Vite's `?inline` suffix: the stylesheet's text as a string, not injected into the page.
declare module "*.css?inline" {
  const css: string;
  export default css;
}
