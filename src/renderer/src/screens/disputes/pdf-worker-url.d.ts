/** Vite's `?url` import: the built URL (on the app's own origin) of pdf.js's worker file. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
