// The Content-Security-Policy of every page in web/: the same text is in each page's
// <meta http-equiv="Content-Security-Policy"> (tests/e2e/csp.test.mjs checks it) and in the
// header static-server.mjs sends (which also covers the Workers: a meta tag does not reach them).
//   script-src 'self' 'wasm-unsafe-eval': our own module files only, no inline script, no eval;
//     WebAssembly compilation needs 'wasm-unsafe-eval' (the engine is built with
//     -sDYNAMIC_EXECUTION=0, so its glue code needs no eval).
//   style-src 'self': stylesheets only; scripts set styles through the CSSOM, not style="…".
//   img-src data: the favicon (data:,); blob: images of exports.
//   frame-src http: https:: the Embed dialog previews the playground from the address the author
//     typed (their own copy), and the example host page frames it from another origin.
//   frame-ancestors is absent on purpose: embedding in any course page is a feature, and a meta
//     tag cannot carry it anyway.
// The single-file build (build-scripts/single/) inlines its scripts and has a policy of its own.
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const cspMeta = (policy = PAGE_CSP) => `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
