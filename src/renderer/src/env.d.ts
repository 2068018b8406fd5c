/** Vite bundles stylesheets imported from the renderer. */
declare module '*.css';
